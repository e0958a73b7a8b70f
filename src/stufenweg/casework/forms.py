"""Forms of the casework screens (list filters, casework entries, referral, reassignment)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import DateInput, date_field
from stufenweg.casework.models import Appointment, ContactKind, Goal, KeyArea, PlanAction
from stufenweg.casework.selectors import SORTS, ListFilters
from stufenweg.core.params import BoundedDateField, IdsChoiceField, parse_id
from stufenweg.journeys.codes import State
from stufenweg.organisations.models import Region, User
from stufenweg.organisations.ordering import name_key, order_choices, staff_key
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure, Programme, Stage

FILTER_KEYS = (
    "programme",
    "stage",
    "region",
    "measure",
    "status",
    "caseworker",
    "waiting",
    "overdue",
    "no_event",
    "sort",
)

SORT_LABELS = {
    "name": _("Name (A–Z)"),
    "-name": _("Name (Z–A)"),
    "stage": _("Stufe (aufsteigend)"),
    "-stage": _("Stufe (absteigend)"),
    "since": _("Status seit (älteste zuerst)"),
    "-since": _("Status seit (neueste zuerst)"),
    "planned_end": _("geplantes Ende (nächstes zuerst)"),
    "-planned_end": _("geplantes Ende (spätestes zuerst)"),
    "next_appointment": _("nächster Termin (bald zuerst)"),
    "-next_appointment": _("nächster Termin (spät zuerst)"),
    "last_contact": _("letzter Kontakt (längster zuerst)"),
    "-last_contact": _("letzter Kontakt (jüngster zuerst)"),
}


class ListFilterForm(forms.Form):
    """GET filters of the participant list: ids and codes only, plus the search term ``q``."""

    q = forms.CharField(
        label=_("Suche (Name oder Personen-ID)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    programme = forms.ModelChoiceField(label=_("Programm"), queryset=Programme.objects.none(), required=False)
    stage = forms.ModelChoiceField(label=_("Stufe"), queryset=Stage.objects.none(), required=False)
    region = order_choices(
        forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False), name_key
    )
    measure = forms.ModelChoiceField(label=_("Maßnahme"), queryset=Measure.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("laufende")), ("", _("alle")), *State.choices],
        required=False,
    )
    caseworker = forms.ChoiceField(label=_("Fallverantwortliche/r"), required=False)
    waiting = forms.BooleanField(label=_("nur Warteliste"), required=False)
    overdue = forms.BooleanField(label=_("Quartalsgespräch überfällig"), required=False)
    no_event = forms.BooleanField(label=_("seit sechs Wochen ohne Ereignis"), required=False)
    sort = forms.ChoiceField(label=_("Sortierung"), choices=list(SORT_LABELS.items()), required=False)

    def __init__(self, *args, programmes, regions, measures, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = _("alle")
        self.fields["stage"].queryset = Stage.objects.filter(programme__in=programmes).select_related(
            "programme"
        )
        self.fields["stage"].label_from_instance = lambda s: f"{s.programme.code} · {s.name}"
        self.fields["stage"].empty_label = _("alle")
        self.fields["region"].queryset = regions
        self.fields["region"].empty_label = _("alle")
        self.fields["measure"].queryset = measures
        self.fields["measure"].label_from_instance = lambda m: m.code
        self.fields["measure"].empty_label = _("alle")
        self.fields["caseworker"].choices = [
            ("", _("alle")),
            ("none", _("ohne Zuordnung")),
            *[(str(u.pk), str(u)) for u in sorted(caseworkers, key=staff_key)],
        ]

    def filters(self) -> ListFilters:
        """The valid filters (an invalid one, e.g. an unknown id, is ignored, not the others)."""
        if not self.is_bound:
            return ListFilters(status="active")
        self.is_valid()
        d = self.cleaned_data
        caseworker = d.get("caseworker") or ""

        def pk(name):
            return d[name].pk if d.get(name) else None

        return ListFilters(
            q=d.get("q", ""),
            programme=pk("programme"),
            stage=pk("stage"),
            region=pk("region"),
            measure=pk("measure"),
            status=d.get("status", ""),
            caseworker=parse_id(caseworker),
            no_caseworker=caseworker == "none",
            waiting=bool(d.get("waiting")),
            overdue_review=bool(d.get("overdue")),
            no_event=bool(d.get("no_event")),
            sort=d.get("sort") if d.get("sort") in SORTS else "name",
        )


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Name des Filters"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art des Kontakts"), choices=ContactKind.choices)
    occurred_on = date_field()
    notes = forms.CharField(
        label=_("Notiz"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wird verschlüsselt gespeichert und nicht durchsucht."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class AppointmentForm(forms.Form):
    day = date_field(_("Tag"))
    time = forms.TimeField(label=_("Uhrzeit"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    kind = forms.ChoiceField(label=_("Anlass"), choices=ContactKind.choices)
    place = forms.CharField(label=_("Ort"), required=False, max_length=120)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            import datetime as dt

            data["starts_at"] = timezone.make_aware(dt.datetime.combine(data["day"], data["time"]))
        return data


class AppointmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), choices=Appointment.Status.choices)


class NeedsAssessmentForm(forms.Form):
    key_area = forms.ChoiceField(label=_("Schlüsselbereich"), choices=KeyArea.choices)
    rating = forms.TypedChoiceField(
        label=_("Einschätzung"),
        coerce=int,
        choices=[
            (1, _("1 – großer Förderbedarf")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – kein Förderbedarf")),
        ],
    )
    assessed_on = date_field(_("eingeschätzt am"))
    notes = forms.CharField(
        label=_("Notiz"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird verschlüsselt gespeichert und nicht durchsucht."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Ziel"), max_length=200)
    key_area = forms.ChoiceField(label=_("Schlüsselbereich"), choices=KeyArea.choices)
    due_on = date_field(_("Zieldatum"), required=False)


class GoalEditForm(GoalForm):
    """Correct an existing goal (the status has its own form)."""

    def __init__(self, *args, goal: Goal, **kwargs):
        kwargs["initial"] = {"title": goal.title, "key_area": goal.key_area, "due_on": goal.due_on}
        super().__init__(*args, **kwargs)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), choices=Goal.Status.choices)


class PlanActionForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Ziel"), queryset=Goal.objects.none(), empty_label=_("Bitte wählen")
    )
    description = forms.CharField(label=_("Schritt"), max_length=300)
    responsible = forms.CharField(label=_("verantwortlich"), max_length=120)
    due_on = date_field(_("fällig am"), required=False)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class PlanActionEditForm(forms.Form):
    """Correct an existing step. "erledigt am" is offered only for a step at 100 %; the progress
    has its own form."""

    description = forms.CharField(label=_("Schritt"), max_length=300)
    responsible = forms.CharField(label=_("verantwortlich"), max_length=120)
    due_on = date_field(_("fällig am"), required=False)
    done_on = date_field(_("erledigt am"))

    def __init__(self, *args, action: PlanAction, **kwargs):
        kwargs["initial"] = {
            "description": action.description,
            "responsible": action.responsible,
            "due_on": action.due_on,
            "done_on": action.done_on,
        }
        super().__init__(*args, **kwargs)
        if action.progress < 100:
            del self.fields["done_on"]


class ProgressForm(forms.Form):
    progress = forms.TypedChoiceField(
        label=_("Fortschritt"), coerce=int, choices=[(v, f"{v} %") for v in (0, 25, 50, 75, 100)]
    )


class ReferForm(forms.Form):
    """Referral of a new person by a Jobcenter (or office): person data and the referral."""

    # Nothing is preselected that the referrer has to decide (gender, programme, region): an
    # empty choice and a German error when it is missing. The other characteristics are recorded
    # later on the person page („Angaben bearbeiten“).
    person_id = forms.CharField(
        label=_("Personen-ID"),
        max_length=64,
        help_text=_("Kennung der Person im Fachverfahren des Jobcenters (Schlüssel für den Datenaustausch)."),
        error_messages={"required": _("Bitte geben Sie die Personen-ID an.")},
    )
    last_name = forms.CharField(
        label=_("Nachname"),
        max_length=100,
        error_messages={"required": _("Bitte geben Sie den Nachnamen an.")},
    )
    first_name = forms.CharField(
        label=_("Vorname"), max_length=100, error_messages={"required": _("Bitte geben Sie den Vornamen an.")}
    )
    birth_date = BoundedDateField(
        label=_("Geburtsdatum"),
        widget=DateInput(),
        help_text=_("Entscheidet über die Altersgrenzen der Stufen und die ESF-Altersgruppen."),
        error_messages={"required": _("Bitte geben Sie das Geburtsdatum an.")},
    )
    gender = forms.ChoiceField(
        label=_("Geschlecht"),
        choices=[("", _("Bitte wählen")), *Person.Gender.choices],
        help_text=_("Wie die Person es angibt; „keine Angabe“, wenn sie es nicht sagen möchte."),
        error_messages={"required": _("Bitte wählen Sie das Geschlecht aus (oder „keine Angabe“).")},
    )
    programme = forms.ModelChoiceField(
        label=_("Programm"),
        queryset=Programme.objects.none(),
        empty_label=_("Bitte wählen"),
        help_text=_("Das Programm, in das die Person zugewiesen wird."),
        error_messages={"required": _("Bitte wählen Sie das Programm aus.")},
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        empty_label=_("Bitte wählen"),
        help_text=_("Die Region, deren Regionalstelle die Eignungsfeststellung übernimmt."),
        error_messages={"required": _("Bitte wählen Sie die Region aus.")},
    )
    referrer = forms.ModelChoiceField(
        label=_("zuweisende Stelle"),
        queryset=None,
        empty_label=_("Bitte wählen"),
        help_text=_("Das Jobcenter, das die Person zuweist."),
        error_messages={"required": _("Bitte wählen Sie die zuweisende Stelle aus.")},
    )
    occurred_on = date_field(
        _("Datum der Zuweisung"),
        help_text=_("Der Tag, an dem die Zuweisung ausgestellt wurde (vorbelegt: heute)."),
        error_messages={"required": _("Bitte geben Sie das Datum der Zuweisung an.")},
    )

    def __init__(self, *args, programmes, referrers, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["region"].queryset = Region.objects.all()
        self.fields["referrer"].queryset = referrers
        order_choices(self.fields["region"], name_key)
        order_choices(self.fields["referrer"], name_key)
        if referrers.count() == 1:
            self.fields["referrer"].initial = referrers.first()


class ReassignForm(forms.Form):
    participations = IdsChoiceField(label=_("Teilnahmen"), queryset=None, widget=forms.CheckboxSelectMultiple)
    caseworker = order_choices(
        forms.ModelChoiceField(
            label=_("neue/r Fallverantwortliche/r"),
            queryset=User.objects.none(),
            empty_label=_("Bitte wählen"),
        ),
        staff_key,
    )

    def __init__(self, *args, participations, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participations"].queryset = participations
        self.fields["participations"].label_from_instance = lambda p: f"{p.person} ({p.programme.code})"
        self.fields["caseworker"].queryset = caseworkers
