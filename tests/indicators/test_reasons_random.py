"""The reason tables (``reasons.py``, counted from the engine's working tables) against a plain
per-event computation in Python, on seeded random event logs written straight to the table (so
they include what the journey rules would refuse but an import of old data may hold: exits without
an entry, extensions outside an enrolment, entries without a stage, same-day events, corrections,
voids and events recorded after the report's recording date).

The tests commit their data so that on PostgreSQL the run works in two sessions, as in production.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.utils import timezone

from stufenweg.indicators.reasons import EARLY, TABLES, counts
from stufenweg.indicators.results import ReportParams
from stufenweg.journeys.models import JourneyEvent, Participation
from tests.factories import PersonFactory

D = dt.date
EXT, EXIT = TABLES
KINDS = ("entry", "stage_change", "exit", "extension", "extension", "exit", "assessment_start", "referral")
EXIT_KINDS = ("regular", "early_positive", "early_negative", "early_neutral", "")
EXT_CODES = ("ziele_offen", "problemlagen", "")
EXIT_CODES = ("arbeit", "mitwirkung", "familie", "")


def _log(w, rnd: random.Random, persons: int, recorded_on: dt.datetime) -> None:
    """Random events for ``persons`` new participations of the world's programme."""
    stages = (w.s2, w.s3, w.s4, None)
    measures = (w.measure_a, w.measure_b, None)
    regions = (w.region_a, w.region_b, None)
    for _ in range(persons):
        pa = Participation.objects.create(person=PersonFactory(), programme=w.programme)
        written = []
        for _ in range(rnd.randrange(0, 9)):
            kind = rnd.choice(KINDS)
            on = D(2022, 10, 1) + dt.timedelta(days=rnd.randrange(0, 500))
            # mostly before the report's recording date, some after it; some at the same instant
            at = recorded_on + dt.timedelta(hours=rnd.choice((-900, -500, -500, -20, 5)))
            fields = {
                "participation": pa,
                "kind": kind,
                "occurred_on": on,
                "recorded_at": at,
                "stage": rnd.choice(stages) if kind in ("entry", "stage_change") else None,
                "measure": rnd.choice(measures),
                "region": rnd.choice(regions),
                "exit_kind": rnd.choice(EXIT_KINDS) if kind == "exit" else "",
                "change": rnd.choice(("planned", "unplanned", "")) if kind == "stage_change" else "",
                "reason_code": rnd.choice(EXT_CODES if kind == "extension" else EXIT_CODES)
                if kind in ("extension", "exit")
                else "",
            }
            event = JourneyEvent.objects.create(**fields)
            written.append((event, fields))
            if written and rnd.random() < 0.15:  # a correction or a void of an earlier event
                target, old = rnd.choice(written)
                later = target.recorded_at + dt.timedelta(hours=rnd.choice((1, 600)))
                if rnd.random() < 0.5:
                    JourneyEvent.objects.create(
                        participation=pa, kind="void", occurred_on=target.occurred_on, recorded_at=later,
                        supersedes=target,
                    )  # fmt: skip
                else:
                    new = {**old, "recorded_at": later, "supersedes": target}
                    if old["kind"] in ("extension", "exit"):
                        new["reason_code"] = rnd.choice(
                            EXT_CODES if old["kind"] == "extension" else EXIT_CODES
                        )
                    new["occurred_on"] = old["occurred_on"] + dt.timedelta(days=rnd.choice((0, -40, 40)))
                    event = JourneyEvent.objects.create(**new)
                    written.append((event, new))


def _by_hand(programme, *, date_from, date_to, as_of, recorded_on, region_ids=None):
    """(table id) -> Counter of (stage code, reason code), walking each participation's effective
    events in the log's order and remembering the latest entry, stage change or exit."""
    events = list(
        JourneyEvent.objects.filter(participation__programme=programme).select_related("stage", "measure")
    )
    replaced = {e.supersedes_id for e in events if e.supersedes_id and e.recorded_at <= recorded_on}
    effective = sorted(
        (
            e
            for e in events
            if e.recorded_at <= recorded_on
            and e.occurred_on <= as_of
            and e.kind != "void"
            and e.id not in replaced
        ),
        key=lambda e: (e.participation_id, e.occurred_on, e.recorded_at, e.id),
    )
    out = {EXT.id: Counter(), EXIT.id: Counter()}
    last = {}  # participation -> latest boundary event so far
    for e in effective:
        opener = last.get(e.participation_id)
        in_period = date_from <= e.occurred_on <= date_to
        counted = e.kind == "extension" or (e.kind == "exit" and e.exit_kind in EARLY)
        if in_period and counted and opener is not None and opener.kind in ("entry", "stage_change"):
            region = opener.region_id or (opener.measure.region_id if opener.measure else None)
            if region_ids is None or region in region_ids:
                stage = opener.stage.code if opener.stage else ""
                out[EXT.id if e.kind == "extension" else EXIT.id][(stage, e.reason_code)] += 1
        if e.kind in ("entry", "stage_change", "exit"):
            last[e.participation_id] = e
    return out


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_engine_counts_as_the_event_walk(w, seed):
    rnd = random.Random(seed)
    recorded_on = timezone.now() + dt.timedelta(days=30)
    _log(w, rnd, 40, recorded_on)
    checked = 0
    for as_of, region_ids in (
        (D(2023, 12, 31), None),
        (D(2023, 9, 15), None),
        (D(2024, 6, 30), (w.region_b.pk,)),
    ):
        kw = {
            "date_from": D(2023, 1, 1),
            "date_to": D(2023, 12, 31),
            "as_of": as_of,
            "recorded_on": recorded_on,
        }
        expected = _by_hand(w.programme, region_ids=region_ids, **kw)
        params = ReportParams(programme=w.programme, region_ids=region_ids, **kw)
        for table in TABLES:
            assert counts(params, table) == dict(expected[table.id]), (seed, as_of, region_ids, table.id)
            checked += sum(expected[table.id].values())
    assert checked > 10  # the random logs do reach the tables
