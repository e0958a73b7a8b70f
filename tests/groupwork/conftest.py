"""Fixtures for group work: participants of Jobcenter A in region A and a JOBfabrik workshop."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.groupwork import services
from stufenweg.groupwork.models import EventKind
from tests.casework.conftest import make_person
from tests.conftest import start_journey


def participants(world, n: int, *, prefix: str = "Gruppe", region=None, referrer=None) -> list:
    """``n`` participations referred by Jobcenter A (or ``referrer``) into region A (or ``region``)."""
    result = []
    for i in range(1, n + 1):
        person = make_person(f"{prefix}{i:02d}", "Test", f"{prefix.upper()}-{i:02d}")
        result.append(
            start_journey(
                world,
                person,
                on=dt.date(2024, 1, 8),
                region=region or world.region_a,
                referrer=referrer or world.jobcenter_a,
            )
        )
    return result


def workshop(world, *, capacity=10, sessions=(), organiser=None, title="JOBfabrik: Neue Wege zum JOB"):
    return services.group_event_create(
        kind=EventKind.WORKSHOP,
        title=title,
        organiser=organiser or world.jobcenter_a,
        programmes=[world.programme],
        place="JOBfabrik Torgau",
        capacity=capacity,
        sessions=sessions,
        by=None,
    )


@pytest.fixture
def past_sessions():
    today = dt.date.today()
    return [
        (today - dt.timedelta(days=14), dt.time(9), dt.time(12)),
        (today - dt.timedelta(days=7), dt.time(9), dt.time(12)),
    ]
