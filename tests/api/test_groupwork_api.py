"""Group work over the API: events, sessions, bookings and attendance — the web's authority
(``groupwork.authority``), the services' rules, bookings and attendance audited as reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.groupwork import services
from stufenweg.groupwork.models import Attendance, Booking, GroupEvent, GroupSession

pytestmark = pytest.mark.django_db

PAST = timezone.localdate() - dt.timedelta(days=7)
FUTURE = timezone.localdate() + dt.timedelta(days=14)


def _event_body(**changes) -> dict:
    return {
        "code": "JF-1",
        "kind": "workshop",
        "title": "JOBfabrik Bewerbungstraining",
        "organiser": "JC-A",
        "programmes": ["JPS"],
        "place": "JOBfabrik",
        "capacity": 1,
        "sessions": [
            {"date": PAST.isoformat(), "starts_at": "09:00", "ends_at": "12:00"},
            {"date": FUTURE.isoformat(), "starts_at": "09:00", "ends_at": "12:00"},
        ],
        **changes,
    }


@pytest.fixture
def event_b(world):
    """An event of Jobcenter B in region B (seen by the coordination office, not by region A)."""
    return services.group_event_create(
        kind="job_cafe",
        title="JOBcafé B",
        organiser=world.jobcenter_b,
        programmes=[world.programme],
        place="Café",
        capacity=5,
        sessions=[(PAST, dt.time(14), dt.time(16))],
        by=None,
    )


def test_a_jobcenter_creates_its_event_with_sessions(world, as_persona):
    response = as_persona("jobcenter").post("/api/v1/group-events/", _event_body(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["code"], data["organiser"], data["region"], data["programmes"]) == (
        "JF-1",
        "JC-A",
        "RA",
        ["JPS"],
    )
    assert (data["booked"], data["waiting"], data["status"]) == (0, 0, "active")
    assert [(s["date"], s["starts_at"]) for s in data["sessions"]] == [
        (PAST.isoformat(), "09:00"),
        (FUTURE.isoformat(), "09:00"),
    ]
    event = GroupEvent.objects.get(code="JF-1")
    assert event.created_by == world.personas["jobcenter"]
    assert AuditEntry.objects.filter(object_type="groupwork.groupevent", action="create").count() == 1


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("provider", 403),
        ("regional", 403),
        ("mentor", 403),
        ("outsider", 403),
        ("dpo", 403),
        ("coordinator", 201),
    ],
)
def test_only_the_organisers_writers_and_the_office_create_its_events(world, as_persona, persona, expected):
    response = as_persona(persona).post("/api/v1/group-events/", _event_body(), format="json")
    assert response.status_code == expected, response.json()
    assert GroupEvent.objects.count() == (1 if expected == 201 else 0)


def test_a_bad_event_is_refused_whole(world, as_persona):
    client = as_persona("jobcenter")
    body = _event_body(capacity=0, programmes=["NOPE"])
    response = client.post("/api/v1/group-events/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"capacity", "programmes"}
    times = _event_body(sessions=[{"date": PAST.isoformat(), "starts_at": "12:00", "ends_at": "09:00"}])
    response = client.post("/api/v1/group-events/", times, format="json")
    assert response.status_code == 400
    assert response.json() == {"ends_at": ["Das Ende muss nach dem Beginn liegen."]}
    assert GroupEvent.objects.count() == GroupSession.objects.count() == 0  # the event is rolled back too


def test_events_are_seen_in_the_region_and_by_the_organiser(world, as_persona, event_b):
    as_persona("jobcenter").post("/api/v1/group-events/", _event_body(), format="json")
    seen = {
        persona: {e["title"] for e in as_persona(persona).get("/api/v1/group-events/").json()["results"]}
        for persona in ("coordinator", "regional", "mentor", "outsider")
    }
    assert seen == {
        "coordinator": {"JOBfabrik Bewerbungstraining", "JOBcafé B"},
        "regional": {"JOBfabrik Bewerbungstraining"},
        "mentor": {"JOBfabrik Bewerbungstraining"},
        "outsider": set(),
    }
    assert as_persona("regional").get(f"/api/v1/group-events/{event_b.pk}/").status_code == 404
    sessions = as_persona("regional").get("/api/v1/group-sessions/").json()["results"]
    assert [s["event_code"] for s in sessions] == ["JF-1", "JF-1"]
    assert as_persona("coordinator").get(f"/api/v1/group-sessions/?event={event_b.pk}").json()["count"] == 1


def test_sessions_are_added_by_the_organiser(world, as_persona, event_b):
    event = as_persona("jobcenter").post("/api/v1/group-events/", _event_body(), format="json").json()
    body = {"event": event["id"], "date": FUTURE.isoformat(), "starts_at": "13:00", "ends_at": "15:00"}
    assert as_persona("regional").post("/api/v1/group-sessions/", body, format="json").status_code == 403
    hidden = {**body, "event": event_b.pk}
    assert as_persona("jobcenter").post("/api/v1/group-sessions/", hidden, format="json").status_code == 404
    response = as_persona("jobcenter").post("/api/v1/group-sessions/", body, format="json")
    assert response.status_code == 201
    assert response.json()["starts_at"] == "13:00"
    again = as_persona("jobcenter").post("/api/v1/group-sessions/", body, format="json")
    assert again.status_code == 400
    assert again.json() == {"date": ["Zu dieser Zeit gibt es schon einen Termin dieses Angebots."]}
    assert GroupSession.objects.filter(event_id=event["id"]).count() == 3


def test_bookings_fill_the_places_then_the_waiting_list(world, journeys, as_persona):
    event = as_persona("jobcenter").post("/api/v1/group-events/", _event_body(), format="json").json()
    first = as_persona("regional").post(
        "/api/v1/group-bookings/",
        {"event": event["id"], "person_id": "PA-1", "programme": "JPS"},
        format="json",
    )
    assert first.status_code == 201, first.json()
    assert (first.json()["status"], first.json()["waiting_position"]) == ("booked", None)
    # region A does not see PB-1: as if it did not exist
    hidden = as_persona("regional").post(
        "/api/v1/group-bookings/",
        {"event": event["id"], "person_id": "PB-1", "programme": "JPS"},
        format="json",
    )
    assert hidden.status_code == 404
    second = as_persona("coordinator").post(
        "/api/v1/group-bookings/",
        {"event": event["id"], "person_id": "PB-1", "programme": "JPS"},
        format="json",
    )
    assert second.status_code == 201
    assert (second.json()["status"], second.json()["waiting_position"]) == ("waiting", 1)  # one place
    twice = as_persona("provider").post(
        "/api/v1/group-bookings/",
        {"event": event["id"], "person_id": "PA-1", "programme": "JPS"},
        format="json",
    )
    assert twice.status_code == 400
    assert twice.json() == {"person_id": ["Diese Person ist für das Angebot schon gebucht oder wartet."]}
    # a Jobcenter sees PA-1 but the mentor does not: not found
    mentor = as_persona("mentor").post(
        "/api/v1/group-bookings/",
        {"event": event["id"], "person_id": "PA-1", "programme": "JPS"},
        format="json",
    )
    assert mentor.status_code == 404
    assert Booking.objects.count() == 2


def test_bookings_are_shown_within_sight_and_every_read_is_audited(world, journeys, as_persona):
    event = (
        as_persona("jobcenter").post("/api/v1/group-events/", _event_body(capacity=5), format="json").json()
    )
    for person_id in ("PA-1", "PB-1"):
        as_persona("coordinator").post(
            "/api/v1/group-bookings/",
            {"event": event["id"], "person_id": person_id, "programme": "JPS"},
            format="json",
        )
    regional = as_persona("regional").get("/api/v1/group-bookings/").json()["results"]
    assert [b["person_id"] for b in regional] == ["PA-1"]  # not the organiser: its own cases only
    organiser = as_persona("jobcenter").get("/api/v1/group-bookings/").json()["results"]
    assert sorted(b["person_id"] for b in organiser) == ["PA-1", "PB-1"]  # the organiser sees all
    reads = AuditEntry.objects.filter(action="read", purpose="API")
    assert sorted(reads.filter(actor=world.personas["regional"]).values_list("person_id", flat=True)) == [
        journeys.person_a.pk
    ]
    assert sorted(
        reads.filter(actor=world.personas["jobcenter"]).values_list("person_id", flat=True)
    ) == sorted([journeys.person_a.pk, journeys.person_b.pk])
    booking_b = Booking.objects.get(participation=journeys.participation_b)
    assert as_persona("regional").get(f"/api/v1/group-bookings/{booking_b.pk}/").status_code == 404
    assert as_persona("outsider").get("/api/v1/group-bookings/").json()["count"] == 0


def test_attendance_for_booked_places_at_held_sessions_by_the_organiser(world, journeys, as_persona):
    event = as_persona("jobcenter").post("/api/v1/group-events/", _event_body(), format="json").json()
    past, future = event["sessions"][0]["id"], event["sessions"][1]["id"]
    for person_id in ("PA-1", "PB-1"):  # PB-1 waits
        as_persona("coordinator").post(
            "/api/v1/group-bookings/",
            {"event": event["id"], "person_id": person_id, "programme": "JPS"},
            format="json",
        )
    body = {"session": past, "person_id": "PA-1", "programme": "JPS", "status": "attended"}
    refused = as_persona("regional").post("/api/v1/group-attendance/", body, format="json")
    assert refused.status_code == 403
    response = as_persona("jobcenter").post("/api/v1/group-attendance/", body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["person_id"], response.json()["status"]) == ("PA-1", "attended")
    later = as_persona("jobcenter").post(
        "/api/v1/group-attendance/", {**body, "session": future}, format="json"
    )
    assert later.status_code == 400
    assert later.json() == {
        "non_field_errors": [
            "Der Termin liegt in der Zukunft; die Anwesenheit kann noch nicht erfasst werden."
        ]
    }
    waiting = as_persona("jobcenter").post(
        "/api/v1/group-attendance/", {**body, "person_id": "PB-1"}, format="json"
    )
    assert waiting.status_code == 400
    changed = as_persona("jobcenter").post(
        "/api/v1/group-attendance/", {**body, "status": "excused"}, format="json"
    )
    assert changed.status_code == 201
    assert list(Attendance.objects.values_list("status", flat=True)) == ["excused"]
    listed = as_persona("regional").get(f"/api/v1/group-attendance/?event={event['id']}").json()
    assert [a["person_id"] for a in listed["results"]] == ["PA-1"]


def test_a_read_only_key_cannot_book(world, journeys):
    from stufenweg.api.models import ApiKey
    from tests.api.conftest import client_for

    event = services.group_event_create(
        kind="workshop",
        title="Werkstatt",
        organiser=world.jobcenter_a,
        programmes=[world.programme],
        place="JOBfabrik",
        capacity=5,
        by=None,
    )
    client = client_for(world.personas["coordinator"], scope=ApiKey.Scope.READ)
    response = client.post(
        "/api/v1/group-bookings/", {"event": event.pk, "person_id": "PA-1", "programme": "JPS"}, format="json"
    )
    assert response.status_code == 403
    assert Booking.objects.count() == 0


def test_the_schema_documents_the_group_work_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/group-events/",
        "/api/v1/group-sessions/",
        "/api/v1/group-bookings/",
        "/api/v1/group-attendance/",
    ):
        assert "post" in schema["paths"][path], path
        assert "get" in schema["paths"][path + "{id}/"], path


# --- referrals to support services -----------------------------------------------------------------


def _referral(person_id: str, **changes) -> dict:
    return {
        "person_id": person_id,
        "programme": "JPS",
        "kind": "debt",
        "planned_on": PAST.isoformat(),
        **changes,
    }


def test_a_referral_is_planned_by_who_may_write_casework(world, journeys, as_persona):
    from stufenweg.support.models import ServiceReferral

    response = as_persona("regional").post("/api/v1/service-referrals/", _referral("PA-1"), format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["kind"], response.json()["person_id"]) == (
        "planned",
        "debt",
        "PA-1",
    )
    # the Jobcenter that referred PA-1 refers it to a § 16a service too (DOMAIN.md §1: it refers
    # people; the services of its programme); region A does not see PB-1
    by_jobcenter = as_persona("jobcenter").post(
        "/api/v1/service-referrals/", _referral("PA-1"), format="json"
    )
    assert by_jobcenter.status_code == 201, by_jobcenter.json()
    assert ServiceReferral.objects.filter(participation__person__person_id="PA-1", kind="debt").count() == 2
    assert (
        as_persona("provider")
        .post("/api/v1/service-referrals/", _referral("PB-1"), format="json")
        .status_code
        == 404
    )
    future = _referral("PA-1", planned_on=FUTURE.isoformat())
    refused = as_persona("provider").post("/api/v1/service-referrals/", future, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"planned_on": ["Das Datum liegt in der Zukunft."]}
    assert ServiceReferral.objects.count() == 2  # the regional office's and the Jobcenter's


def test_referrals_are_read_within_sight_and_audited(world, journeys, as_persona):
    for person_id in ("PA-1", "PB-1"):
        as_persona("coordinator").post("/api/v1/service-referrals/", _referral(person_id), format="json")
    listed = as_persona("regional").get("/api/v1/service-referrals/").json()
    assert [r["person_id"] for r in listed["results"]] == ["PA-1"]
    reads = AuditEntry.objects.filter(action="read", purpose="API", actor=world.personas["regional"])
    assert list(reads.values_list("person_id", flat=True)) == [journeys.person_a.pk]
    assert as_persona("mentor").get("/api/v1/service-referrals/").json()["count"] == 0
