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


FIELDS = {"programme": "programmes", "region": "region"}
DIMENSIONS = (("programme", "region"), ("programme",), ("region",), ())  # the tables of the page


def _counts(queryset, prefix: str, dims: tuple[str, ...], value) -> dict[tuple, int]:
    """``value`` (an aggregate) of ``queryset`` per group of ``dims`` (the related paths under
    ``prefix``); one group ``()`` without dimensions."""
    if not dims:
        return {(): queryset.aggregate(n=value)["n"] or 0}
    paths = [prefix + FIELDS[d] for d in dims]
    return {tuple(row[p] for p in paths): row["n"] or 0 for row in queryset.values(*paths).annotate(n=value)}


def figures_by(
    events: QuerySet[GroupEvent],
    dims: tuple[str, ...],
    *,
    date_from: dt.date,
    date_to: dt.date,
    as_of: dt.date,
) -> list[FigureRow]:
    """Rows per group of ``dims`` (a subset of programme, region; ``()``: one total row) over
    ``events`` (already restricted to what the user may see). Grouped by programme, an event
    counts under each of its programmes; otherwise once."""
    from stufenweg.organisations.models import Region
    from stufenweg.programmes.models import Programme

    sessions, held_events = _held(events, date_from, date_to, as_of)
    bookings = Booking.objects.filter(event__in=held_events.values("pk"))
    attended = Attendance.objects.filter(
        session__in=sessions.values("pk"), status=Attendance.Status.ATTENDED, booking__status=BOOKED
    )
    figures = {
        "sessions": _counts(sessions, "event__", dims, Count("pk")),
        "expected": _counts(
            sessions, "event__", dims, Count("event__bookings", filter=Q(event__bookings__status=BOOKED))
        ),
        "places": _counts(held_events, "", dims, Sum("capacity")),
        "bookings": _counts(bookings.filter(status=BOOKED), "event__", dims, Count("pk")),
        "waiting": _counts(bookings.filter(status=Booking.Status.WAITING), "event__", dims, Count("pk")),
        "attended": _counts(attended, "session__event__", dims, Count("pk")),
    }
    labels = {
        "programme": dict(Programme.objects.values_list("pk", "name")),
        "region": dict(Region.objects.values_list("pk", "name")),
    }
    rows: dict[tuple, FigureRow] = {}
    for field, counts in figures.items():
        for key, n in counts.items():
            if key not in rows:
                named = dict(zip(dims, key, strict=True))
                rows[key] = FigureRow(
                    programme=labels["programme"].get(named["programme"], "–") if "programme" in dims else "",
                    region=labels["region"].get(named["region"], "–") if "region" in dims else "",
                )
            setattr(rows[key], field, n)
    if not dims:
        rows[()].programme = "Gesamt"
    return sorted(rows.values(), key=lambda r: (r.programme, r.region))


def group_work_figures(
    events: QuerySet[GroupEvent], *, date_from: dt.date, date_to: dt.date, as_of: dt.date
) -> tuple[list[FigureRow], FigureRow]:
    """Rows per (programme, region) and the total row (each event once)."""
    period = {"date_from": date_from, "date_to": date_to, "as_of": as_of}
    rows = figures_by(events, ("programme", "region"), **period)
    (total,) = figures_by(events, (), **period)
    return rows, total
