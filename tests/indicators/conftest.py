"""Fixtures for indicator tests: a small world, persons with chosen traits, and a report runner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.indicators.engine import Engine, settings_for
from stufenweg.journeys import services
from tests.factories import PersonFactory

D = dt.date


class Report:
    """Rows of one engine run, looked up by indicator and group."""

    def __init__(self, rows):
        self.rows = rows

    def row(self, indicator, **group):
        for row in self.rows:
            if row["indicator"] == indicator and row["group"] == group:
                return row
        return None

    def value(self, indicator, **group):
        row = self.row(indicator, **group)
        return 0 if row is None else row["value"]

    def frac(self, indicator, **group):
        row = self.row(indicator, **group)
        return None if row is None else (row["numerator"], row["denominator"])


@pytest.fixture
def w(world):
    """The shared world with room in every measure (capacity is not what these tests are about)."""
    for measure in (world.measure_a, world.measure_b, world.measure_m):
        measure.places = 100
        measure.save()
    return world


@pytest.fixture
def run(w):
    world = w

    def _run(
        date_from=D(2023, 1, 1),
        date_to=D(2023, 12, 31),
        *,
        as_of=None,
        recorded_on=None,
        by=(),
        ids=None,
        programme=None,
        region_ids=None,
    ):
        programme = programme or world.programme
        programme.refresh_from_db()
        settings = settings_for(
            programme,
            date_from=date_from,
            date_to=date_to,
            as_of=as_of,
            recorded_on=recorded_on,
            region_ids=region_ids,
        )
        with Engine(settings) as engine:
            return Report(engine.rows(ids, by))

    return _run


@pytest.fixture
def make_person(db):
    def _make(**traits):
        traits.setdefault("birth_date", D(1980, 5, 17))
        return PersonFactory(**traits)

    return _make


class Journey:
    """Builds one participation through the services, so every event obeys the journey rules."""

    def __init__(self, world, person, *, on=D(2023, 1, 2), region=None, referrer=None, at=None):
        self.world = world
        self.person = person
        self.at = at
        self.referral = services.participation_refer(
            person=person,
            programme=world.programme,
            on=on,
            referrer=referrer or world.jobcenter_a,
            region=region or world.region_a,
            by=None,
            **self._at(),
        )
        self.participation = self.referral.participation

    def _at(self):
        return {"recorded_at": self.at} if self.at else {}

    def assess(self, on=None, **extra):
        on = on or self.referral.occurred_on + dt.timedelta(days=7)
        return services.participation_start_assessment(
            person=self.person, programme=self.world.programme, on=on, by=None, **self._at(), **extra
        )

    def enter(
        self, on=D(2023, 2, 1), *, measure=None, stage=None, status="unemployed", since=D(2020, 1, 1), **extra
    ):
        return services.enrolment_enter(
            participation=self.participation,
            measure=measure or self.world.measure_a,
            stage=stage or self.world.s3,
            on=on,
            employment_status=status,
            unemployed_since=since,
            benefit="sgb2",
            by=None,
            **self._at(),
            **extra,
        )

    def change(self, on, *, measure, stage, change="planned", **extra):
        return services.enrolment_change_stage(
            participation=self.participation,
            measure=measure,
            stage=stage,
            on=on,
            change=change,
            by=None,
            **self._at(),
            **extra,
        )

    def exit(self, on, kind="regular", statuses=(), **extra):
        return services.enrolment_exit(
            participation=self.participation,
            on=on,
            kind=kind,
            statuses=statuses,
            by=None,
            **self._at(),
            **extra,
        )

    def job(self, on, kind="svb", **extra):
        return services.employment_start_record(
            participation=self.participation, on=on, kind=kind, by=None, **self._at(), **extra
        )

    def job_end(self, on):
        return services.employment_end_record(participation=self.participation, on=on, by=None, **self._at())

    def follow_up(self, on, statuses=(), reached=True):
        return services.follow_up_record(
            participation=self.participation, on=on, statuses=statuses, reached=reached, by=None, **self._at()
        )

    def reactivate(self, on):
        return services.participation_reactivate(
            participation=self.participation, on=on, by=None, **self._at()
        )

    def extend(self, on, planned_end):
        return services.enrolment_extend(
            participation=self.participation, on=on, planned_end=planned_end, by=None, **self._at()
        )

    def waitlist(self, on, stage=None):
        return services.participation_waitlist(
            participation=self.participation, on=on, stage=stage or self.world.s3, by=None, **self._at()
        )

    def internship(self, on, first_labour_market=True):
        return services.internship_record(
            participation=self.participation,
            on=on,
            employer=self.world.employer,
            first_labour_market=first_labour_market,
            by=None,
            **self._at(),
        )

    def qualification(self, on):
        return services.qualification_record(
            participation=self.participation, on=on, what="Abschluss", by=None, **self._at()
        )


@pytest.fixture
def journey(w, make_person):
    def _journey(person=None, **kw):
        return Journey(w, person or make_person(), **kw)

    return _journey


def at(year, month, day, hour=12):
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def stage_entry_targets(programme, *periods):
    """Targets for ``flow.stage_entries`` from 1 Jan 2023 to each ``(period_to, target)``."""
    from decimal import Decimal

    from stufenweg.programmes.models import Target

    for period_to, target in periods:
        Target.objects.create(
            programme=programme,
            indicator="flow.stage_entries",
            period_from=D(2023, 1, 1),
            period_to=period_to,
            target=Decimal(target),
        )
