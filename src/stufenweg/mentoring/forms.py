"""Forms of mentoring (in the action panel of the participant page)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import date_field
from stufenweg.mentoring.models import DEFAULT_SUPPORT_MONTHS, MAX_MONTHS, MIN_MONTHS, EntryKind
from stufenweg.organisations.codes import ContactTopic
from stufenweg.organisations.models import Organisation
from stufenweg.organisations.ordering import name_key, order_choices, staff_key
from stufenweg.programmes.models import Programme


class _Choice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    organisation = order_choices(
        forms.ModelChoiceField(
            label=_("Mentorenprojekt"), queryset=Organisation.objects.none(), empty_label=_("Bitte wählen")
        ),
        name_key,
    )
    mentor = order_choices(
        _Choice(
            label=_("Mentorin/Mentor"), queryset=Organisation.objects.none(), empty_label=_("Bitte wählen")
        ),
        staff_key,
    )
    started_on = date_field(label=_("Beginn"))
    ended_on = date_field(label=_("Ende (falls bekannt)"), required=False)

    def __init__(self, *args, projects, candidates, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("started_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[p.pk for p in projects])
        if len(projects) == 1:
            self.fields["organisation"].initial = projects[0].pk
        self.fields["mentor"].queryset = candidates


class EntryForm(forms.Form):
    occurred_on = date_field(label=_("Datum"))
    kind = forms.ChoiceField(label=_("Art"), choices=[("", _("Bitte wählen")), *EntryKind.choices])
    topic = forms.CharField(label=_("Thema"), max_length=200)
    employer = order_choices(
        forms.ModelChoiceField(
            label=_("Arbeitgeber (bei Arbeitgeberkontakt)"),
            required=False,
            queryset=Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, active=True),
            empty_label="–",
        ),
        name_key,
    )
    employer_topic = forms.ChoiceField(
        label=_("Anlass des Arbeitgeberkontakts"), required=False, choices=[("", "–"), *ContactTopic.choices]
    )
    notes = forms.CharField(
        label=_("Notiz"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird verschlüsselt gespeichert und nicht durchsucht."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_of(cls, entry) -> dict:
        """The form's values for correcting ``entry``."""
        contact = entry.employer_contact
        return {
            "occurred_on": entry.occurred_on,
            "kind": entry.kind,
            "topic": entry.topic,
            "notes": entry.notes,
            "employer": contact.employer_id if contact else None,
            "employer_topic": contact.topic if contact else "",
        }


def months_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=_("Monate"), min_value=MIN_MONTHS, max_value=MAX_MONTHS, **kwargs)


class AftercareForm(forms.Form):
    placement = forms.ModelChoiceField(label=_("Vermittlung"), queryset=Organisation.objects.none())
    months = months_field(initial=DEFAULT_SUPPORT_MONTHS)

    def __init__(self, *args, placements, default_months=DEFAULT_SUPPORT_MONTHS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].initial = default_months
        self.fields["months"].help_text = _(
            "Vorgabe des Mentorenprojekts für dieses Programm: %(months)s Monate"
        ) % {"months": default_months}
        field = self.fields["placement"]
        field.queryset = placements
        field.empty_label = _("Bitte wählen")
        if not placements.exists():
            # nothing to choose: say what comes first instead of an empty list
            hint = _(
                "Noch keine Vermittlung erfasst: zuerst auf der Teilnahmeseite „Beschäftigungsbeginn“ erfassen."
            )
            field.empty_label = _("keine Vermittlung erfasst")
            field.help_text = hint
            field.error_messages["required"] = _("Ohne Vermittlung kann keine Nachbetreuung beginnen.")
        self.fields["placement"].label_from_instance = lambda e: (
            f"{e.occurred_on:%d.%m.%Y} – {e.get_employment_kind_display()}"
        )


class EndForm(forms.Form):
    ended_on = date_field(label=_("Ende"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("ended_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class AftercareDefaultForm(forms.Form):
    organisation = order_choices(
        forms.ModelChoiceField(label=_("Mentorenprojekt"), queryset=Organisation.objects.none()), name_key
    )
    programme = forms.ModelChoiceField(label=_("Programm"), queryset=Programme.objects.order_by("code"))
    months = months_field(
        help_text=_("Gilt für Nachbetreuungen, die ab jetzt beginnen; laufende behalten ihre Dauer.")
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = projects
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} – {p.name}"
        if len(self.fields["organisation"].queryset) == 1 and not self.initial.get("organisation"):
            self.initial["organisation"] = self.fields["organisation"].queryset[0].pk
