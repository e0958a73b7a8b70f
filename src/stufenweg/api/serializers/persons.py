"""Persons in the columns of persons.csv (EXCHANGE_FORMAT.md)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField
from stufenweg.people.models import Person, YesNoNa

PERSON_FIELDS = [
    "id",
    "person_id",
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "nationality",
    "foreign_background",
    "disability",
    "minority",
    "homeless",
    "rural",
    "isced",
    "vocational_qualification",
    "single_parent",
    "household_id",
    "household_role",
    "postcode",
    # target groups (extension of persons.csv, docs/exchange.md)
    "returner",
    "long_term_benefit",
    "refugee",
]


class PersonSerializer(serializers.ModelSerializer):
    household_id = serializers.CharField(
        source="household.household_id", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        read_only_fields = fields


def _yes_no_na(label: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=YesNoNa.choices, required=False, allow_blank=True, default="", label=label
    )


class PersonCreateSerializer(serializers.Serializer):
    """What a caseworker may give when creating a person (validation, then ``person_create``)."""

    person_id = serializers.CharField(max_length=64, help_text=_("Schlüssel des Quellsystems, eindeutig"))
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    birth_date = BoundedDateField()
    gender = serializers.ChoiceField(choices=Person.Gender.choices, default=Person.Gender.NO_ANSWER)
    nationality = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    foreign_background = _yes_no_na("foreign_background")
    disability = _yes_no_na("disability")
    minority = _yes_no_na("minority")
    homeless = _yes_no_na("homeless")
    rural = _yes_no_na("rural")
    isced = serializers.IntegerField(min_value=0, max_value=8, required=False, allow_null=True, default=None)
    vocational_qualification = serializers.BooleanField(required=False, allow_null=True, default=None)
    single_parent = serializers.BooleanField(required=False, allow_null=True, default=None)
    household_id = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "BG-Nummer. Eine neue Nummer legt die Bedarfsgemeinschaft an; einer bestehenden kann nur "
            "zuordnen, wer bereits ein Mitglied in seinem Zuständigkeitsbereich hat."
        ),
    )
    household_role = serializers.ChoiceField(
        choices=Person.HouseholdRole.choices, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    returner = _yes_no_na("returner")
    long_term_benefit = _yes_no_na("long_term_benefit")
    refugee = _yes_no_na("refugee")

    def validate_birth_date(self, value: dt.date) -> dt.date:
        if value > timezone.localdate():
            raise serializers.ValidationError(_("Das Geburtsdatum liegt in der Zukunft."))
        return value
