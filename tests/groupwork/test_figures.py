"""The group-work figures reproduce a hand-counted example (docs/indicators.md, „Gruppenangebote“).

Event A (Jobcenter A, region A, JPS, 10 places): two sessions held, one still to come; 11 bookings
(10 booked, 1 waiting); session 1: 8 attended, 1 excused, 1 absent; session 2: 7 attended, 3 absent.
Event B (Jobcenter B, region B, JPS and P2, 5 places): one session held, 2 booked, 1 attended.
Event C (cancelled) and event D (its session before the period) do not count.

By hand:            sessions places bookings waiting expected attended rate
JPS / Region A          2      10     10       1      20       15     75 %
JPS / Region B          1       5      2       0       2        1     50 %
P2  / Region B          1       5      2       0       2        1     50 %
total (events once)     3      15     12       1      22       16

Per programme: JPS = events A and B (3, 15, 12, 1, 22, 16); P2 = event B (1, 5, 2, 0, 2, 1).
Per region (each event once): Region A = event A (2, 10, 10, 1, 20, 15); Region B = event B
(1, 5, 2, 0, 2, 1) — not twice, although B has two programmes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from stufenweg.groupwork import services
from stufenweg.groupwork.figures import figures_by, group_work_figures
from stufenweg.groupwork.models import GroupEvent
from tests.factories import ProgrammeFactory
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _day(offset: int) -> tuple[dt.date, dt.time, dt.time]:
    return (TODAY + dt.timedelta(days=offset), dt.time(9), dt.time(12))


@pytest.fixture
def example(world):
    p2 = ProgrammeFactory(code="P2", name="Programm Zwei")
    a = workshop(world, capacity=10, sessions=[_day(-14), _day(-7), _day(7)], title="A")
    people = participants(world, 11, prefix="Fa")
    bookings = [services.booking_create(event=a, participation=p, by=None) for p in people]
    first, second = a.sessions.all()[:2]
    statuses = {b.pk: "attended" for b in bookings[:8]} | {
        bookings[8].pk: "excused",
        bookings[9].pk: "absent",
    }
    services.attendance_record(session=first, statuses=statuses, by=None)
    statuses = {b.pk: "attended" for b in bookings[:7]} | {b.pk: "absent" for b in bookings[7:10]}
    services.attendance_record(session=second, statuses=statuses, by=None)

    b = services.group_event_create(
        kind="job_club",
        title="B",
        organiser=world.jobcenter_b,
        programmes=[world.programme, p2],
        place="Delitzsch",
        capacity=5,
        sessions=[_day(-3)],
        by=None,
    )
    pb = participants(world, 2, prefix="Fb", region=world.region_b, referrer=world.jobcenter_b)
    b_bookings = [services.booking_create(event=b, participation=p, by=None) for p in pb]
    services.attendance_record(session=b.sessions.get(), statuses={b_bookings[0].pk: "attended"}, by=None)

    c = workshop(world, capacity=4, sessions=[_day(-5)], title="C")
    services.booking_create(event=c, participation=participants(world, 1, prefix="Fc")[0], by=None)
    services.group_event_cancel(event=c, reason="krank", by=None)
    workshop(world, capacity=6, sessions=[_day(-60)], title="D")
    return p2


def test_figures_match_the_hand_count(world, example):
    rows, total = group_work_figures(
        GroupEvent.objects.all(),
        date_from=TODAY - dt.timedelta(days=30),
        date_to=TODAY + dt.timedelta(days=30),
        as_of=TODAY,
    )
    table = {
        (r.programme, r.region): (r.sessions, r.places, r.bookings, r.waiting, r.expected, r.attended)
        for r in rows
    }
    assert table == {
        ("JobPerspektive Test", "Region A"): (2, 10, 10, 1, 20, 15),
        ("JobPerspektive Test", "Region B"): (1, 5, 2, 0, 2, 1),
        ("Programm Zwei", "Region B"): (1, 5, 2, 0, 2, 1),
    }
    assert (total.sessions, total.places, total.bookings, total.waiting, total.expected, total.attended) == (
        3,
        15,
        12,
        1,
        22,
        16,
    )
    assert rows[0].rate == 0.75


def test_the_figures_page_shows_numerator_and_denominator(world, example):
    client = Client()
    client.force_login(world.personas["regional"])  # region A: sees event A only (and D)
    start, end = TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=30)
    html = client.get(f"/gruppenangebote/kennzahlen/?date_from={start}&date_to={end}").content.decode()
    assert "75 %" in html and "(15/20)" in html
    assert "Region B" not in html


def _table(rows):
    return {
        (r.programme, r.region): (r.sessions, r.places, r.bookings, r.waiting, r.expected, r.attended)
        for r in rows
    }


def test_figures_per_programme_and_per_region_match_the_hand_count(world, example):
    span = {
        "date_from": TODAY - dt.timedelta(days=30),
        "date_to": TODAY + dt.timedelta(days=30),
        "as_of": TODAY,
    }
    events = GroupEvent.objects.all()
    assert _table(figures_by(events, ("programme",), **span)) == {
        ("JobPerspektive Test", ""): (3, 15, 12, 1, 22, 16),
        ("Programm Zwei", ""): (1, 5, 2, 0, 2, 1),
    }
    assert _table(figures_by(events, ("region",), **span)) == {
        ("", "Region A"): (2, 10, 10, 1, 20, 15),
        ("", "Region B"): (1, 5, 2, 0, 2, 1),
    }
    assert _table(figures_by(events, (), **span)) == {("Gesamt", ""): (3, 15, 12, 1, 22, 16)}


def test_the_as_of_day_leaves_out_sessions_still_to_come(world, example):
    # as of 10 days ago only A's first session (14 days ago) was held: 1 session, 8 of 10 attended
    (row,) = figures_by(
        GroupEvent.objects.all(),
        ("programme", "region"),
        date_from=TODAY - dt.timedelta(days=30),
        date_to=TODAY + dt.timedelta(days=30),
        as_of=TODAY - dt.timedelta(days=10),
    )
    assert (row.region, row.sessions, row.places, row.expected, row.attended) == ("Region A", 1, 10, 10, 8)
