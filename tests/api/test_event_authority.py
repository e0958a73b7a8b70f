"""Over the API, each organisation kind records only the event kinds the web lets it record
(``journeys.authority``, checked in the journey services): a Jobcenter refers (in its own name, in
the participation's region), it records no exit and voids no one's events; a provider records no
follow-up and no reactivation. Refused: 403 (visible, not allowed) or 400 on the field, nothing
written. The allowed counterparts still succeed.

Journey A (``journeys`` fixture): region A, referred by Jobcenter A, in measure MA of provider A.
"""

from __future__ import annotations

import pytest

from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.organisations.models import Membership
from tests.api.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

URL = "/api/v1/events/"


def _post(client, **body):
    return client.post(URL, {"person_id": "PA-1", "programme": "JPS", **body}, format="json")


def _exit(client):
    return _post(client, event="exit", date="2022-09-30", exit_kind="regular", statuses=["job_seeking"])


def _void(client, event_id: str):
    return _post(client, event="void", date="2022-10-01", supersedes=event_id, reason="Probe")


@pytest.fixture
def snapshot(journeys):
    """Event count and the participation's state and region, to show that nothing was written."""

    def take():
        participation = Participation.objects.get(pk=journeys.participation_a.pk)
        return JourneyEvent.objects.count(), participation.state, participation.region_id

    return take


@pytest.fixture
def exited(journeys, as_persona):
    """Journey A after the provider recorded the exit (allowed); returns the exit's event id."""
    response = _exit(as_persona("provider"))
    assert response.status_code == 201, response.content
    return response.json()["event_id"]


def _refused(response, status: int = 403) -> None:
    assert response.status_code == status, response.content
    if status == 403:
        assert "Ihre Stelle darf" in response.json()["detail"]


def test_a_jobcenter_records_no_exit(journeys, as_persona, snapshot):
    before = snapshot()
    _refused(_exit(as_persona("jobcenter")))
    assert snapshot() == before
    assert snapshot()[1] == "in_stage"


def test_a_jobcenter_voids_no_exit(exited, as_persona, snapshot):
    before = snapshot()
    _refused(_void(as_persona("jobcenter"), exited))
    assert snapshot() == before
    assert snapshot()[1] == "exited"


def test_a_jobcenter_voids_no_entry_of_a_provider(journeys, as_persona, snapshot):
    """The probe: the void fell back to „geeignet“. Now refused, the journey stays in the stage."""
    before = snapshot()
    _refused(_void(as_persona("jobcenter"), journeys.entry_a.event_id))
    assert snapshot() == before
    assert snapshot()[1] == "in_stage"
    assert not JourneyEvent.objects.filter(supersedes=journeys.entry_a).exists()


def test_a_jobcenter_does_not_correct_or_void_a_referral_either(journeys, as_persona, snapshot):
    """Referrals are corrected and retracted by the offices (as on the participant page)."""
    referral = JourneyEvent.objects.get(participation=journeys.participation_a, kind="referral")
    before = snapshot()
    _refused(_void(as_persona("jobcenter"), referral.event_id))
    _refused(
        _post(
            as_persona("jobcenter"),
            event="referral",
            date="2022-01-11",
            supersedes=referral.event_id,
            referrer="JC-A",
        )
    )
    assert snapshot() == before


def test_a_provider_records_no_follow_up(exited, as_persona, snapshot):
    before = snapshot()
    response = _post(
        as_persona("provider"), event="follow_up", date="2023-04-01", statuses=["employed_svb"], source="self"
    )
    _refused(response)
    assert snapshot() == before
    assert snapshot()[1] == "exited"


def test_a_provider_records_no_reactivation(exited, as_persona, snapshot):
    before = snapshot()
    _refused(_post(as_persona("provider"), event="reactivation", date="2022-11-01"))
    assert snapshot() == before
    assert snapshot()[1] == "exited"


def test_a_provider_voids_no_assessment_start(journeys, as_persona, snapshot):
    start = JourneyEvent.objects.get(participation=journeys.participation_a, kind="assessment_start")
    before = snapshot()
    _refused(_void(as_persona("provider"), start.event_id))
    assert snapshot() == before


def test_the_regional_office_records_follow_up_and_reactivation(exited, as_persona, snapshot):
    client = as_persona("regional")
    follow_up = _post(client, event="follow_up", date="2023-04-01", statuses=["employed_svb"], source="self")
    assert follow_up.status_code == 201, follow_up.content
    assert snapshot()[1] == "followed_up"
    reactivation = _post(client, event="reactivation", date="2023-05-02")
    assert reactivation.status_code == 201, reactivation.content
    assert snapshot()[1] == "suitable"


