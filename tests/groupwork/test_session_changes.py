"""Sessions can be moved, added and removed after the event is created; a session with recorded
attendance keeps its date and cannot be removed. Each change leaves one notice per caseworker of
a booked or waiting participant (as a cancellation does), without names, shown again until read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.groupwork import services
from stufenweg.groupwork.models import GroupSession, Notice
from stufenweg.journeys import services as journeys
from tests.factories import MembershipFactory, UserFactory
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
LATER = TODAY + dt.timedelta(days=10)


@pytest.fixture
def booked(world):
    """A workshop (capacity 1) with a session in ten days; one person booked by the Jobcenter's
    user with a regional-office caseworker, one waiting; a past session with attendance."""
    event = workshop(
        world,
        capacity=1,
        sessions=[(TODAY - dt.timedelta(days=3), dt.time(9), dt.time(12)), (LATER, dt.time(9), dt.time(12))],
    )
    first, second = participants(world, 2, prefix="Termin")
    kollege = MembershipFactory(user=UserFactory(username="kollege"), organisation=world.regional_a).user
    journeys.participation_assign_caseworker(participation=first, caseworker=kollege, by=None)
    booking = services.booking_create(event=event, participation=first, by=world.personas["jobcenter"])
    services.booking_create(event=event, participation=second, by=world.personas["jobcenter"])
    past, coming = event.sessions.order_by("date")
    services.attendance_record(session=past, statuses={booking.pk: "attended"}, by=None)
    return event, past, coming, kollege


def test_moving_a_session_notifies_the_caseworkers(world, booked):
    event, _past, coming, kollege = booked
    organiser = world.personas["jobcenter"]
    services.group_session_edit(
        session=coming,
        on=LATER + dt.timedelta(days=1),
        starts_at=dt.time(10),
        ends_at=dt.time(13),
        by=organiser,
    )
    coming.refresh_from_db()
    assert (coming.date, coming.starts_at) == (LATER + dt.timedelta(days=1), dt.time(10))
    notices = {n.recipient.username: n.text for n in Notice.objects.filter(event=event)}
    assert sorted(notices) == ["jobcenter", "kollege"]
    was, now = LATER.strftime("%d.%m.%Y"), (LATER + dt.timedelta(days=1)).strftime("%d.%m.%Y")
    assert f"Termin {was}, 09:00–12:00 verlegt auf {now}, 10:00–13:00" in notices["kollege"]
    assert "Termin01" not in notices["kollege"]
    assert AuditEntry.objects.filter(summary="Termin geändert", object_id=str(coming.pk)).count() == 1


def test_a_session_with_attendance_keeps_its_date_and_stays(world, booked):
    _event, past, _coming, _kollege = booked
    with pytest.raises(ValidationError) as error:
        services.group_session_edit(
            session=past,
            on=past.date - dt.timedelta(days=1),
            starts_at=dt.time(9),
            ends_at=dt.time(12),
            by=None,
        )
    assert "Anwesenheit erfasst" in str(error.value)
    services.group_session_edit(
        session=past, on=past.date, starts_at=dt.time(8), ends_at=dt.time(12), by=None
    )
    with pytest.raises(ValidationError):
        services.group_session_remove(session=past, by=None)
    assert GroupSession.objects.filter(pk=past.pk).exists()


def test_removing_and_adding_sessions_notify_again_until_read(world, booked):
    event, _past, coming, kollege = booked
    services.group_session_remove(session=coming, by=None)
    assert not GroupSession.objects.filter(pk=coming.pk).exists()
    notice = Notice.objects.get(event=event, recipient=kollege)
    assert "entfällt" in notice.text
    services.notice_dismiss(notice=notice, by=kollege)
    services.group_session_add(event=event, on=LATER, starts_at=dt.time(14), ends_at=dt.time(16), by=None)
    notice.refresh_from_db()
    assert "Neuer Termin" in notice.text and notice.dismissed_at is None  # one notice per event, shown again
    services.group_event_cancel(event=event, reason="Raum fehlt", by=None)
    notice.refresh_from_db()
    assert "abgesagt (Raum fehlt)" in notice.text
    assert Notice.objects.filter(event=event, recipient=kollege).count() == 1


def test_a_new_place_notifies(world, booked):
    event, _past, _coming, kollege = booked
    services.group_event_edit(
        event=event,
        kind=event.kind,
        title=event.title,
        programmes=[world.programme],
        place="JOBfabrik Oschatz",
        capacity=1,
        region=event.region,
        by=None,
    )
    assert "Neuer Ort: JOBfabrik Oschatz." in Notice.objects.get(event=event, recipient=kollege).text


def test_the_pages_change_and_remove_a_session(world, booked):
    event, past, coming, _kollege = booked
    client = Client()
    client.force_login(world.personas["jobcenter"])
    detail = client.get(f"/gruppenangebote/{event.pk}/").content.decode()
    assert f"/gruppenangebote/termin/{coming.pk}/entfernen/" in detail
    assert f"/gruppenangebote/termin/{past.pk}/entfernen/" not in detail  # attendance recorded
    page = client.get(f"/gruppenangebote/termin/{coming.pk}/bearbeiten/").content.decode()
    assert f'value="{LATER.isoformat()}"' in page
    bad = client.post(
        f"/gruppenangebote/termin/{coming.pk}/bearbeiten/",
        {"date": LATER.isoformat(), "starts_at": "12:00", "ends_at": "11:00"},
    )
    assert bad.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in bad.content.decode()
    refused = client.post(f"/gruppenangebote/termin/{past.pk}/entfernen/")
    assert refused.status_code == 422 and "kann nicht entfernt werden" in refused.content.decode()
    done = client.post(f"/gruppenangebote/termin/{coming.pk}/entfernen/")
    assert done.status_code == 302 and not GroupSession.objects.filter(pk=coming.pk).exists()
    # someone who sees the event but does not organise it
    regional = Client()
    regional.force_login(world.personas["regional"])
    assert regional.get(f"/gruppenangebote/termin/{past.pk}/bearbeiten/").status_code == 403
