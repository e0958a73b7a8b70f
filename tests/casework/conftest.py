"""Fixtures for casework tests: journeys in the shared ``world`` and a read-only user."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.casework.services import search_index_update
from stufenweg.organisations.models import Membership
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory


@pytest.fixture
def read_only(world):
    """A read-only member of the regional office A (sees region A, may not act)."""
    return MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user


def make_person(last_name: str, first_name: str, person_id: str, **kwargs):
    person = PersonFactory(
        last_name=last_name,
        first_name=first_name,
        person_id=person_id,
        birth_date=dt.date(1980, 5, 17),
        **kwargs,
    )
    search_index_update(persons=[person])
    return person


@pytest.fixture
def journey(world):
    """Müller, Jürgen: referred by Jobcenter A to region A, entered measure MA (stage 3)."""
    person = make_person("Müller", "Jürgen", "P-1001")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    participation.refresh_from_db()
    return participation
