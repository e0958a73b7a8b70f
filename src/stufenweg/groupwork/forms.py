"""Forms of the group-work pages (German labels and errors next to the fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import DateInput
from stufenweg.core.params import BoundedDateField
from stufenweg.groupwork.models import Attendance, EventKind
from stufenweg.organisations.models import Region
from stufenweg.organisations.ordering import name_key, order_choices
from stufenweg.programmes.models import Programme


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=EventKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    organiser = order_choices(
        forms.ModelChoiceField(label=_("Veranstalter"), queryset=None, empty_label=None), name_key
    )
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programme"), queryset=Programme.objects.order_by("name"), widget=forms.CheckboxSelectMultiple
    )
    region = order_choices(
        forms.ModelChoiceField(
            label=_("Region"),
            queryset=Region.objects.all(),
            required=False,
            empty_label=_("Region des Veranstalters"),
        ),
        name_key,
    )
    place = forms.CharField(label=_("Ort"), max_length=200)
    capacity = forms.IntegerField(
        label=_("Plätze"),
        min_value=1,
        max_value=10000,
        error_messages={"min_value": _("Mindestens ein Platz.")},
    )

    def __init__(self, *args, organisers=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organiser"]
        else:
            ids = [o.pk for o in organisers]
            from stufenweg.organisations.models import Organisation

            self.fields["organiser"].queryset = Organisation.objects.filter(pk__in=ids)


class SessionForm(forms.Form):
    date = BoundedDateField(label=_("Datum"), widget=DateInput())
    starts_at = forms.TimeField(label=_("Beginn"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Ende"), widget=TimeInput())

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data


class BookingForm(forms.Form):
    """The booking's POST: the participation chosen among the search hits (the page renders the
    hits itself, ``partials/booking_results.html``); ``choices`` are all the user may book."""

    participation = forms.ModelChoiceField(
        label=_("Teilnehmende Person"),
        queryset=None,
        error_messages={
            "required": _("Bitte eine Person aus den Suchtreffern wählen."),
            "invalid_choice": _("Diese Person kann hier nicht gebucht werden."),
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = choices


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Absage"),
        max_length=300,
        help_text=_("Wird den Fallverantwortlichen der gebuchten Personen mitgeteilt; bitte ohne Namen."),
    )


class ConfirmForm(forms.Form):
    """A confirmation without fields (the POST of a confirm page)."""


class FiguresForm(forms.Form):
    date_from = BoundedDateField(label=_("von"), widget=DateInput())
    date_to = BoundedDateField(label=_("bis"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        return data


def attendance_form(rows) -> type[forms.Form]:
    """A form with one choice per booked participant (``rows``: (booking, recorded status))."""
    fields = {}
    for booking, _status in rows:
        person = booking.participation.person
        fields[f"b{booking.pk}"] = forms.ChoiceField(
            label=f"{person.last_name}, {person.first_name} ({person.person_id})",
            choices=[("", _("nicht erfasst")), *Attendance.Status.choices],
            required=False,
            widget=forms.RadioSelect,
        )
    return type("AttendanceForm", (forms.Form,), fields)
