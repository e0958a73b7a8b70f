"""Reports at (D, R): corrections and voids recorded after R are ignored; past reports reproduce."""

import datetime as dt

from stufenweg.journeys import services
from tests.indicators.conftest import at

D = dt.date


def _journey(journey):
    j = journey(at=at(2023, 3, 1))
    j.assess()
    j.enter(D(2023, 2, 1))
    exit_event = j.exit(D(2023, 5, 31), "regular", ["job_seeking"])
    return j, exit_event


def test_a_correction_recorded_after_the_recorded_on_moment_is_ignored(w, journey, run):
    j, exit_event = _journey(journey)
    j.at = None
    june = at(2023, 6, 30)
    before = run(recorded_on=june)
    assert before.frac("prog.success_rate") == (1, 1)
    assert before.frac("prog.dropout_rate") == (0, 1)

    services.journey_event_correct(
        event=exit_event,
        by=None,
        reason="Abbruch statt regulär",
        exit_kind="early_negative",
        recorded_at=at(2023, 7, 15),
    )
    # the report of 30 June, re-run after the correction, gives the same numbers
    again = run(recorded_on=june)
    assert again.rows == before.rows
    after = run(recorded_on=at(2023, 7, 31))
    assert after.frac("prog.dropout_rate") == (1, 1)
    assert after.frac("prog.success_rate") == (0, 1)
    assert run().frac("prog.dropout_rate") == (1, 1)  # default: now


def test_a_correction_can_move_an_event_out_of_the_period(w, journey, run):
    j, exit_event = _journey(journey)
    services.journey_event_correct(
        event=exit_event, by=None, reason="Datum", occurred_on=D(2024, 1, 15), recorded_at=at(2024, 1, 20)
    )
    assert run(recorded_on=at(2023, 12, 31)).value("flow.exits") == 1
    now = run()
    assert now.value("flow.exits") == 0
    assert now.value("flow.active") == 1  # on 31.12.2023 the enrolment was still open


def test_a_void_removes_the_event_from_that_moment_on(w, journey, run):
    j, exit_event = _journey(journey)
    services.journey_event_void(event=exit_event, by=None, reason="irrtümlich", on=D(2023, 5, 31))
    assert run(recorded_on=at(2023, 6, 30)).value("flow.exits") == 1
    now = run()
    assert now.value("flow.exits") == 0
    assert now.value("flow.active") == 1


def test_events_recorded_after_r_do_not_count(w, journey, run):
    j = journey(at=at(2023, 1, 5))
    j.assess()
    j.at = at(2023, 8, 1)
    j.enter(D(2023, 2, 1))  # recorded only in August
    assert run(recorded_on=at(2023, 7, 1)).value("flow.stage_entries") == 0
    assert run(recorded_on=at(2023, 8, 1)).value("flow.stage_entries") == 1  # recorded_at <= R
