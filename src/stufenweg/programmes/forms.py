"""Forms of the programme administration: a programme with its settings, a stage with its rules and
next stages, a caseload ratio. They only collect and check the input; the services validate again
and write (``programmes.services``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from stufenweg.journeys.codes import EmploymentKind, ExitStatus
from stufenweg.programmes.models import CaseloadRatio, Programme, ReasonCode, Stage


class ServiceValidatedForm(forms.ModelForm):
    """A model form that fills its instance but leaves the model's checks (uniqueness, age range,
    constraints) to the service, which says in German what is wrong and where, naming the other
    programme or stage; the fields' own checks (numbers, dates, choices) stay here."""

    def _post_clean(self):
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        except ValidationError as error:
            self._update_errors(error)


class ProgrammeForm(ServiceValidatedForm):
    in_work_kinds = forms.MultipleChoiceField(
        label=_("„in Arbeit“: Beschäftigungsarten"),
        choices=EmploymentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Beschäftigungen dieser Arten zählen in den Berichten als „in Arbeit“."),
    )
    in_work_statuses = forms.MultipleChoiceField(
        label=_("„in Arbeit“: Status beim Austritt"),
        choices=ExitStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ein Austritt mit einem dieser Status zählt als „in Arbeit beim Austritt“."),
    )

    class Meta:
        model = Programme
        fields = [
            "code",
            "name",
            "description",
            "ltu_rule",
            "upon_leaving_days",
            "follow_up_months",
            "max_months",
            "reactivation_needs_assessment",
            "reactivation_after_referral",
            "active",
        ]
        labels = {
            "code": _("Kürzel"),
            "name": _("Name"),
            "description": _("Beschreibung"),
            "ltu_rule": _("Regel Langzeitarbeitslosigkeit"),
            "upon_leaving_days": _("Fenster „beim Austritt“ (Tage)"),
            "follow_up_months": _("Verbleibszeitpunkt (Monate nach Austritt)"),
            "max_months": _("Höchstdauer über alle Stufen (Monate ab dem ersten Eintritt)"),
            "reactivation_needs_assessment": _("Reaktivierung nur mit neuer Eignungsfeststellung"),
            "reactivation_after_referral": _("Reaktivierung nach erneuter Zuweisung möglich"),
            "active": _("aktiv"),
        }
        help_texts = {
            "code": _(
                "Kurz und eindeutig, z. B. „JPS“; erscheint in Listen, Berichten und im Austauschformat."
            ),
            "upon_leaving_days": _(
                "Tage nach dem Austritt, in denen eine Arbeitsaufnahme als „beim Austritt“ zählt."
            ),
            "max_months": _("Leer: keine Höchstdauer über alle Stufen."),
            "active": _("Nicht aktive Programme bleiben mit ihren Daten erhalten."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ltu_rule"].choices = [
            (Programme.LtuRule.TWELVE_MONTHS, _("Langzeitarbeitslos ab 12 Monaten")),
            (Programme.LtuRule.EU_AGE, _("EU-Regel: unter 25 mehr als 6, ab 25 mehr als 12 Monate")),
        ]
        # a new programme starts with the model's defaults (SV-pflichtig and selbstständig)
        self.initial.setdefault("in_work_kinds", list(self.instance.in_work_kinds or ()))
        self.initial.setdefault("in_work_statuses", list(self.instance.in_work_statuses or ()))

    def apply(self) -> Programme:
        """The programme with the entered values, not saved (the service saves)."""
        programme = self.save(commit=False)
        programme.in_work_kinds = list(self.cleaned_data["in_work_kinds"])
        programme.in_work_statuses = list(self.cleaned_data["in_work_statuses"])
        return programme


class StageForm(ServiceValidatedForm):
    next_stages = forms.ModelMultipleChoiceField(
        label=_("Zulässige Folgestufen"),
        queryset=Stage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Keine angekreuzt: jede Stufe des Programms darf folgen."),
    )

    class Meta:
        model = Stage
        fields = [
            "code",
            "name",
            "position",
            "min_age",
            "max_age",
            "min_unemployed_months",
            "max_months",
            "extendable",
        ]
        labels = {
            "code": _("Kürzel"),
            "name": _("Name"),
            "position": _("Position in der Reihenfolge"),
            "min_age": _("Mindestalter bei Eintritt"),
            "max_age": _("Höchstalter bei Eintritt"),
            "min_unemployed_months": _("Mindestdauer der Arbeitslosigkeit (Monate)"),
            "max_months": _("Höchstdauer (Monate)"),
            "extendable": _("verlängerbar"),
        }
        help_texts = {
            "min_age": _("Leer: keine Untergrenze."),
            "max_age": _("Leer: keine Obergrenze."),
            "max_months": _("Leer: keine Höchstdauer der Stufe."),
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        others = Stage.objects.filter(programme=programme).order_by("position")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.initial.setdefault(
                "next_stages", list(self.instance.next_stages.values_list("pk", flat=True))
            )
        self.fields["next_stages"].queryset = others
        self.fields["next_stages"].label_from_instance = lambda s: f"{s.position}. {s.name} ({s.code})"
        if not self.instance.pk and not self.is_bound:
            last = others.last()
            self.initial["position"] = (last.position + 1) if last else 1  # next free place


class CaseloadRatioForm(ServiceValidatedForm):
    class Meta:
        model = CaseloadRatio
        fields = ["valid_from", "ratio"]
        labels = {"valid_from": _("Gültig ab"), "ratio": _("Teilnehmende je Fachkraft")}
        help_texts = {
            "valid_from": _("Der Schlüssel gilt von diesem Tag an bis zum Beginn des nächsten."),
            "ratio": _("Für 1:65 die Zahl 65 eintragen."),
        }
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme


class ReasonCodeForm(ServiceValidatedForm):
    """A code of a programme's list of reasons. Code and list are chosen once, when it is added."""

    class Meta:
        model = ReasonCode
        fields = ["purpose", "code", "label", "position", "active"]
        labels = {
            "purpose": _("Liste"),
            "code": _("Code"),
            "label": _("Bezeichnung"),
            "position": _("Reihenfolge"),
            "active": _("aktiv (bei neuen Verlängerungen und Austritten wählbar)"),
        }
        help_texts = {
            "code": _("Kleinbuchstaben, Ziffern, - und _; so steht er in events.csv und in der API."),
            "active": _(
                "Ein verwendeter Code wird nicht gelöscht, sondern deaktiviert; Berichte zählen ihn weiter."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [
            (ReasonCode.Purpose.EXTENSION, _("Gründe für Verlängerungen")),
            (ReasonCode.Purpose.EXIT, _("Gründe für Austritte")),
        ]
        if self.instance.pk:
            for name in ("purpose", "code"):
                self.fields[name].disabled = True
