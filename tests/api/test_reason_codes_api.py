"""Reason codes through the API: an event carries ``reason_code``; a code outside the programme's
active list for the kind is refused by field, nothing written (the services' check)."""

from __future__ import annotations

import pytest

from stufenweg.journeys.models import JourneyEvent
from stufenweg.programmes.reason_codes import seed_defaults

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(world, journeys):
    seed_defaults([world.programme.pk])
    return journeys


def test_the_api_takes_and_shows_the_code(coded, as_persona):
    client = as_persona("coordinator")
    body = {
        "person_id": coded.person_a.person_id,
        "programme": "JPS",
        "event": "exit",
        "date": "2022-09-30",
        "exit_kind": "early_negative",
        "reason": "Fehlzeiten",
        "reason_code": "mitwirkung",
    }
    response = client.post("/api/v1/events/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["reason_code"] == "mitwirkung"
    assert JourneyEvent.objects.get(event_id=response.json()["event_id"]).reason_code == "mitwirkung"


def test_the_api_refuses_an_unknown_code_by_field(coded, as_persona):
    client = as_persona("coordinator")
    before = JourneyEvent.objects.count()
    response = client.post(
        "/api/v1/events/",
        {
            "person_id": coded.person_a.person_id,
            "programme": "JPS",
            "event": "extension",
            "date": "2022-11-01",
            "planned_end": "2023-01-31",
            "reason_code": "urlaub",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "reason_code": [
            "Der Grund-Code „urlaub“ steht nicht in der Liste der aktiven Gründe (Verlängerung) des Programms."
        ]
    }
    assert JourneyEvent.objects.count() == before
