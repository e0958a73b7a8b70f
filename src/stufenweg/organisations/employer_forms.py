"""Forms of the employer contact history and of vacancies. They validate input; the services
(``organisations.employer_services``) decide and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import date_field
from stufenweg.organisations.codes import ContactKind, ContactTopic, VacancyStatus
from stufenweg.organisations.kldb import validate_kldb


class _OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class _ParticipationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.last_name}, {obj.person.first_name} ({obj.programme.code})"


class EmployerContactForm(forms.Form):
    """``organisations``: the user's recording organisations (a choice only when there are
    several); ``participations``: those the contact may concern (the user's, with an internship or
    employment start at this employer); ``programmes``: the programmes to choose from."""

    occurred_on = date_field(label=_("Datum"))
    kind = forms.ChoiceField(label=_("Art des Kontakts"), choices=ContactKind.choices)
    topic = forms.ChoiceField(label=_("Thema"), choices=ContactTopic.choices)
    programme = forms.ModelChoiceField(
        label=_("Programm"),
        queryset=None,
        required=False,
        empty_label="–",
        help_text=_("Bei einer Teilnahme ergibt es sich aus ihr."),
    )
    participation = _ParticipationChoice(
        label=_("betrifft Teilnahme"),
        queryset=None,
        required=False,
        empty_label="–",
        help_text=_("Angeboten werden Teilnehmende mit Praktikum oder Beschäftigung bei diesem Arbeitgeber."),
    )
    notes = forms.CharField(
        label=_("Notiz"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wird verschlüsselt gespeichert."),
    )
    organisation = _OrganisationChoice(
        label=_("erfassende Stelle"), queryset=None, required=False, empty_label=None
    )

    def __init__(self, *args, organisations, participations, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["participation"].queryset = participations
        if not participations.exists():
            del self.fields["participation"]
        from stufenweg.organisations.models import Organisation

        if len(organisations) > 1:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]
        if not self.is_bound and "occurred_on" not in self.initial:
            self.initial["occurred_on"] = timezone.localdate()

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in ("occurred_on", "kind", "topic", "programme", "notes")}
        values["participation"] = data.get("participation")
        return values


class VacancyForm(forms.Form):
    title = forms.CharField(label=_("Bezeichnung"), max_length=200)
    occupation = forms.CharField(
        label=_("Beruf (KldB 2010)"),
        min_length=5,
        max_length=5,
        validators=[validate_kldb],
        help_text=_(
            "Fünfstelliger Schlüssel der Klassifikation der Berufe 2010: Berufsgruppe (3 Stellen), "
            "Untergruppe, Anforderungsniveau 1–4, z. B. 29302 für Köchin/Koch als Fachkraft."
        ),
        error_messages={
            "min_length": _("Der Beruf ist ein fünfstelliger Schlüssel der KldB 2010 (z. B. 29302)."),
            "max_length": _("Der Beruf ist ein fünfstelliger Schlüssel der KldB 2010 (z. B. 29302)."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )
    hours = forms.DecimalField(
        label=_("Wochenstunden"),
        required=False,
        min_value=1,
        max_value=60,
        max_digits=4,
        decimal_places=1,
        localize=True,  # „38,5“
    )
    starts_on = date_field(label=_("Beginn"), required=False)
    places = forms.IntegerField(label=_("Plätze"), min_value=1, max_value=999, initial=1)
    status = forms.ChoiceField(label=_("Status"), choices=VacancyStatus.choices, initial=VacancyStatus.OPEN)
    published_on = date_field(label=_("gemeldet am"), required=False)
    closed_on = date_field(
        label=_("besetzt oder zurückgezogen am"),
        required=False,
        help_text=_("Leer lassen: bei „besetzt“ oder „zurückgezogen“ gilt der heutige Tag."),
    )
    organisation = _OrganisationChoice(
        label=_("erfassende Stelle"), queryset=None, required=False, empty_label=None
    )

    def __init__(self, *args, organisations=None, vacancy=None, **kwargs):
        if vacancy is not None:
            kwargs["initial"] = {name: getattr(vacancy, name) for name in vacancy.FIELDS}
        super().__init__(*args, **kwargs)
        from stufenweg.organisations.models import Organisation

        if organisations is not None and len(organisations) > 1:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]
        if not self.is_bound and vacancy is None:
            self.initial.setdefault("published_on", timezone.localdate())

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "title",
                "occupation",
                "hours",
                "starts_on",
                "places",
                "status",
                "published_on",
                "closed_on",
            )
        }


class SupportPeriodForm(forms.Form):
    von = date_field(label=_("von"), required=False)
    bis = date_field(label=_("bis"), required=False)

    def period(self):
        today = timezone.localdate()
        start, end = today.replace(month=1, day=1), today
        if self.is_valid():
            start = self.cleaned_data["von"] or start
            end = self.cleaned_data["bis"] or end
        if end < start:
            start, end = end, start
        return start, end
