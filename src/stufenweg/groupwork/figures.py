"""Group-work figures per programme and region (docs/indicators.md, „Gruppenangebote“), computed
in the database. A session is *held* when its event is not cancelled and its date lies in the
period and not after the as-of day. An event with several programmes counts under each of them;
the total row counts each event once.

* sessions held — the held sessions;
* places — the capacity of the events with at least one held session;
* bookings — the booked places (status booked; not waiting, not cancelled) of those events;
* waiting — the waiting-list entries of those events;
* attendance rate — attended ÷ expected, where *expected* is, summed over the held sessions, the
  booked places of the session's event, and *attended* the attendance rows „teilgenommen“ of those
  bookings at those sessions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from stufenweg.groupwork.models import Attendance, Booking, GroupEvent, GroupSession

BOOKED = Booking.Status.BOOKED


@dataclass
class FigureRow:
    programme: str
    region: str
    sessions: int = 0
    places: int = 0
    bookings: int = 0
    waiting: int = 0
    expected: int = 0
    attended: int = 0

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


def _held(events: QuerySet[GroupEvent], date_from: dt.date, date_to: dt.date, as_of: dt.date):
    last = min(date_to, as_of)
    sessions = GroupSession.objects.filter(
        event__in=events.values("pk"),
        event__status=GroupEvent.Status.ACTIVE,
        date__gte=date_from,
        date__lte=last,
    )
    held_events = events.filter(Exists(sessions.filter(event_id=OuterRef("pk"))))
    return sessions, held_events


def _merge(rows: dict, values, key_names: tuple[str, str], field: str, labels) -> None:
    for row in values:
        key = (row[key_names[0]], row[key_names[1]])
        if key not in rows:
            rows[key] = FigureRow(programme=labels[0].get(key[0], "–"), region=labels[1].get(key[1], "–"))
        setattr(rows[key], field, row["n"] or 0)


def group_work_figures(
    events: QuerySet[GroupEvent], *, date_from: dt.date, date_to: dt.date, as_of: dt.date
) -> tuple[list[FigureRow], FigureRow]:
    """Rows per (programme, region) and the total row, over ``events`` (already restricted to
    what the user may see)."""
    from stufenweg.organisations.models import Region
    from stufenweg.programmes.models import Programme

    sessions, held_events = _held(events, date_from, date_to, as_of)
    labels = (
        dict(Programme.objects.values_list("pk", "name")),
        dict(Region.objects.values_list("pk", "name")),
    )
    booked_q = Q(event__bookings__status=BOOKED)
    rows: dict = {}
    by = ("event__programmes", "event__region")
    _merge(rows, sessions.values(*by).annotate(n=Count("pk")), by, "sessions", labels)
    _merge(
        rows,
        sessions.values(*by).annotate(n=Count("event__bookings", filter=booked_q)),
        by,
        "expected",
        labels,
    )
    _merge(
        rows,
        held_events.values("programmes", "region").annotate(n=Sum("capacity")),
        ("programmes", "region"),
        "places",
        labels,
    )
    bookings = Booking.objects.filter(event__in=held_events.values("pk"))
    _merge(
        rows,
        bookings.filter(status=BOOKED).values(*by).annotate(n=Count("pk")),
        by,
        "bookings",
        labels,
    )
    _merge(
        rows,
        bookings.filter(status=Booking.Status.WAITING).values(*by).annotate(n=Count("pk")),
        by,
        "waiting",
        labels,
    )
    attended = Attendance.objects.filter(
        session__in=sessions.values("pk"), status=Attendance.Status.ATTENDED, booking__status=BOOKED
    )
    by_session = ("session__event__programmes", "session__event__region")
    _merge(rows, attended.values(*by_session).annotate(n=Count("pk")), by_session, "attended", labels)

    total = FigureRow(programme="Gesamt", region="")
    total.sessions = sessions.count()
    total.places = held_events.aggregate(n=Sum("capacity"))["n"] or 0
    total.bookings = bookings.filter(status=BOOKED).count()
    total.waiting = bookings.filter(status=Booking.Status.WAITING).count()
    total.expected = sessions.aggregate(n=Count("event__bookings", filter=booked_q))["n"] or 0
    total.attended = attended.count()
    ordered = sorted(rows.values(), key=lambda r: (r.programme, r.region))
    return ordered, total
