"""Authority in the services: only the organiser's writing members (and the coordination office)
manage an event; only a user who may act on a participation books it; a read-only member does
neither. Nothing is written on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from stufenweg.groupwork import services
from stufenweg.groupwork.models import Booking, GroupEvent, GroupSession
from stufenweg.organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db


def test_a_provider_cannot_create_an_event_for_the_jobcenter(world):
    with pytest.raises(PermissionDenied):
        services.group_event_create(
            kind="workshop",
            title="X",
            organiser=world.jobcenter_a,
            programmes=[world.programme],
            place="Ort",
            capacity=5,
            by=world.personas["provider"],
        )
    assert not GroupEvent.objects.exists()


def test_the_jobcenter_creates_its_own_event_in_its_region(world):
    event = services.group_event_create(
        kind="job_cafe",
        title="JOBcafé Oschatz",
        organiser=world.jobcenter_a,
        programmes=[world.programme],
        place="Oschatz",
        capacity=20,
        by=world.personas["jobcenter"],
    )
    assert event.region == world.region_a


def test_a_read_only_member_of_the_organiser_changes_nothing(world):
    event = workshop(world)
    reader = MembershipFactory(
        user=UserFactory(username="jc_lesend"), organisation=world.jobcenter_a, role=Membership.Role.READ_ONLY
    ).user
    with pytest.raises(PermissionDenied):
        services.group_session_add(
            event=event, on=dt.date(2030, 1, 1), starts_at=dt.time(9), ends_at=dt.time(10), by=reader
        )
    with pytest.raises(PermissionDenied):
        services.group_event_cancel(event=event, reason="krank", by=reader)
    assert not GroupSession.objects.exists()
    event.refresh_from_db()
    assert event.status == "active"


def test_only_who_may_act_on_the_participation_books_it(world):
    event = workshop(world)
    (hidden,) = participants(world, 1, region=world.region_b, referrer=world.jobcenter_b)
    (own,) = participants(world, 1, prefix="Eigen")
    with pytest.raises(PermissionDenied):
        services.booking_create(event=event, participation=hidden, by=world.personas["jobcenter"])
    with pytest.raises(PermissionDenied):  # the mentoring project does not see the participation
        services.booking_create(event=event, participation=own, by=world.personas["mentor"])
    services.booking_create(event=event, participation=own, by=world.personas["jobcenter"])
    assert Booking.objects.count() == 1
