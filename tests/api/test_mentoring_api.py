"""Mentoring through the API: a mentoring project sees only its mentees (the coordination office
all, nobody else any), writes go through mentoring.services with their authority, every read is
audited. Expected sets and counts by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services as journeys
from stufenweg.mentoring import services
from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry, Mentorship
from stufenweg.organisations.models import EmployerContact, Membership
from tests.api.conftest import client_for
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def _mentee(world, person_id: str):
    participation = start_journey(world, PersonFactory(person_id=person_id), on=TODAY - dt.timedelta(200))
    enter(world, participation, measure=world.measure_m, stage=world.s4, on=TODAY - dt.timedelta(180))
    return participation


def _other(world, person_id: str):
    participation = start_journey(world, PersonFactory(person_id=person_id), on=TODAY - dt.timedelta(200))
    enter(world, participation, on=TODAY - dt.timedelta(180))  # provider A, no mentoring project
    return participation


def _assign(client, person_id: str, **extra):
    body = {"person_id": person_id, "programme": "JPS", "started_on": _ago(150), **extra}
    return client.post("/api/v1/mentorships/", body, format="json")


def test_a_mentor_assigns_themselves_and_keeps_the_log(world, as_persona):
    _mentee(world, "M-1")
    mentor = world.personas["mentor"]
    client = as_persona("mentor")

    created = _assign(client, "M-1")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["person_id"], body["programme"], body["organisation"], body["mentor"]) == (
        "M-1",
        "JPS",
        "AMM",
        "mentor",
    )
    assert body["started_on"] == _ago(150) and body["ended_on"] is None
    mentorship = Mentorship.objects.get()
    assert mentorship.mentor == mentor

    # a second running mentorship of the same mentor: refused, nothing written
    again = _assign(client, "M-1")
    assert again.status_code == 400
    assert again.json() == {"mentor": ["Diese Person begleitet die Teilnahme bereits."]}
    assert Mentorship.objects.count() == 1

    meeting = client.post(
        "/api/v1/mentoring-entries/",
        {
            "mentorship": mentorship.pk,
            "date": _ago(10),
            "kind": "meeting",
            "topic": "Bewerbung",
            "notes": "gut",
        },
        format="json",
    )
    assert meeting.status_code == 201, meeting.json()
    assert (meeting.json()["kind"], meeting.json()["notes"], meeting.json()["employer"]) == (
        "meeting",
        "gut",
        "",
    )

    contact = client.post(
        "/api/v1/mentoring-entries/",
        {
            "mentorship": mentorship.pk,
            "date": _ago(5),
            "kind": "employer",
            "topic": "Ausbildungsplatz",
            "employer": world.employer.code,
            "employer_topic": "placement",
        },
        format="json",
    )
    assert contact.status_code == 201, contact.json()
    recorded = EmployerContact.objects.get()
    assert contact.json()["employer_contact"] == recorded.pk
    assert contact.json()["employer"] == world.employer.code
    assert (recorded.organisation, recorded.topic) == (world.mentoring, "placement")

    outside = client.post(
        "/api/v1/mentoring-entries/",
        {"mentorship": mentorship.pk, "date": _ago(160), "kind": "phone", "topic": "vorher"},
        format="json",
    )
    assert outside.status_code == 400
    assert outside.json() == {"date": ["Das Datum liegt außerhalb des Mentorings."]}
    assert MentoringEntry.objects.count() == 2

    listed = client.get(f"/api/v1/mentoring-entries/?mentorship={mentorship.pk}").json()
    assert [e["kind"] for e in listed["results"]] == ["meeting", "employer"]

    ended = client.post(f"/api/v1/mentorships/{mentorship.pk}/end/", {"ended_on": _ago(1)}, format="json")
    assert ended.status_code == 200, ended.json()
    assert ended.json()["ended_on"] == _ago(1)
    before = client.post(f"/api/v1/mentorships/{mentorship.pk}/end/", {"ended_on": _ago(151)}, format="json")
    assert before.status_code == 400
    assert before.json() == {"ended_on": ["Das Ende liegt vor dem Beginn."]}


def test_a_mentoring_project_sees_only_its_mentees(world, as_persona):
    mentee = _mentee(world, "M-1")
    _other(world, "O-1")
    services.mentorship_assign(
        participation=mentee,
        organisation=world.mentoring,
        mentor=world.personas["mentor"],
        started_on=TODAY - dt.timedelta(150),
        by=None,
    )
    expected = {  # persona -> mentorships listed
        "coordinator": ["M-1"],
        "mentor": ["M-1"],
        "regional": [],  # sees the participation, not its mentoring
        "provider": [],
        "jobcenter": [],
        "outsider": [],
        "dpo": [],
    }
    pk = Mentorship.objects.get().pk
    for persona, people in expected.items():
        client = as_persona(persona)
        listed = client.get("/api/v1/mentorships/")
        assert listed.status_code == 200
        assert [m["person_id"] for m in listed.json()["results"]] == people, persona
        assert client.get(f"/api/v1/mentorships/{pk}/").status_code == (200 if people else 404), persona

    # the mentor cannot assign to a participation without the project: not found, nothing written
    refused = _assign(as_persona("mentor"), "O-1")
    assert refused.status_code == 404
    assert Mentorship.objects.count() == 1


def test_who_may_not_write_is_refused(world, as_persona):
    mentee = _mentee(world, "M-1")
    mentorship = services.mentorship_assign(
        participation=mentee,
        organisation=world.mentoring,
        mentor=world.personas["mentor"],
        started_on=TODAY - dt.timedelta(150),
        by=None,
    )
    # the coordination office reads the mentoring but assigns nobody and writes no log
    coordinator = as_persona("coordinator")
    assert _assign(coordinator, "M-1").status_code == 403
    entry = coordinator.post(
        "/api/v1/mentoring-entries/",
        {"mentorship": mentorship.pk, "date": _ago(3), "kind": "phone", "topic": "x"},
        format="json",
    )
    assert entry.status_code == 403
    assert entry.json()["detail"].startswith("Mentoring erfassen dürfen nur")
    # another caseworker of the project: no log for someone else's mentee, no assigning others
    colleague = MembershipFactory(user=UserFactory(username="kollegin"), organisation=world.mentoring).user
    client = client_for(colleague)
    assert (
        client.post(
            "/api/v1/mentoring-entries/",
            {"mentorship": mentorship.pk, "date": _ago(3), "kind": "phone", "topic": "x"},
            format="json",
        ).status_code
        == 403
    )
    assert _assign(client, "M-1", mentor="mentor").status_code == 403
    # the lead assigns a member of the project; an unknown username is a field error
    lead = MembershipFactory(
        user=UserFactory(username="leitung"), organisation=world.mentoring, role=Membership.Role.ORG_ADMIN
    ).user
    lead_client = client_for(lead)
    unknown = _assign(lead_client, "M-1", mentor="niemand")
    assert unknown.status_code == 400 and set(unknown.json()) == {"mentor"}
    assert _assign(lead_client, "M-1", mentor="kollegin").status_code == 201
    # a regional office (sees the participation) knows no mentorship: not found, not a 403
    regional = as_persona("regional").post(
        "/api/v1/mentoring-entries/",
        {"mentorship": mentorship.pk, "date": _ago(3), "kind": "phone", "topic": "x"},
        format="json",
    )
    assert regional.status_code == 404
    assert regional.json() == {"mentorship": ["Dieses Mentoring gibt es nicht."]}
    assert MentoringEntry.objects.count() == 0
    assert Mentorship.objects.count() == 2


def test_after_placement_support_through_the_api(world, as_persona):
    mentee = _mentee(world, "M-1")
    mentorship = services.mentorship_assign(
        participation=mentee,
        organisation=world.mentoring,
        mentor=world.personas["mentor"],
        started_on=TODAY - dt.timedelta(150),
        by=None,
    )
    placement = journeys.employment_start_record(
        participation=mentee, on=TODAY - dt.timedelta(20), kind="vocational_training", by=None
    )
    client = as_persona("mentor")
    created = client.post(
        "/api/v1/after-placement-support/",
        {"mentorship": mentorship.pk, "placement": placement.pk, "months": 3},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["placement"], body["into_training"], body["months"], body["person_id"]) == (
        placement.pk,
        True,
        3,
        "M-1",
    )
    assert body["started_on"] == (TODAY - dt.timedelta(20)).isoformat()
    second = client.post(
        "/api/v1/after-placement-support/",
        {"mentorship": mentorship.pk, "placement": placement.pk},
        format="json",
    )
    assert second.status_code == 400
    assert second.json() == {"placement": ["Für diese Vermittlung läuft bereits eine Nachbetreuung."]}
    not_a_placement = client.post(
        "/api/v1/after-placement-support/",
        {"mentorship": mentorship.pk, "placement": placement.pk + 999},
        format="json",
    )
    assert not_a_placement.status_code == 400
    assert set(not_a_placement.json()) == {"placement"}
    assert AfterPlacementSupport.objects.count() == 1
    assert [
        s["months"]
        for s in as_persona("coordinator").get("/api/v1/after-placement-support/").json()["results"]
    ] == [3]
    assert as_persona("regional").get("/api/v1/after-placement-support/").json()["count"] == 0


def test_every_read_is_recorded(world, as_persona):
    mentee = _mentee(world, "M-1")
    mentorship = services.mentorship_assign(
        participation=mentee,
        organisation=world.mentoring,
        mentor=world.personas["mentor"],
        started_on=TODAY - dt.timedelta(150),
        by=None,
    )
    services.mentoring_entry_record(
        mentorship=mentorship, occurred_on=TODAY - dt.timedelta(3), kind="phone", topic="x", by=None
    )
    client = as_persona("mentor")
    mentor = world.personas["mentor"]
    client.get("/api/v1/mentorships/")
    client.get(f"/api/v1/mentorships/{mentorship.pk}/")
    client.get("/api/v1/mentoring-entries/")
    client.get("/api/v1/after-placement-support/")  # empty: nothing shown, nothing recorded
    reads = AuditEntry.objects.filter(action="read", actor=mentor, purpose="API").order_by("id")
    assert list(reads.values_list("person_id", "summary")) == [
        (mentee.person_id, "API: Mentoring (Liste)"),
        (mentee.person_id, f"API: Mentoring {mentorship.pk}"),
        (mentee.person_id, "API: Mentoring-Eintrag (Liste)"),
    ]
