"""The real flows through the API (POST /api/v1/events/): a reactivation after a re-referral, a
follow-up of the earlier exit during the next stage, a closure before entry; the impossible ones
stay a German 400 on the date and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/events/"


def _post(client, person_id, **body):
    return client.post(URL, {"person_id": person_id, "programme": "JPS", **body}, format="json")


def _state(participation):
    participation.refresh_from_db()
    return participation.state


def test_re_referral_reactivation_and_a_follow_up_in_the_next_stage(world, as_persona):
    participation = start_journey(world, PersonFactory(person_id="PR-1"))
    enter(world, participation)
    client = as_persona("regional")
    response = _post(client, "PR-1", event="exit", date="2022-06-30", exit_kind="regular")
    assert response.status_code == 201, response.content
    jobcenter = as_persona("jobcenter")
    response = _post(jobcenter, "PR-1", event="referral", date="2022-08-01", referrer="JC-A")
    assert response.status_code == 201, response.content
    response = _post(client, "PR-1", event="reactivation", date="2022-08-03")
    assert response.status_code == 201, response.content
    assert _state(participation) == "suitable"
    enter(world, participation, on=dt.date(2022, 9, 1))
    response = _post(
        client, "PR-1", event="follow_up", date="2022-12-30", statuses=["education"], reached=True
    )
    assert response.status_code == 201, response.content
    assert _state(participation) == "in_stage"


def test_a_closure_before_entry_through_the_api(world, as_persona):
    participation = start_journey(world, PersonFactory(person_id="PR-2"))
    response = _post(
        as_persona("regional"),
        "PR-2",
        event="exit",
        date="2022-02-01",
        exit_kind="early_neutral",
        reason="verzogen",
    )
    assert response.status_code == 201, response.content
    assert _state(participation) == "exited"
    assert not Enrolment.objects.filter(participation=participation).exists()


def test_a_follow_up_before_any_exit_is_a_german_400_on_the_date(world, as_persona):
    participation = start_journey(world, PersonFactory(person_id="PR-3"))
    enter(world, participation)
    before = JourneyEvent.objects.count()
    response = _post(as_persona("regional"), "PR-3", event="follow_up", date="2022-05-02")
    assert response.status_code == 400
    (message,) = response.json()["date"]
    assert message.startswith("„Verbleibsabfrage“ am 02.05.2022 ist")
    assert JourneyEvent.objects.count() == before


def test_a_reactivation_of_someone_never_exited_is_a_german_400(world, as_persona):
    services.participation_refer(
        person=PersonFactory(person_id="PR-4"),
        programme=world.programme,
        on=dt.date(2022, 1, 3),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    response = _post(as_persona("regional"), "PR-4", event="reactivation", date="2022-01-05")
    assert response.status_code == 400
    (message,) = response.json()["date"]
    assert message.startswith("„Reaktivierung“ am 05.01.2022 ist")
    assert Participation.objects.get(person__person_id="PR-4").state == "referred"


def test_a_provider_cannot_close_a_case_before_entry_it_does_not_serve(world, as_persona):
    """Before an entry no measure of the provider serves the person: the closure is refused and
    writes nothing (the provider's scope is the participants of its measures)."""
    participation = start_journey(world, PersonFactory(person_id="PR-5"))
    before = JourneyEvent.objects.count()
    response = _post(
        as_persona("provider"), "PR-5", event="exit", date="2022-02-01", exit_kind="early_neutral"
    )
    assert response.status_code in (403, 404)
    assert JourneyEvent.objects.count() == before
    assert _state(participation) == "in_assessment"
