"""A household of another organisation (WENDE.PUNKT-like, sequential code) for the household tests.

Two members, both referred by Jobcenter B in region B and enrolled at Träger B, so that Jobcenter A
(persona ``jobcenter``), Träger A and Regionalbüro A see neither of them; and two benefit months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from stufenweg.people.models import Household, HouseholdMonth
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

FOREIGN_CODE = "WP-BG-00001"
FOREIGN_NAMES = ("Fremdling", "Annegret", "Bernhard")
FOREIGN_LLU = "1012,00"  # as the German page writes the amount
FOREIGN_KDU = "455,00"

NEW_PERSON = {
    "person_id": "JC-2026-0042",
    "first_name": "Erika",
    "last_name": "Angreiferin",
    "birth_date": "1985-04-12",
    "gender": "f",
}


@dataclass
class Foreign:
    household: Household
    applicant: object
    partner: object


def foreign_household(world) -> Foreign:
    household = Household.objects.create(household_id=FOREIGN_CODE)
    for month in (dt.date(2022, 1, 1), dt.date(2022, 2, 1)):
        HouseholdMonth.objects.create(
            household=household, month=month, members=2, llu=Decimal("1012.00"), kdu=Decimal("455.00")
        )
    members = []
    for first_name, role in (("Annegret", "applicant"), ("Bernhard", "partner")):
        person = PersonFactory(
            first_name=first_name,
            last_name="Fremdling",
            household=household,
            household_role=role,
            birth_date=dt.date(1980, 1, 1),
        )
        participation = start_journey(world, person, referrer=world.jobcenter_b, region=world.region_b)
        enter(world, participation, measure=world.measure_b, stage=world.s4)
        members.append(person)
    return Foreign(household, *members)


def page(person) -> str:
    return reverse("casework:participant_detail", args=[person.pk])


def referral(person_id: str, **extra) -> dict:
    return {"person_id": person_id, "programme": "JPS", "event": "referral", "date": "2022-06-01", **extra}
