"""The demo has group events to look at: each with a past and a coming session, bookings of the
programme's current participants, a waiting list where an event is full, and attendance
at the past session (the small demo may lack one programme's participants: at least three events)."""

from __future__ import annotations

from django.utils import timezone

from stufenweg.groupwork.models import Attendance, Booking, GroupEvent


def test_the_demo_has_group_events_with_bookings_and_attendance(small_demo, db):
    events = list(GroupEvent.objects.prefetch_related("sessions", "bookings"))
    assert len(events) >= 3
    today = timezone.localdate()
    for event in events:
        dates = [s.date for s in event.sessions.all()]
        assert min(dates) < today < max(dates), event.title
        assert event.bookings.exists(), event.title
        booked = event.bookings.filter(status=Booking.Status.BOOKED).count()
        assert booked <= event.capacity
        # more bookings than places: the rest wait (the full demo books 12 on the workshop's 10)
        waiting = event.bookings.filter(status=Booking.Status.WAITING).count()
        assert waiting == max(0, event.bookings.count() - event.capacity), event.title
    assert Attendance.objects.filter(status=Attendance.Status.ATTENDED).exists()
