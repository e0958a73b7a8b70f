"""A measure without rolling entry takes entries at its start dates; an entry on another day needs
an explicit confirmation (``confirm_entry_date``), as an overbooking does. Nothing is written on a
refusal; a rolling measure takes entries on any day of its period."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.rules import JourneyRuleError
from stufenweg.programmes.entry_dates import dates_text, entry_date_problem, next_start_date
from stufenweg.programmes.models import MeasureStart
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    """measure_a without rolling entry: start dates 01.02.2022 (its start) and 01.08.2022."""
    measure = world.measure_a
    measure.start, measure.rolling_entry = dt.date(2022, 2, 1), False
    measure.save()
    MeasureStart.objects.create(measure=measure, on=dt.date(2022, 8, 1))
    return measure


@pytest.fixture
def participation(world):
    return start_journey(world, PersonFactory(), on=dt.date(2022, 1, 10))


def test_an_entry_at_a_start_date_needs_no_confirmation(world, cohort, participation):
    enter(world, participation, measure=cohort, on=dt.date(2022, 8, 1))
    assert JourneyEvent.objects.filter(participation=participation, kind="entry").count() == 1


def test_an_entry_off_the_start_dates_is_refused_naming_them(world, cohort, participation):
    with pytest.raises(JourneyRuleError) as caught:
        enter(world, participation, measure=cohort, on=dt.date(2022, 2, 7))
    message = caught.value.rule_message
    assert caught.value.field == "occurred_on"
    assert "01.02.2022, 01.08.2022" in message
    assert "Nächster Starttermin: 01.08.2022" in message
    assert "ausdrücklich bestätigt" in message
    assert not JourneyEvent.objects.filter(participation=participation, kind="entry").exists()


def test_a_confirmed_entry_off_the_start_dates_is_recorded(world, cohort, participation):
    services.enrolment_enter(
        participation=participation,
        measure=cohort,
        stage=world.s3,
        on=dt.date(2022, 2, 7),
        by=None,
        employment_status="unemployed",
        unemployed_since=dt.date(2019, 1, 1),
        benefit="sgb2",
        confirm_entry_date=True,
    )
    assert JourneyEvent.objects.get(participation=participation, kind="entry").occurred_on == dt.date(
        2022, 2, 7
    )


def test_a_rolling_measure_takes_entries_on_any_day(world, participation):
    assert world.measure_a.rolling_entry
    enter(world, participation, measure=world.measure_a, on=dt.date(2022, 2, 7))
    assert entry_date_problem(world.measure_a, dt.date(2022, 2, 7)) == ""


def test_a_correction_that_keeps_the_day_asks_nothing_new(world, cohort, participation):
    services.enrolment_enter(
        participation=participation,
        measure=cohort,
        stage=world.s3,
        on=dt.date(2022, 2, 7),
        by=None,
        employment_status="unemployed",
        benefit="sgb2",
        confirm_entry_date=True,
    )
    entry = JourneyEvent.objects.get(participation=participation, kind="entry")
    services.journey_event_correct(
        event=entry, by=None, reason="Ende nachgetragen", planned_end=dt.date(2023, 1, 31)
    )
    with pytest.raises(JourneyRuleError):  # a new day off the start dates: confirm again
        services.journey_event_correct(
            event=JourneyEvent.objects.get(supersedes=entry),
            by=None,
            reason="Tag",
            occurred_on=dt.date(2022, 2, 8),
        )


def test_a_stage_change_into_another_measure_follows_its_start_dates(world, participation):
    enter(world, participation, measure=world.measure_m, stage=world.s4, on=dt.date(2022, 2, 1))
    world.measure_a.start, world.measure_a.rolling_entry = dt.date(2022, 2, 1), False
    world.measure_a.save()
    with pytest.raises(JourneyRuleError) as caught:
        services.enrolment_change_stage(
            participation=participation,
            measure=world.measure_a,
            stage=world.s3,
            on=dt.date(2022, 3, 15),
            change="planned",
            by=None,
        )
    assert "kein Starttermin" in caught.value.rule_message


def test_next_start_date_and_the_dates_named():
    from types import SimpleNamespace

    days = [dt.date(2022, m, 1) for m in range(1, 13)]

    class Starts:
        def all(self):
            return [SimpleNamespace(on=d) for d in days[1:]]

    measure = SimpleNamespace(start=days[0], starts=Starts(), rolling_entry=False, code="X")
    assert next_start_date(measure, dt.date(2022, 3, 2)) == dt.date(2022, 4, 1)
    assert next_start_date(measure, dt.date(2022, 12, 2)) is None
    # from the last start date before the day on, at most five, the rest marked
    assert (
        dates_text(days, around=dt.date(2022, 6, 15))
        == "…, 01.06.2022, 01.07.2022, 01.08.2022, 01.09.2022, 01.10.2022, …"
    )
    message = entry_date_problem(measure, dt.date(2022, 12, 2))
    assert "Nächster" not in message and "kein Starttermin" in message
