"""The participant page offers a journey action only in states from which the state machine allows
its event (``casework.actions`` take the states from ``journeys.spec``). „Reaktivieren“ was offered
to people who were not suitable or never arrived, and the rules then refused it: now it appears
only after an exit or a follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.casework.actions import actions_for
from stufenweg.journeys import services
from tests.casework.conftest import make_person
from tests.conftest import start_journey
from tests.journeys.test_state_machine import ALLOWED

pytestmark = pytest.mark.django_db

STATES = sorted({state for states in ALLOWED.values() for state in states if state is not None})


@pytest.mark.parametrize("state", STATES)
def test_every_offered_action_is_allowed_in_its_state(state):
    offered = actions_for(state, lambda kinds: True)
    assert [a.slug for a in offered if state not in ALLOWED[a.event_kind]] == []


def test_reactivation_only_after_an_exit():
    def offers(state):
        return "reaktivierung" in [a.slug for a in actions_for(state, lambda kinds: True)]

    assert [s for s in STATES if offers(s)] == ["exited", "followed_up"]


def test_a_person_found_not_suitable_gets_no_reactivation_button(client, world):
    participation = start_journey(world, make_person("Berger", "Lena", "P-2001"))
    services.participation_assessment_result(
        participation=participation, on=dt.date(2022, 2, 1), result="not_suitable", by=None
    )
    participation.refresh_from_db()
    assert participation.state == "not_suitable"
    client.force_login(world.personas["regional"])
    page = client.get(reverse("casework:participant_detail", args=[participation.person_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("casework:journey_action", args=[participation.pk, "reaktivierung"]) not in html
    # a new referral is what the rules allow from here (on its own page), not a reactivation
    assert reverse("casework:journey_action", args=[participation.pk, "austritt"]) not in html


def test_after_an_exit_the_reactivation_button_is_there(client, world, journey):
    services.enrolment_exit(participation=journey, on=dt.date(2024, 6, 28), kind="regular", by=None)
    client.force_login(world.personas["regional"])
    page = client.get(reverse("casework:participant_detail", args=[journey.person_id]))
    assert reverse("casework:journey_action", args=[journey.pk, "reaktivierung"]) in page.content.decode()