def test_a_provider_records_and_voids_its_exit(exited, as_persona, snapshot):
    assert snapshot()[1] == "exited"
    response = _void(as_persona("provider"), exited)
    assert response.status_code == 201, response.content
    assert snapshot()[1] == "in_stage"


def test_the_coordination_office_records_everything(journeys, as_persona, snapshot, world):
    client = as_persona("coordinator")
    assert _exit(client).status_code == 201
    follow_up = _post(client, event="follow_up", date="2023-04-01", statuses=["unknown"], reached=False)
    assert follow_up.status_code == 201, follow_up.content
    assert _void(client, follow_up.json()["event_id"]).status_code == 201
    reactivation = _post(client, event="reactivation", date="2023-05-02")
    assert reactivation.status_code == 201, reactivation.content
    assert _void(client, reactivation.json()["event_id"]).status_code == 201
    assert snapshot()[1] == "exited"
    # a re-referral on behalf of another Jobcenter, into another region
    referral = _post(client, event="referral", date="2023-06-01", referrer="JC-B", region="RB")
    assert referral.status_code == 201, referral.content
    assert snapshot()[1:] == ("referred", world.region_b.pk)


# --- referrals by a Jobcenter -----------------------------------------------------------------


def test_a_jobcenter_re_referral_names_no_other_jobcenter(exited, as_persona, snapshot):
    before = snapshot()
    response = _post(as_persona("jobcenter"), event="referral", date="2022-11-01", referrer="JC-B")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["referrer"]
    assert "zuweisende Stelle" in response.json()["referrer"][0]
    assert snapshot() == before


def test_a_jobcenter_re_referral_does_not_move_the_region(exited, as_persona, snapshot, world):
    before = snapshot()
    response = _post(as_persona("jobcenter"), event="referral", date="2022-11-01", region="RB")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["region"]
    assert "Region A" in response.json()["region"][0]
    assert snapshot() == before
    assert before[2] == world.region_a.pk


def test_a_jobcenter_re_refers_in_its_own_name_and_the_region_stays(exited, as_persona, snapshot, world):
    response = _post(as_persona("jobcenter"), event="referral", date="2022-11-01")
    assert response.status_code == 201, response.content
    assert response.json()["referrer"] == "JC-A"
    count, state, region = snapshot()
    assert state == "referred" and region == world.region_a.pk
    again = _post(as_persona("regional"), event="assessment_start", date="2022-11-05")
    assert again.status_code == 201, again.content


NEW_PERSON = {
    "person_id": "JC-2026-0042",
    "first_name": "Erika",
    "last_name": "Beispiel",
    "birth_date": "1979-04-12",
    "gender": "f",
}


def _refer_new(client, **body):
    created = client.post("/api/v1/persons/", NEW_PERSON, format="json")
    assert created.status_code == 201, created.content
    return client.post(
        URL,
        {
            "person_id": NEW_PERSON["person_id"],
            "programme": "JPS",
            "event": "referral",
            "date": "2022-06-01",
            **body,
        },
        format="json",
    )


def test_a_jobcenter_refers_a_new_person_into_its_region(journeys, as_persona, world):
    """A first referral goes to the Jobcenter's own region (filled in when empty), so the regional
    office of that region sees the new participation."""
    response = _refer_new(as_persona("jobcenter"))
    assert response.status_code == 201, response.content
    assert response.json()["referrer"] == "JC-A"
    participation = Participation.objects.get(person__person_id=NEW_PERSON["person_id"])
    assert participation.region == world.region_a
    assert as_persona("regional").get(f"/api/v1/participations/{participation.pk}/").status_code == 200


def test_a_jobcenter_refers_a_new_person_into_no_other_region(journeys, as_persona):
    events = JourneyEvent.objects.count()
    response = _refer_new(as_persona("jobcenter"), region="RB")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["region"]
    assert JourneyEvent.objects.count() == events
    assert not Participation.objects.filter(person__person_id=NEW_PERSON["person_id"]).exists()


# --- the acting scope: the role counts in the organisation of the right kind --------------------


@pytest.fixture
def two_hats(world):
    """Caseworker at provider A, read-only at regional office A: both see journey A."""
    user = UserFactory(username="zwei-rollen")
    MembershipFactory(user=user, organisation=world.provider_a, role=Membership.Role.CASEWORKER)
    MembershipFactory(user=user, organisation=world.regional_a, role=Membership.Role.READ_ONLY)
    return user


def test_a_provider_caseworker_reading_at_the_regional_office_records_no_office_event(
    exited, two_hats, snapshot
):
    client = client_for(two_hats)
    before = snapshot()
    _refused(_post(client, event="reactivation", date="2022-11-01"))
    _refused(_post(client, event="follow_up", date="2023-04-01", statuses=["unknown"], reached=False))
    assert snapshot() == before
    # what the provider does is still allowed
    assert _void(client, exited).status_code == 201
