"""The API and a measure without rolling entry: an entry off its start dates is refused at
``date`` with the start dates, and recorded with ``confirm_entry_date: true`` (as
``confirm_overbooking`` confirms an overbooking)."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.journeys.models import JourneyEvent
from tests.conftest import start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/events/"


@pytest.fixture
def waiting(world):
    measure = world.measure_a
    measure.start, measure.rolling_entry = dt.date(2022, 2, 1), False
    measure.save()
    return start_journey(world, PersonFactory(person_id="PS-1", birth_date=dt.date(1980, 5, 17)))


def _entry(client, **extra):
    body = {
        "person_id": "PS-1",
        "programme": "JPS",
        "event": "entry",
        "date": "2022-02-09",
        "measure": "MA",
        "stage": "S3",
        "employment_status": "unemployed",
        "benefit": "sgb2",
        **extra,
    }
    return client.post(URL, body, format="json")


def test_off_the_start_dates_the_api_asks_for_the_confirmation(world, waiting, as_persona):
    client = as_persona("regional")
    response = _entry(client)
    assert response.status_code == 400, response.content
    assert "Starttermin" in str(response.json()["date"])
    assert not JourneyEvent.objects.filter(participation=waiting, kind="entry").exists()
    response = _entry(client, confirm_entry_date=True)
    assert response.status_code == 201, response.content
    assert JourneyEvent.objects.get(participation=waiting, kind="entry").occurred_on == dt.date(2022, 2, 9)
