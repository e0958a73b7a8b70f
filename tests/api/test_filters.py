"""Filters by programme, region, stage, date and state, with exchange-format codes."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.journeys import services
from tests.factories import ProgrammeFactory


def _codes(response, key):
    assert response.status_code == 200, response.content
    return sorted(item[key] for item in response.json()["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("programme=JPS&region=RA", ["PA-1", "PA-1", "PA-1"]),
        ("region=RB", ["PB-1", "PB-1", "PB-1"]),
        ("stage=S3", ["PA-1"]),  # only the entry carries a stage
        ("occurred_from=2022-01-17&occurred_to=2022-01-31", ["PA-1", "PB-1"]),  # assessment starts
        ("event=referral&event=entry", ["PA-1", "PA-1", "PB-1", "PB-1"]),
        ("person_id=PB-1&event=entry", ["PB-1"]),
        ("measure=MB", ["PB-1"]),
        ("programme=ANDERS", []),
    ],
)
def test_event_filters(query, expected, journeys, as_persona):
    assert _codes(as_persona("coordinator").get(f"/api/v1/events/?{query}"), "person_id") == expected


def test_event_filter_by_participation(journeys, as_persona):
    response = as_persona("coordinator").get(f"/api/v1/events/?participation={journeys.participation_b.pk}")
    assert [e["event"] for e in response.json()["results"]] == ["referral", "assessment_start", "entry"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=RB", ["PB-1"]),
        ("stage=S4", ["PB-1"]),
        ("state=in_stage", ["PA-1", "PB-1"]),
        ("state=exited&state=waiting", []),
        ("active_on=2022-01-31", []),  # both entries are on 1 February
        ("active_on=2022-02-01", ["PA-1", "PB-1"]),
        ("measure=MA", ["PA-1"]),
        ("programme=JPS&region=RA", ["PA-1"]),
    ],
)
def test_participation_filters(query, expected, journeys, as_persona):
    assert _codes(as_persona("coordinator").get(f"/api/v1/participations/?{query}"), "person_id") == expected


def test_an_exit_ends_activity_on_its_day(journeys, as_persona):
    services.enrolment_exit(
        participation=journeys.participation_a, on=dt.date(2022, 6, 30), kind="regular", by=None
    )
    client = as_persona("coordinator")
    assert _codes(client.get("/api/v1/participations/?active_on=2022-06-29"), "person_id") == ["PA-1", "PB-1"]
    assert _codes(client.get("/api/v1/participations/?active_on=2022-06-30"), "person_id") == ["PB-1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=RA", ["MA", "MM"]),
        ("stage=S4", ["MB", "MM"]),
        ("provider=BDL-A", ["MA"]),
        ("programme=JPS&region=RB", ["MB"]),
        ("active_on=2019-12-31", []),
        ("active_on=2020-01-01", ["MA", "MB", "MM"]),
    ],
)
def test_measure_filters(query, expected, journeys, as_persona):
    assert _codes(as_persona("regional").get(f"/api/v1/measures/?{query}"), "code") == expected


def test_person_filters_only_look_at_visible_participations(world, journeys, as_persona):
    """PA-1 also has a journey in another programme in region B, which regional office A cannot
    see: filtering PA-1 by region B must not reveal it."""
    other = ProgrammeFactory(code="AMM-S", name="Anderes Programm")
    services.participation_refer(
        person=journeys.person_a,
        programme=other,
        on=dt.date(2022, 3, 1),
        referrer=world.jobcenter_b,
        region=world.region_b,
        by=None,
    )
    regional = as_persona("regional")
    assert _codes(regional.get("/api/v1/persons/?region=RA"), "person_id") == ["PA-1"]
    assert _codes(regional.get("/api/v1/persons/?region=RB"), "person_id") == []
    assert _codes(regional.get("/api/v1/persons/?programme=AMM-S"), "person_id") == []
    coordinator = as_persona("coordinator")
    assert _codes(coordinator.get("/api/v1/persons/?region=RB"), "person_id") == ["PA-1", "PB-1"]
    assert _codes(coordinator.get("/api/v1/persons/?programme=AMM-S&state=referred"), "person_id") == ["PA-1"]
    assert _codes(coordinator.get("/api/v1/persons/?programme=AMM-S&state=in_stage"), "person_id") == []
    assert _codes(coordinator.get("/api/v1/persons/?stage=S4"), "person_id") == ["PB-1"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/events/?occurred_from=2022-13-01", "occurred_from"),
        ("/api/v1/events/?occurred_to=1066-10-14", "occurred_to"),
        ("/api/v1/events/?event=party", "event"),
        ("/api/v1/events/?participation=abc", "participation"),
        ("/api/v1/participations/?state=gone", "state"),
        ("/api/v1/participations/?active_on=gestern", "active_on"),
        ("/api/v1/persons/?state=gone", "state"),
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(url, field, journeys, as_persona):
    response = as_persona("coordinator").get(url)
    assert response.status_code == 400
    assert list(response.json()) == [field]
