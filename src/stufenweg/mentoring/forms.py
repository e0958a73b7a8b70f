"""Forms of mentoring (in the action panel of the participant page)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import date_field
from stufenweg.mentoring.models import DEFAULT_SUPPORT_MONTHS, EntryKind
from stufenweg.organisations.codes import ContactTopic
from stufenweg.organisations.models import Organisation


class _Choice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Mentorenprojekt"), queryset=Organisation.objects.none())
    mentor = _Choice(label=_("Mentorin/Mentor"), queryset=Organisation.objects.none())
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
    employer = forms.ModelChoiceField(
        label=_("Arbeitgeber (bei Arbeitgeberkontakt)"),
        required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, active=True).order_by("name"),
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


class AftercareForm(forms.Form):
    placement = forms.ModelChoiceField(label=_("Vermittlung"), queryset=Organisation.objects.none())
    months = forms.IntegerField(label=_("Monate"), min_value=1, max_value=36, initial=DEFAULT_SUPPORT_MONTHS)

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        self.fields["placement"].label_from_instance = lambda e: (
            f"{e.occurred_on:%d.%m.%Y} – {e.get_employment_kind_display()}"
        )


class EndForm(forms.Form):
    ended_on = date_field(label=_("Ende"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("ended_on", timezone.localdate())
        super().__init__(*args, **kwargs)
