"""Households in the security tests: a Bedarfsgemeinschaft per case (the case's person its only
member, so that who may record a benefit month is the person rule: the coordination office and
the writing organisations that see the person's participation), and a valid body for the form."""

from __future__ import annotations

from django.urls import reverse

from stufenweg.people.models import Household


def household_objects(case, person, code: str) -> None:
    """A household ``code`` with ``person`` as its member (``case.household``)."""
    case.household = Household.objects.create(household_id=code)
    person.household = case.household
    person.household_role = "applicant"
    person.save(update_fields=["household", "household_role"])


def write_objects(ww) -> None:
    for which, case in ww.cases.items():
        household_objects(case, case.participation.person, f"BG-W-{which}")


def month_record(ww, which, persona):
    return reverse("people:household_month", args=[ww.cases[which].household.pk]), {
        "month": "2024-05",
        "members": "2",
        "llu": "1012,50",
        "kdu": "455,00",
    }
