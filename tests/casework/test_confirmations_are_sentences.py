"""Every confirmation of the casework pages is a full German sentence, taken from one place
(journey actions: their spec's ``done``; the other writes: ``confirmations.CONFIRMATIONS``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from stufenweg.casework.actions import ACTIONS
from stufenweg.casework.confirmations import CONFIRMATIONS, reassigned_message

SENTENCE = re.compile(r"^[A-ZÄÖÜ].*[a-zäöüß)]\.$")


@pytest.mark.parametrize("slug", sorted(ACTIONS))
def test_every_journey_action_confirms_with_a_sentence(slug):
    assert SENTENCE.match(str(ACTIONS[slug].done)), slug


@pytest.mark.parametrize("name", sorted(CONFIRMATIONS))
def test_every_other_confirmation_is_a_sentence(name):
    assert SENTENCE.match(str(CONFIRMATIONS[name])), name


def test_reassignment_counts_in_a_sentence():
    assert reassigned_message(1) == "Eine Teilnahme wurde neu zugeordnet."
    assert reassigned_message(3) == "3 Teilnahmen wurden neu zugeordnet."


@pytest.mark.django_db
def test_extension_page_says_the_extension_was_saved(client, world, journey):
    world.s3.extendable = True
    world.s3.save()
    client.force_login(world.personas["regional"])
    url = reverse("casework:journey_action", args=[journey.pk, "verlaengerung"])
    response = client.post(
        url,
        {"occurred_on": "2024-06-03", "planned_end": "2025-01-31", "reason": "Prüfung im Januar"},
        follow=True,
    )
    html = response.content.decode()
    assert "Die Verlängerung wurde gespeichert." in html, [str(m) for m in response.context["messages"]]
    journey.refresh_from_db()
    assert journey.planned_end == dt.date(2025, 1, 31)
