"""The report's enrolments (working table ``sw_enr``) are the enrolments of the journey rules
(``rules.replay``) and of the projection (``Enrolment`` rows), for any accepted history written
through the services or the bulk path, now and at any earlier as-of date and recorded-on moment."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stufenweg.indicators.engine import Engine, settings_for
from stufenweg.journeys.models import Enrolment, JourneyEvent
from stufenweg.journeys.projection import rule_context
from stufenweg.journeys.rules import Ev, effective, replay
from tests.journeys import histories

EVER = dt.date(2000, 1, 1)


@contextmanager
def rolled_back():
    """Each example on a clean log (the world stays)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def day(value) -> dt.date | None:
    """A date from a working table (SQLite gives ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def projected(history) -> dict[int, list[tuple]]:
    """The ``Enrolment`` rows in the order the pages list them."""
    out: dict[int, list[tuple]] = {p.id: [] for p in history.participations()}
    rows = Enrolment.objects.filter(participation_id__in=out).order_by("participation_id", "entered_on", "id")
    for e in rows.values_list(
        "participation_id",
        "entry_event_id",
        "entry_event__kind",
        "entered_on",
        "measure_id",
        "stage_id",
        "exited_on",
        "exit_kind",
        "exit_event_id",
    ):
        out[e[0]].append((*e[1:7], e[7] or None, e[8]))
    return out


def replayed(history, as_of: dt.date, recorded_on: dt.datetime) -> tuple[dict, list]:
    """INDICATORS.md's effective events at (D, R) replayed by the journey rules: the enrolments of
    each participation in order, and (participation, stage, measure, exit, extended) of each."""
    ctx = rule_context(history.world.programme.id)
    out, extended = {}, []
    for p in history.participations():
        rows = JourneyEvent.objects.filter(participation=p, recorded_at__lte=recorded_on).values(*Ev.FIELDS)
        events = {row["event_id"]: Ev.from_values(row) for row in rows}
        kept = [e for e in effective(list(events.values())) if e.occurred_on <= as_of]
        state = replay(kept, ctx, birth_date=p.person.birth_date, check=set())
        out[p.id] = [
            (
                events[e.entry_key].order,  # the event's id
                events[e.entry_key].kind,
                e.entered_on,
                e.measure_id,
                e.stage_id,
                e.exited_on,
                e.exit_kind or None,
                events[e.exit_key].order if e.exit_key else None,
            )
            for e in state.enrolments
        ]
        extended += [
            (p.id, e.stage_id, e.measure_id, e.exited_on, e.extensions > 0) for e in state.enrolments
        ]
    return out, sorted(extended, key=repr)


def reported(history, as_of: dt.date, recorded_on: dt.datetime) -> tuple[dict, list]:
    """The same from a report run at (D, R) over every enrolment entered by D: ``sw_enr`` in its
    numbering (``eseq``), and ``sw_en`` with its flag of an extension within the enrolment."""
    out: dict[int, list[tuple]] = {p.id: [] for p in history.participations()}
    params = settings_for(
        history.world.programme, date_from=EVER, date_to=as_of, as_of=as_of, recorded_on=recorded_on
    )
    with Engine(params) as engine, connection.cursor() as c:
        engine.build("enrolments", "entered")
        c.execute(
            "SELECT pid, eid, ekind, entered_on, measure_id, stage_id, exit_on, exit_kind, "
            "CASE WHEN xseq IS NOT NULL THEN n_id END FROM sw_enr ORDER BY pid, eseq"
        )
        enrolments = c.fetchall()
        c.execute("SELECT pid, stage_id, measure_id, exit_on, extended FROM sw_en")
        flags = c.fetchall()
    for pid, eid, ekind, entered_on, measure_id, stage_id, exit_on, exit_kind, exit_id in enrolments:
        if pid in out:
            out[pid].append(
                (eid, ekind, day(entered_on), measure_id, stage_id, day(exit_on), exit_kind, exit_id)
            )
    extended = [
        (pid, stage, measure, day(exit_on), flag == 1) for pid, stage, measure, exit_on, flag in flags
    ]
    return out, sorted((row for row in extended if row[0] in out), key=repr)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=histories.steps, cut=st.integers(0, 10**6), as_of_days=st.integers(0, 1400))
def test_report_enrolments_equal_the_rules_and_the_projection(w, drawn, cut, as_of_days):
    with rolled_back():
        history = histories.play(w, drawn)
        now, today = timezone.now(), timezone.localdate()
        rules = replayed(history, today, now)
        assert rules[0] == projected(history)
        assert reported(history, today, now) == rules
        # an earlier as-of date and recorded-on moment: corrections and voids recorded later are
        # ignored, events after D are left out
        recorded_on = history.moments[cut % len(history.moments)]
        as_of = histories.START + dt.timedelta(days=as_of_days)
        assert reported(history, as_of, recorded_on) == replayed(history, as_of, recorded_on)
