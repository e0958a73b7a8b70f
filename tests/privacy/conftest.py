"""A small world with data of every kind the erasure must handle (synthetic throughout)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from stufenweg.casework import services as casework
from stufenweg.core.audit import audit_read
from stufenweg.journeys import services
from stufenweg.people.models import Household, HouseholdMonth
from stufenweg.privacy.models import RetentionRule
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

MARKERS = [
    "Zyxwander",
    "Quaxelinde",
    "Diabetes-Vermerk-4711",
    "Umzug-nach-Koeln-0815",
    "Fuehrerschein-Ziel-42",
]


@dataclass
class Scenario:
    world: object
    p1: object  # closed, household with p2, notes of every kind
    p2: object  # closed, same household
    p3: object  # still in a measure


@pytest.fixture
def scenario(world) -> Scenario:
    staff = world.personas["regional"]
    household = Household.objects.create(household_id="BG-778899")
    for month in (dt.date(2022, m, 1) for m in range(1, 13)):
        HouseholdMonth.objects.create(household=household, month=month, members=2, llu=800, kdu=400)
    HouseholdMonth.objects.filter(household=household, month=dt.date(2022, 10, 1)).update(llu=0, kdu=0)

    p1 = PersonFactory(
        person_id="P-ZYX-1",
        first_name="Quaxelinde",
        last_name="Zyxwander",
        birth_date=dt.date(1997, 2, 7),
        nationality="SY",
        postcode="01067",
        household=household,
        household_role="applicant",
        gender="f",
        disability="yes",
    )
    part1 = start_journey(world, p1, by=staff)
    enter(world, part1, on=dt.date(2022, 3, 1), planned_end=dt.date(2022, 12, 31), by=staff)
    casework.contact_record(
        participation=part1, kind="phone", on=dt.date(2022, 3, 5), notes="Diabetes-Vermerk-4711", by=staff
    )
    casework.goal_add(
        participation=part1, title="Fuehrerschein-Ziel-42", key_area="qualification", due_on=None, by=staff
    )
    services.enrolment_exit(
        participation=part1,
        on=dt.date(2022, 6, 30),
        kind="early_neutral",
        statuses=["job_seeking"],
        reason="Umzug-nach-Koeln-0815",
        by=staff,
    )
    services.employment_start_record(participation=part1, on=dt.date(2022, 7, 15), kind="svb", by=staff)
    audit_read(actor=staff, person=p1, purpose="Fallarbeit", summary="Akte Zyxwander geöffnet")

    p2 = PersonFactory(
        person_id="P-ZYX-2",
        first_name="Bernd",
        last_name="Zyxwander",
        birth_date=dt.date(1980, 5, 17),
        nationality="FR",
        household=household,
        household_role="partner",
        gender="m",
    )
    part2 = start_journey(world, p2, by=staff)
    enter(world, part2, on=dt.date(2022, 2, 1), by=staff)
    services.enrolment_exit(
        participation=part2,
        on=dt.date(2022, 4, 29),
        kind="regular",
        statuses=["employed_svb"],
        by=staff,
    )

    p3 = PersonFactory(person_id="P-OPEN-3", last_name="Offenbleib", birth_date=dt.date(1990, 1, 1))
    part3 = start_journey(world, p3, by=staff)
    enter(world, part3, on=dt.date(2022, 2, 1), by=staff)

    RetentionRule.objects.create(programme=None, months_after_last_event=12, basis="Test")
    return Scenario(world=world, p1=p1, p2=p2, p3=p3)
