"""The entry form preselects the stage of the latest assessment result („geeignet für Stufe X“)
and, when exactly one offered measure serves that stage, the measure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys import services
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db


def _form(client, participation):
    url = reverse("casework:journey_action", args=[participation.pk, "eintritt"])
    return client.get(url, {"occurred_on": "2024-02-01"}).context["form"]


@pytest.fixture
def assessed(world):
    participation = start_journey(world, make_person("Neumann", "Lea", "P-3001"), on=dt.date(2024, 1, 8))
    services.participation_assessment_result(
        participation=participation, on=dt.date(2024, 1, 20), result="suitable", stage=world.s4, by=None
    )
    return participation


def test_stage_and_only_measure_preselected(client, world, assessed):
    client.force_login(world.personas["regional"])
    form = _form(client, assessed)
    # stage 4 is served in region A only by the mentoring project's measure MM
    assert form.initial["stage"] == world.s4.pk
    assert form.initial["measure"] == world.measure_m.pk
    html = form["stage"].as_widget()
    assert f'<option value="{world.s4.pk}" selected>' in html


def test_corrected_result_counts_by_its_correction(client, world, assessed):
    result = assessed.events.get(kind="assessment_result")
    services.journey_event_correct(event=result, by=None, reason="Stufe falsch erfasst", stage=world.s3)
    client.force_login(world.personas["regional"])
    form = _form(client, assessed)
    assert form.initial["stage"] == world.s3.pk
    # stage 3 in region A: only MA
    assert form.initial["measure"] == world.measure_a.pk


def test_no_measure_preselected_when_several_serve_the_stage(client, world, assessed):
    client.force_login(world.personas["coordinator"])  # sees MB (stage 4, region B) too
    form = _form(client, assessed)
    assert form.initial["stage"] == world.s4.pk
    assert "measure" not in form.initial


def test_nothing_preselected_without_a_suitable_result(client, world):
    participation = start_journey(world, make_person("Ohne", "Ergebnis", "P-3002"), on=dt.date(2024, 1, 8))
    client.force_login(world.personas["regional"])
    form = _form(client, participation)
    assert form.initial.get("stage") is None
    assert "measure" not in form.initial
