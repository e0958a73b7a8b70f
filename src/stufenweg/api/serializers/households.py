"""Households (Bedarfsgemeinschaften) and their benefit months in the API, in the columns of the
exchange file households.csv (``household_id``, ``month`` as ``YYYY-MM``, ``members``, ``llu``,
``kdu``)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stufenweg.core.params import EARLIEST, LATEST
from stufenweg.people.models import Household, HouseholdMonth

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
AMOUNT = {"max_digits": 10, "decimal_places": 2, "min_value": 0, "coerce_to_string": True}


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2024-05"})
class MonthField(serializers.Field):
    """A month as ``YYYY-MM`` (the exchange format's); stored as its first day."""

    default_error_messages = {"invalid": _("Bitte den Monat als JJJJ-MM angeben (z. B. 2024-05).")}

    def to_representation(self, value):
        return value.strftime("%Y-%m")

    def to_internal_value(self, data):
        match = MONTH_RE.match(data) if isinstance(data, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < dt.MINYEAR:
            self.fail("invalid")  # year 0000 is no date at all
        day = dt.date(int(match.group(1)), int(match.group(2)), 1)
        if not EARLIEST <= day <= LATEST:
            self.fail("invalid")
        return day


class HouseholdMonthSerializer(serializers.ModelSerializer):
    household = serializers.IntegerField(source="household_id", read_only=True)
    household_id = serializers.CharField(source="household.household_id", read_only=True)
    month = MonthField(read_only=True)
    llu = serializers.DecimalField(**AMOUNT, read_only=True)
    kdu = serializers.DecimalField(**AMOUNT, read_only=True)

    class Meta:
        model = HouseholdMonth
        fields = ["id", "household", "household_id", "month", "members", "llu", "kdu"]
        read_only_fields = fields


class HouseholdSerializer(serializers.ModelSerializer):
    persons = serializers.SerializerMethodField(help_text=_("IDs der Mitglieder, die Sie sehen"))
    hidden_members = serializers.SerializerMethodField(
        help_text=_("Zahl der Mitglieder außerhalb Ihrer Sicht (nie benannt)")
    )

    class Meta:
        model = Household
        fields = ["id", "household_id", "persons", "hidden_members"]
        read_only_fields = fields

    def get_persons(self, household) -> list[int]:
        return sorted(self.context["members"].get(household.pk, []))

    def get_hidden_members(self, household) -> int:
        return self.context["hidden"].get(household.pk, 0)


class HouseholdMonthWriteSerializer(serializers.Serializer):
    """Record the benefits of one month; a month already recorded is replaced (corrected)."""

    household = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("ID der Bedarfsgemeinschaft")
    )
    month = MonthField()
    members = serializers.IntegerField(min_value=0, max_value=32767)
    llu = serializers.DecimalField(max_digits=10, decimal_places=2)
    kdu = serializers.DecimalField(max_digits=10, decimal_places=2)
