"""An internship or a fixed-term employment that ends before it begins is refused in German at the
„Ende“ field, on the service and on the participant page's forms, and nothing is written (was
saved and shown as „20.11.2026–01.11.2026“). An end on the first day is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys import services
from stufenweg.journeys.rules import JourneyRuleError
from tests.conftest import enter, start_journey

START = dt.date(2022, 6, 10)


@pytest.fixture
def journey(world, person):
    participation = start_journey(world, person)
    enter(world, participation, stage=world.s3, planned_end=dt.date(2022, 11, 30))
    participation.refresh_from_db()
    return participation


def test_service_refuses_an_internship_ending_before_it_begins(world, journey):
    with pytest.raises(JourneyRuleError) as refused:
        services.internship_record(
            participation=journey, on=START, by=None, employer=world.employer, end_date=dt.date(2022, 6, 1)
        )
    assert refused.value.field == "end_date"
    assert str(refused.value) == "Das Ende (01.06.2022) liegt vor dem Beginn (10.06.2022)."
    assert not journey.events.filter(kind="internship").exists()
    kept = services.internship_record(
        participation=journey, on=START, by=None, employer=world.employer, end_date=START
    )
    assert kept.end_date == START


def test_service_refuses_an_employment_ending_before_it_begins(world, journey):
    with pytest.raises(JourneyRuleError) as refused:
        services.employment_start_record(
            participation=journey, on=START, kind="svb", by=None, end_date=dt.date(2021, 12, 31)
        )
    assert refused.value.field == "end_date"
    assert not journey.events.filter(kind="employment_start").exists()


def test_internship_form_shows_the_error_at_the_field_and_keeps_the_input(client, world, journey):
    client.force_login(world.personas["regional"])
    url = reverse("casework:journey_action", args=[journey.pk, "praktikum"])
    before = journey.events.count()
    data = {
        "occurred_on": "2022-06-10",
        "employer": world.employer.pk,
        "end_date": "2022-06-01",
        "first_labour_market": "true",
    }
    refused = client.post(url, data)
    assert refused.status_code in (200, 422)
    form = refused.context["form"]
    assert form.errors["end_date"] == ["Das Ende (01.06.2022) liegt vor dem Beginn (10.06.2022)."]
    assert 'value="2022-06-01"' in refused.content.decode()
    assert journey.events.count() == before
