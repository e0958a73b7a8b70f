"""Attendance per session (attended, excused, absent), shown among the participant's contacts;
the cancellation of an event leaves one notice per caseworker of the booked participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.groupwork import services
from stufenweg.groupwork.models import Attendance, Notice
from stufenweg.journeys import services as journeys
from stufenweg.organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db


def test_attendance_is_recorded_and_shown_on_the_participant_page(world, past_sessions):
    event = workshop(world, sessions=past_sessions)
    first, second = participants(world, 2)
    a = services.booking_create(event=event, participation=first, by=None)
    b = services.booking_create(event=event, participation=second, by=None)
    session = event.sessions.first()
    services.attendance_record(
        session=session, statuses={a.pk: "attended", b.pk: "excused"}, by=world.personas["jobcenter"]
    )
    # recorded again with a change: one row per session and booking, the change audited
    services.attendance_record(session=session, statuses={b.pk: "absent"}, by=world.personas["jobcenter"])
    assert dict(Attendance.objects.values_list("booking_id", "status")) == {a.pk: "attended", b.pk: "absent"}
    assert AuditEntry.objects.filter(object_type="groupwork.attendance").count() == 3

    client = Client()
    client.force_login(world.personas["regional"])
    html = client.get(f"/teilnehmende/{first.person_id}/?teilnahme={first.pk}").content.decode()
    assert "JOBfabrik: Neue Wege zum JOB" in html
    assert "teilgenommen" in html
    assert session.date.strftime("%d.%m.%Y") in html


def test_attendance_in_the_future_is_refused(world):
    event = workshop(world, sessions=[(dt.date.today() + dt.timedelta(days=3), dt.time(9), dt.time(10))])
    (p,) = participants(world, 1)
    booking = services.booking_create(event=event, participation=p, by=None)
    with pytest.raises(ValidationError):
        services.attendance_record(session=event.sessions.get(), statuses={booking.pk: "attended"}, by=None)
    assert not Attendance.objects.exists()


def test_cancellation_notifies_each_caseworker_once(world):
    event = workshop(world)
    people = participants(world, 3)
    kollege = MembershipFactory(user=UserFactory(username="kollege"), organisation=world.regional_a).user
    for p in people[:2]:
        journeys.participation_assign_caseworker(participation=p, caseworker=kollege, by=None)
    booker = world.personas["jobcenter"]
    for p in people:
        services.booking_create(event=event, participation=p, by=booker)
    notices = services.group_event_cancel(event=event, reason="Raum nicht verfügbar", by=booker)
    assert sorted(n.recipient.username for n in notices) == ["jobcenter", "kollege"]
    text = Notice.objects.get(recipient=kollege).text
    assert "abgesagt" in text and "2 Ihrer Buchungen" in text
    assert "Gruppe01" not in text  # no names in the notice

    client = Client()
    client.force_login(kollege)
    home = client.get("/").content.decode()
    assert "Raum nicht verfügbar" in home
    notice = Notice.objects.get(recipient=kollege)
    client.post(f"/gruppenangebote/hinweis/{notice.pk}/gelesen/")
    notice.refresh_from_db()
    assert notice.dismissed_at is not None
    assert "Raum nicht verfügbar" not in client.get("/").content.decode()


def test_a_cancelled_event_takes_no_booking(world):
    event = workshop(world)
    services.group_event_cancel(event=event, reason="krank", by=None)
    (p,) = participants(world, 1)
    with pytest.raises(ValidationError):
        services.booking_create(event=event, participation=p, by=None)


def test_someone_elses_notice_is_not_found(world):
    event = workshop(world)
    (p,) = participants(world, 1)
    services.booking_create(event=event, participation=p, by=world.personas["jobcenter"])
    (notice,) = services.group_event_cancel(event=event, reason="krank", by=None)
    other = MembershipFactory(
        user=UserFactory(username="andere"), organisation=world.jobcenter_a, role=Membership.Role.CASEWORKER
    ).user
    client = Client()
    client.force_login(other)
    assert client.post(f"/gruppenangebote/hinweis/{notice.pk}/gelesen/").status_code == 404
    notice.refresh_from_db()
    assert notice.dismissed_at is None
