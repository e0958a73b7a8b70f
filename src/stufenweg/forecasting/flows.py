"""A programme's flows from the journey event log: spells (episodes) per phase.

The log is read as known at the end of a day (``load_rows``), the way the indicator engine
reads it (``docs/architecture.md``: recorded up to the end of the as-of day, occurred up to it, the
effective events only: superseded events and voids dropped) and walks each participation's
events into spells:

- ``pre``: from the referral (or an assessment begun without one) to the decision: admitted
  (assessment result „geeignet“, waiting list, or an entry straight from the assessment) or not
  (not suitable, not arrived, closed before entry);
- ``wait``: admitted, not yet entered (DOMAIN.md's waiting list and „geeignet, ohne Platz“),
  from the admission (or a reactivation) to the entry or a closure before entry;
- one phase per stage: from the entry or stage change into it to the next stage change or the
  exit (an interruption keeps the place: the enrolment stays open).

A spell's region is the region of the event that begins it, or else its measure's, or else the
last region the journey named before (INDICATORS.md's rule for an event's region). Pure Python
after ``load_rows``: the model tests build spells by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from stufenweg.journeys.codes import AssessmentResult, EventKind, ExitKind

K = EventKind
PRE = "pre"
WAIT = "wait"
GONE = "gone"
NO_REGION = 0  # spells whose journey names no region


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    participation: int
    kind: str
    occurred_on: dt.date
    supersedes: int | None
    region: int | None
    measure_region: int | None
    stage: int | None
    result: str
    exit_kind: str


@dataclass(frozen=True, slots=True)
class Spell:
    """One stay in a phase (``pre``, ``wait`` or a stage id). ``end`` None: still there on the
    cut-off day (censored); ``dest``: the next phase, or ``gone``."""

    phase: str | int
    region: int
    start: dt.date
    end: dt.date | None = None
    dest: str | int | None = None
    exit_kind: str = ""

    @property
    def dropout(self) -> bool:
        return self.exit_kind == ExitKind.EARLY_NEGATIVE


FIELDS = (
    "id",
    "participation_id",
    "kind",
    "occurred_on",
    "supersedes_id",
    "region_id",
    "measure__region_id",
    "stage_id",
    "result",
    "exit_kind",
)


def load_rows(programme_id: int, day: dt.date, recorded_until: dt.datetime) -> list[Row]:
    """The programme's events known at the end of ``day``: recorded until then, occurred until
    then (every version; ``effective`` drops the superseded ones), in the log's order."""
    from django.db import connections

    from stufenweg.journeys.models import JourneyEvent

    query = (
        JourneyEvent.objects.filter(
            participation__programme_id=programme_id, occurred_on__lte=day, recorded_at__lte=recorded_until
        )
        .order_by("participation_id", "occurred_on", "recorded_at", "id")
        .values_list(*FIELDS)
    )
    # the plain cursor: the ORM's converters cost more than everything else here; SQLite gives
    # the day as ISO text, PostgreSQL as a date
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    day_of = dt.date.fromisoformat
    return [
        Row(
            i,
            p,
            kind,
            day_of(on) if isinstance(on, str) else on,
            sup,
            reg,
            mreg,
            stage,
            result or "",
            exit_kind or "",
        )
        for i, p, kind, on, sup, reg, mreg, stage, result, exit_kind in raw
    ]


def effective(rows: list[Row]) -> list[Row]:
    """Minus superseded events and voids (journeys.rules.effective's definition); the order kept."""
    superseded = {r.supersedes for r in rows if r.supersedes}
    return [r for r in rows if r.id not in superseded and r.kind != K.VOID]


def spells_of(rows: list[Row]) -> list[Spell]:
    """The spells of known events in the log's order (``load_rows``)."""
    spells: list[Spell] = []
    journey: list[Row] = []
    for row in effective(rows):
        if journey and journey[0].participation != row.participation:
            spells.extend(journey_spells(journey))
            journey = []
        journey.append(row)
    if journey:
        spells.extend(journey_spells(journey))
    return spells


def spells_as_of(programme_id: int, day: dt.date, recorded_until: dt.datetime) -> list[Spell]:
    return spells_of(load_rows(programme_id, day, recorded_until))


def journey_spells(events: list[Row]) -> list[Spell]:
    """One participation's spells from its effective events in order."""
    out: list[Spell] = []
    current: tuple[str | int, int, dt.date] | None = None  # phase, region, start
    region = NO_REGION

    def close(on, dest, exit_kind=""):
        nonlocal current
        phase, reg, start = current
        out.append(Spell(phase, reg, start, on, dest, exit_kind))
        current = None

    for e in events:
        region = e.region or e.measure_region or region
        kind, on = e.kind, e.occurred_on
        phase = current[0] if current else None
        if kind in (K.REFERRAL, K.ASSESSMENT_START):
            if current is None:
                current = (PRE, region, on)
        elif kind == K.NOT_ARRIVED:
            if phase == PRE:
                close(on, GONE)
        elif kind == K.ASSESSMENT_RESULT:
            if phase == PRE:
                admitted = e.result == AssessmentResult.SUITABLE
                close(on, WAIT if admitted else GONE)
                if admitted:
                    current = (WAIT, region, on)
        elif kind == K.WAITLIST:
            if phase == PRE:
                close(on, WAIT)
                current = (WAIT, region, on)
        elif kind == K.REACTIVATION:
            if current is None:
                current = (WAIT, region, on)
        elif kind == K.ENTRY and e.stage:
            if phase == PRE:  # entered straight from the assessment: admitted and placed that day
                close(on, WAIT)
                current = (WAIT, region, on)
            if current is not None:
                close(on, e.stage)
            current = (e.stage, region, on)
        elif kind == K.STAGE_CHANGE and e.stage:
            if current is not None and phase not in (PRE, WAIT):
                close(on, e.stage)
                current = (e.stage, region, on)
        elif kind == K.EXIT and current is not None:
            close(on, GONE, e.exit_kind)
    if current is not None:
        phase, reg, start = current
        out.append(Spell(phase, reg, start))
    return out


def occupancy_on(spells: Iterable[Spell], day: dt.date) -> dict[tuple[str | int, int], int]:
    """Who is in which phase and region at the end of ``day`` (start ≤ day < end)."""
    counts: dict[tuple[str | int, int], int] = {}
    for s in spells:
        if s.start <= day and (s.end is None or s.end > day):
            counts[(s.phase, s.region)] = counts.get((s.phase, s.region), 0) + 1
    return counts
