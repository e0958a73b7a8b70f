"""Booking beyond the capacity puts the participant on the waiting list, in order; cancelling a
booked place moves the first waiting booking up and the positions behind close up."""

from __future__ import annotations

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.groupwork import services
from stufenweg.groupwork.models import Booking
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db


def test_the_eleventh_waits_and_moves_up(world):
    caseworker = world.personas["jobcenter"]
    event = workshop(world, capacity=10)
    people = participants(world, 12)
    bookings = [services.booking_create(event=event, participation=p, by=caseworker) for p in people]
    assert [b.status for b in bookings[:10]] == ["booked"] * 10
    assert [(b.status, b.waiting_position) for b in bookings[10:]] == [("waiting", 1), ("waiting", 2)]

    services.booking_cancel(booking=bookings[3], by=caseworker)
    states = {b.pk: (b.status, b.waiting_position) for b in Booking.objects.filter(event=event)}
    assert states[bookings[3].pk] == ("cancelled", None)
    assert states[bookings[10].pk] == ("booked", None)
    assert states[bookings[11].pk] == ("waiting", 1)
    assert Booking.objects.filter(event=event, status="booked").count() == 10
    assert (
        AuditEntry.objects.filter(
            object_type="groupwork.booking", summary="Von der Warteliste nachgerückt"
        ).count()
        == 1
    )


def test_a_cancelled_booking_can_be_booked_again_at_the_end(world):
    event = workshop(world, capacity=1)
    first, second = participants(world, 2)
    a = services.booking_create(event=event, participation=first, by=None)
    services.booking_create(event=event, participation=second, by=None)
    services.booking_cancel(booking=a, by=None)
    again = services.booking_create(event=event, participation=first, by=None)
    assert (again.pk, again.status, again.waiting_position) == (a.pk, "waiting", 1)


def test_a_second_booking_of_the_same_person_is_refused(world):
    from django.core.exceptions import ValidationError

    event = workshop(world)
    (p,) = participants(world, 1)
    services.booking_create(event=event, participation=p, by=None)
    with pytest.raises(ValidationError) as exc:
        services.booking_create(event=event, participation=p, by=None)
    assert "schon gebucht" in str(exc.value)
    assert Booking.objects.count() == 1


def test_a_larger_capacity_moves_waiting_bookings_up(world):
    event = workshop(world, capacity=1)
    people = participants(world, 3)
    for p in people:
        services.booking_create(event=event, participation=p, by=None)
    services.group_event_edit(
        event=event,
        kind=event.kind,
        title=event.title,
        programmes=[world.programme],
        place=event.place,
        capacity=2,
        region=event.region,
        by=None,
    )
    assert list(
        Booking.objects.filter(event=event).order_by("pk").values_list("status", "waiting_position")
    ) == [("booked", None), ("booked", None), ("waiting", 1)]
