"""Outcomes are read from the effective journey events: corrections replace, voids remove."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.journeys import services
from stufenweg.outcomes.selectors import outcomes_of
from tests.conftest import enter, start_journey

pytestmark = pytest.mark.django_db


def test_outcomes_follow_corrections_and_voids(world, person):
    p = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, p, on=dt.date(2024, 2, 1))
    internship = services.internship_record(
        participation=p,
        on=dt.date(2024, 3, 4),
        employer=world.employer,
        end_date=dt.date(2024, 3, 29),
        by=None,
    )
    services.journey_event_correct(
        event=internship, by=None, reason="Datum", occurred_on=dt.date(2024, 3, 11)
    )
    services.employment_start_record(
        participation=p,
        on=dt.date(2024, 5, 1),
        kind="svb",
        employer=world.employer,
        hours=Decimal("30"),
        by=None,
    )
    services.employment_end_record(participation=p, on=dt.date(2024, 8, 31), by=None)
    services.employment_start_record(participation=p, on=dt.date(2024, 9, 2), kind="minijob", by=None)
    qualification = services.qualification_record(
        participation=p, on=dt.date(2024, 4, 2), what="Staplerschein", by=None
    )
    services.qualification_record(participation=p, on=dt.date(2024, 4, 3), what="Erste Hilfe", by=None)
    services.journey_event_void(event=qualification, by=None, reason="falsch")

    result = outcomes_of(p)
    assert [(e.occurred_on, e.end_date) for e in result.internships] == [
        (dt.date(2024, 3, 11), dt.date(2024, 3, 29))
    ]
    assert [(s.start.occurred_on, s.start.employment_kind, s.ended_on) for s in result.employment] == [
        (dt.date(2024, 5, 1), "svb", dt.date(2024, 8, 31)),
        (dt.date(2024, 9, 2), "minijob", None),
    ]
    assert [e.reason for e in result.qualifications] == ["Erste Hilfe"]
    assert result.follow_ups == [] and not result.empty
