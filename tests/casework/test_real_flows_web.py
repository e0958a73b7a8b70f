"""The real flows through the participant page's forms, as a regional office records them: a
closure before entry from the waiting list, a reactivation after a re-referral, a follow-up of the
earlier exit while the person is back in a stage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys import services
from stufenweg.journeys.models import Enrolment, JourneyEvent
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date


def action_url(participation, slug):
    return reverse("casework:journey_action", args=[participation.pk, slug])


def page(client, participation):
    url = reverse("casework:participant_detail", args=[participation.person_id])
    return client.get(f"{url}?teilnahme={participation.pk}").content.decode()


def test_a_waiting_person_is_closed_before_entry_through_the_exit_form(client, world):
    participation = start_journey(world, PersonFactory())
    services.participation_waitlist(participation=participation, on=D(2022, 1, 25), stage=world.s3, by=None)
    client.force_login(world.personas["regional"])
    assert action_url(participation, "austritt") in page(client, participation)
    response = client.post(
        action_url(participation, "austritt"),
        {
            "occurred_on": "2022-03-01",
            "exit_kind": "early_positive",
            "statuses": ["employed_svb"],
            "reason": "Arbeit gefunden",
        },
    )
    assert response.status_code == 302, response.content
    participation.refresh_from_db()
    assert (participation.state, participation.waiting_stage_id) == ("exited", None)
    assert not Enrolment.objects.filter(participation=participation).exists()


def test_reactivation_after_a_re_referral_and_a_follow_up_during_the_next_stage(client, world):
    participation = start_journey(world, PersonFactory())
    enter(world, participation)
    services.enrolment_exit(participation=participation, on=D(2022, 6, 30), kind="regular", by=None)
    services.participation_refer(
        person=participation.person,
        programme=world.programme,
        on=D(2022, 8, 1),
        referrer=world.jobcenter_a,
        by=world.personas["jobcenter"],
    )
    client.force_login(world.personas["regional"])
    assert action_url(participation, "reaktivierung") in page(client, participation)  # after the exit
    response = client.post(action_url(participation, "reaktivierung"), {"occurred_on": "2022-08-03"})
    assert response.status_code == 302, response.content
    participation.refresh_from_db()
    assert participation.state == "suitable"
    enter(world, participation, on=D(2022, 9, 1))
    assert action_url(participation, "verbleib") in page(client, participation)
    response = client.post(
        action_url(participation, "verbleib"),
        {"occurred_on": "2022-12-30", "reached": "true", "statuses": ["education"], "source": "self"},
    )
    assert response.status_code == 302, response.content
    participation.refresh_from_db()
    assert participation.state == "in_stage"
    assert JourneyEvent.objects.filter(participation=participation, kind="follow_up").count() == 1


def test_no_reactivation_button_after_a_first_referral(client, world):
    person = PersonFactory()
    services.participation_refer(
        person=person,
        programme=world.programme,
        on=D(2022, 1, 3),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    participation = JourneyEvent.objects.get(participation__person=person).participation
    client.force_login(world.personas["regional"])
    html = page(client, participation)
    assert action_url(participation, "reaktivierung") not in html
    assert action_url(participation, "verbleib") not in html
