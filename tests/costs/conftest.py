"""The household BG-KOSTEN and the two cost entries of ``test_balance.py`` (hand-counted there)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.costs import services
from stufenweg.people.models import Household, HouseholdMonth
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

BEFORE = {(2021, 10): 1700, (2021, 11): 1750, (2021, 12): 1800, (2022, 1): 1800, (2022, 2): 1800}
ROWS = {
    (2022, 3): ("1200", "600"),  # the comparison month
    (2022, 4): ("1200", "600"),
    (2022, 5): ("1200", "600"),
    (2022, 6): ("700", "600"),
    (2022, 7): ("300", "600"),
    (2022, 9): ("0", "0"),
    (2022, 10): ("1400", "600"),
}


@pytest.fixture
def household(world):
    bg = Household.objects.create(household_id="BG-KOSTEN")
    for (year, month), total in BEFORE.items():
        HouseholdMonth.objects.create(
            household=bg, month=dt.date(year, month, 1), members=3, llu=Decimal(total - 600), kdu=Decimal(600)
        )
    for (year, month), (llu, kdu) in ROWS.items():
        HouseholdMonth.objects.create(
            household=bg, month=dt.date(year, month, 1), members=3, llu=Decimal(llu), kdu=Decimal(kdu)
        )
    anna = PersonFactory(first_name="Anna", last_name="Kostenprobe", household=bg, household_role="applicant")
    PersonFactory(first_name="Ben", last_name="Kostenprobe", household=bg, household_role="partner")
    PersonFactory(first_name="Cleo", last_name="Kostenprobe", household=bg, household_role="child")
    enter(world, start_journey(world, anna), on=dt.date(2022, 4, 1))
    return bg


@pytest.fixture
def costs(world):
    common = {
        "programme": world.programme,
        "organisation": world.coordination,
        "category": "staff",
        "by": None,
    }
    services.cost_entry_save(
        **common,
        monthly_amount=Decimal("1000"),
        valid_from=dt.date(2022, 4, 1),
        valid_to=dt.date(2022, 6, 30),
    )
    services.cost_entry_save(**common, monthly_amount=Decimal("600"), valid_from=dt.date(2022, 7, 1))
