"""The participant page's forms open their required lists with „Bitte wählen“ (as the referral
does) and their optional ones with „–“, never Django's „---------“: the stage change (measure,
stage), the plan step (goal) and the waiting list (stage)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.casework import services
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db


def _page(client, world, url):
    client.force_login(world.personas["coordinator"])
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_stage_change_and_plan_step(client, world, journey):
    services.goal_add(participation=journey, title="Ziel", key_area="qualification", due_on=None, by=None)
    for url in (
        reverse("casework:journey_action", args=[journey.pk, "stufenwechsel"]),
        reverse("casework:plan_action_add", args=[journey.pk]),
    ):
        html = _page(client, world, url)
        assert "---------" not in html, url
        assert "Bitte wählen" in html, url


def test_waiting_list(client, world):
    waiting = start_journey(world, make_person("Warte", "Wim", "P-7"), on=dt.date(2024, 1, 8))
    html = _page(client, world, reverse("casework:journey_action", args=[waiting.pk, "warteliste"]))
    assert "---------" not in html
