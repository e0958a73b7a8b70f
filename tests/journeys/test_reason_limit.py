"""One length for an event's ``reason`` on every path (``journeys.spec.REASON_MAX_LENGTH``, 2,000
characters): the participant page's forms (were 500, the qualification 200), the API (2,000), the
import (had none) and the services themselves. 2,000 characters are kept; 2,001 are refused in
German at the field (the import: with row and column), and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.rules import JourneyRuleError
from stufenweg.journeys.spec import REASON_MAX_LENGTH
from tests.api.conftest import client_for
from tests.conftest import enter, start_journey
from tests.interchange.conftest import EVENTS, dataset  # noqa: F401 - the fixture
from tests.interchange.helpers import lines

LIMIT = 2000
KEPT = "x" * LIMIT
TOO_LONG = "x" * (LIMIT + 1)


@pytest.fixture
def journey(world, person):
    participation = start_journey(world, person)
    enter(world, participation, stage=world.s3, planned_end=dt.date(2022, 11, 30))
    participation.refresh_from_db()
    return participation


def test_the_limit_is_two_thousand():
    assert REASON_MAX_LENGTH == LIMIT


def test_service(journey):
    with pytest.raises(JourneyRuleError) as refused:
        services.enrolment_interrupt(participation=journey, on=dt.date(2022, 3, 1), by=None, reason=TOO_LONG)
    assert refused.value.field == "reason"
    assert str(refused.value) == "„Grund“ ist zu lang (höchstens 2000 Zeichen, hier 2001)."
    assert not journey.events.filter(kind="interruption").exists()
    event = services.enrolment_interrupt(participation=journey, on=dt.date(2022, 3, 1), by=None, reason=KEPT)
    assert event.reason == KEPT


@pytest.mark.parametrize(
    ("slug", "field", "data"),
    [
        ("unterbrechung", "reason", {}),
        ("austritt", "reason", {"exit_kind": "regular"}),
        ("verlaengerung", "reason", {"planned_end": "2022-12-31"}),
        ("qualifikation", "what", {}),
    ],
)
def test_web_forms(slug, field, data, client, world, journey):
    client.force_login(world.personas["regional"])
    url = reverse("casework:journey_action", args=[journey.pk, slug])
    base = {"occurred_on": "2022-03-01", **data}
    before = journey.events.count()
    refused = client.post(url, {**base, field: TOO_LONG})
    assert refused.status_code == 200
    assert "höchstens 2000 Zeichen" in str(refused.context["form"].errors[field])
    assert journey.events.count() == before
    kept = client.post(url, {**base, field: KEPT})
    assert kept.status_code == 302, kept.context["form"].errors
    assert journey.events.latest("recorded_at").reason == KEPT


def test_api(world, journey):
    client = client_for(world.personas["regional"])
    body = {
        "person_id": journey.person.person_id,
        "programme": "JPS",
        "event": "interruption",
        "date": "2022-03-01",
    }
    refused = client.post("/api/v1/events/", {**body, "reason": TOO_LONG}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    kept = client.post("/api/v1/events/", {**body, "reason": KEPT}, format="json")
    assert kept.status_code == 201, kept.content


@pytest.mark.django_db
def test_import(dataset):  # noqa: F811 - the fixture
    # E4, the exit on line 5, with a long reason
    events = EVENTS.replace(",Arbeitsaufnahme,", f",{TOO_LONG},")
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == [
        "events.csv, Zeile 5, Spalte reason: Der Wert ist zu lang (höchstens 2000 Zeichen, hier 2001)."
    ]
    assert JourneyEvent.objects.count() == 0
    result = import_exchange(dataset(events_csv=EVENTS.replace(",Arbeitsaufnahme,", f",{KEPT},")))
    assert result.problems == []
    assert JourneyEvent.objects.get(event_id="E4").reason == KEPT
