"""The group-work pages: the list of upcoming events, the event page with bookings seen by scope,
the forms with German errors next to the field (nothing saved), and the read audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.groupwork import services
from stufenweg.groupwork.models import GroupEvent, GroupSession
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_upcoming_events_of_the_region(world):
    workshop(world, sessions=[(TODAY + dt.timedelta(days=3), dt.time(9), dt.time(12))], title="Kommt bald")
    workshop(world, sessions=[(TODAY - dt.timedelta(days=3), dt.time(9), dt.time(12))], title="Schon vorbei")
    workshop(world, organiser=world.jobcenter_b, title="Anderswo")
    html = _client(world.personas["provider"]).get("/gruppenangebote/").content.decode()
    assert "Kommt bald" in html
    assert "Schon vorbei" not in html
    assert "Anderswo" not in html  # region B
    past = _client(world.personas["provider"]).get("/gruppenangebote/?vergangene=1").content.decode()
    assert "Schon vorbei" in past


def test_an_event_of_another_region_is_not_found(world):
    event = workshop(world, organiser=world.jobcenter_b)
    assert _client(world.personas["regional"]).get(f"/gruppenangebote/{event.pk}/").status_code == 404


def test_bookings_outside_the_scope_are_counted_not_named(world):
    event = workshop(world)
    (own,) = participants(world, 1, prefix="Eigen")
    (other,) = participants(world, 1, prefix="Fremd", region=world.region_b, referrer=world.jobcenter_b)
    services.booking_create(event=event, participation=own, by=None)
    services.booking_create(event=event, participation=other, by=None)
    regional = world.personas["regional"]  # region A: sees Eigen01, not Fremd01
    html = _client(regional).get(f"/gruppenangebote/{event.pk}/").content.decode()
    assert "Eigen01" in html and "Fremd01" not in html
    assert "1 weitere Buchung" in html
    reads = AuditEntry.objects.filter(action="read", actor=regional, purpose="Gruppenangebot")
    assert list(reads.values_list("person_id", flat=True)) == [own.person_id]
    # the organiser (Jobcenter A) sees every booking of its event
    organiser_html = (
        _client(world.personas["jobcenter"]).get(f"/gruppenangebote/{event.pk}/").content.decode()
    )
    assert "Fremd01" in organiser_html


def test_create_with_errors_saves_nothing_and_says_where(world):
    client = _client(world.personas["jobcenter"])
    response = client.post(
        "/gruppenangebote/neu/",
        {
            "kind": "workshop",
            "title": "",
            "organiser": world.jobcenter_a.pk,
            "place": "Torgau",
            "capacity": "0",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "Mindestens ein Platz." in html
    assert not GroupEvent.objects.exists()


def test_create_and_add_a_session(world):
    client = _client(world.personas["jobcenter"])
    response = client.post(
        "/gruppenangebote/neu/",
        {
            "kind": "workshop",
            "title": "Talentkompass",
            "organiser": world.jobcenter_a.pk,
            "programmes": [world.programme.pk],
            "place": "JOBfabrik Torgau",
            "capacity": "10",
        },
    )
    event = GroupEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/gruppenangebote/{event.pk}/"
    bad = client.post(
        f"/gruppenangebote/{event.pk}/termin/",
        {"date": "2030-03-04", "starts_at": "12:00", "ends_at": "09:00"},
    )
    assert bad.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in bad.content.decode()
    client.post(
        f"/gruppenangebote/{event.pk}/termin/",
        {"date": "2030-03-04", "starts_at": "09:00", "ends_at": "12:00"},
    )
    assert GroupSession.objects.filter(event=event).count() == 1


def test_the_picker_offers_only_persons_the_user_may_book(world):
    event = workshop(world)
    participants(world, 1, prefix="Eigen")
    participants(world, 1, prefix="Fremd", region=world.region_b, referrer=world.jobcenter_b)
    client = _client(world.personas["jobcenter"])
    html = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=test").content.decode()  # both: „Test“
    assert "Eigen01" in html and "Fremd01" not in html


def test_a_booking_for_someone_else_s_case_is_not_found(world):
    event = workshop(world)
    (other,) = participants(world, 1, prefix="Fremd", region=world.region_b, referrer=world.jobcenter_b)
    client = _client(world.personas["jobcenter"])
    response = client.post(f"/gruppenangebote/{event.pk}/buchen/", {"participation": other.pk})
    assert response.status_code == 404
    assert not event.bookings.exists()
