"""Demo data for group work: a JOBfabrik workshop and a JOBcafé of the Jobcenter Nordsachsen
(seed 001), a job club of WENDE.PUNKT (seed 004) and an information session of the Regionalbüro
Bautzen, each with a past and a coming session, bookings of the programme's current participants
(the last ones on the waiting list where an event is full) and attendance at the past session.
Written through the services (``by=None``: the loader), so that the rules and the audit are the
same as in the web."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.groupwork import services
from stufenweg.groupwork.models import Attendance, EventKind
from stufenweg.groupwork.selectors import BOOKABLE_STATES
from stufenweg.journeys.models import Participation

# (organiser, programme, kind, title, place, capacity, bookings, days of the past and coming session)
EVENTS = (
    ("JC-NOS", "AMIP-NOS", EventKind.WORKSHOP, "JOBfabrik: Bewerbungsunterlagen", "JOBfabrik Delitzsch", 10, 12, (-9, 5)),
    ("JC-NOS", "AMIP-NOS", EventKind.JOB_CAFE, "JOBcafé mit Arbeitgebern der Region", "Jobcenter Torgau", 20, 8, (-16, 12)),
    ("WP-TEAM", "WP", EventKind.JOB_CLUB, "Jobclub am Donnerstag", "WENDE.PUNKT Dortmund", 12, 9, (-7, 7)),
    ("RB-BZ", "JPS", EventKind.INFORMATION, "Infoveranstaltung Stufe 3", "Regionalbüro Bautzen", 15, 6, (-14, 14)),
)  # fmt: skip
ATTENDANCE_CYCLE = (Attendance.Status.ATTENDED,) * 4 + (Attendance.Status.EXCUSED, Attendance.Status.ABSENT)


def add_group_work(ctx) -> None:
    rng = ctx.rng_for("groupwork")
    today = timezone.localdate()
    made = 0
    for org_code, programme_code, kind, title, place, capacity, wanted, days in EVENTS:
        organiser = ctx.organisations.get(org_code)
        programme = ctx.programmes.get(programme_code)
        if organiser is None or programme is None:
            continue
        candidates = Participation.objects.filter(programme=programme, state__in=BOOKABLE_STATES)
        if organiser.region_id is not None:  # the organiser's own region's people
            candidates = candidates.filter(region_id=organiser.region_id)
        candidates = list(candidates.order_by("pk"))
        if not candidates:
            continue
        chosen = rng.sample(candidates, min(wanted, len(candidates)))
        sessions = [(today + dt.timedelta(days=d), dt.time(9, 30), dt.time(12, 0)) for d in days]
        event = services.group_event_create(
            kind=kind,
            title=title,
            organiser=organiser,
            programmes=[programme],
            region=organiser.region,
            place=place,
            capacity=capacity,
            sessions=sessions,
            by=None,
        )
        bookings = [services.booking_create(event=event, participation=p, by=None) for p in chosen]
        past = event.sessions.order_by("date").first()
        booked = [b for b in bookings if b.status == b.Status.BOOKED]
        statuses = {b.pk: ATTENDANCE_CYCLE[i % len(ATTENDANCE_CYCLE)] for i, b in enumerate(booked)}
        if past is not None and past.date < today and statuses:
            services.attendance_record(session=past, statuses=statuses, by=None)
        made += 1
    ctx.stats["group_events"] = made
