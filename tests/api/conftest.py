"""Fixtures of the API tests: two journeys (region A and region B) and an API key per persona."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from stufenweg.api.models import ApiKey
from stufenweg.api.services import api_key_issue
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory


@dataclass
class Journeys:
    person_a: object
    person_b: object
    participation_a: object
    participation_b: object
    entry_a: object  # the entry event of participation_a
    entry_b: object


@pytest.fixture
def journeys(world) -> Journeys:
    """A: region A, referred by jobcenter A, enrolled at provider A (measure_a, stage 3).
    B: region B, referred by jobcenter B, enrolled at provider B (measure_b, stage 4)."""
    person_a = PersonFactory(person_id="PA-1", birth_date=dt.date(1980, 5, 17))
    person_b = PersonFactory(person_id="PB-1", birth_date=dt.date(1975, 3, 2))
    participation_a = start_journey(world, person_a)
    entry_a = enter(world, participation_a, measure=world.measure_a, stage=world.s3)
    participation_b = start_journey(world, person_b, referrer=world.jobcenter_b, region=world.region_b)
    entry_b = enter(world, participation_b, measure=world.measure_b, stage=world.s4)
    participation_a.refresh_from_db()
    participation_b.refresh_from_db()
    return Journeys(person_a, person_b, participation_a, participation_b, entry_a, entry_b)


def key_for(user, *, scope: str = ApiKey.Scope.WRITE, days: int = 90) -> str:
    """A new API key of ``user``, issued as an administrator would at the command line."""
    return api_key_issue(user=user, by=None, name="Test", scope=scope, days=days).key


def client_for(user, *, scope: str = ApiKey.Scope.WRITE) -> APIClient:
    """An APIClient sending a fresh key of ``user`` (write scope unless told; None: anonymous)."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key_for(user, scope=scope)}")
    return client


@pytest.fixture
def as_persona(world):
    """``as_persona("regional")`` → an APIClient authenticated with a key of that persona."""
    return lambda name: client_for(world.personas[name])
