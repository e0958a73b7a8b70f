"""Records the rules work on: events (``Ev``), stage and measure rules, the replayed state, and the
refusal (``JourneyRuleError``; on the bulk path ``Problem`` and ``BulkRuleErrors``). Plain data, no
database access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError


class JourneyRuleError(ValidationError):
    """A refused journey action. ``field`` is the model field the message belongs to (or None)."""

    def __init__(
        self, message: str, *, field: str | None = None, event_key: str | None = None, code: str = "rule"
    ):
        self.field = field
        self.event_key = event_key
        self.rule_message = message
        field_name = field.removesuffix("_id") if field else None
        super().__init__({field_name: [message]} if field_name else message, code=code)

    def __str__(self) -> str:
        return self.rule_message


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem of the bulk path: the event it concerns, the field, a German message."""

    event_key: str | None
    field: str | None
    message: str


class BulkRuleErrors(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} Probleme")


@dataclass(slots=True)
class Ev:
    """The parts of an event the rules look at (built from a model row or an import row)."""

    key: str
    kind: str
    occurred_on: dt.date
    recorded_at: dt.datetime
    order: int = 0
    supersedes: str | None = None
    region_id: int | None = None
    measure_id: int | None = None
    stage_id: int | None = None
    referrer_id: int | None = None
    result: str = ""
    planned_end: dt.date | None = None
    employment_status: str = ""
    unemployed_since: dt.date | None = None
    change: str = ""
    exit_kind: str = ""
    statuses: str = ""
    employment_kind: str = ""
    reached: bool | None = None  # a follow-up: False only when the person was not reached

    FIELDS = (
        "event_id",
        "kind",
        "occurred_on",
        "recorded_at",
        "id",
        "supersedes__event_id",
        "region_id",
        "measure_id",
        "stage_id",
        "referrer_id",
        "result",
        "planned_end",
        "employment_status",
        "unemployed_since",
        "change",
        "exit_kind",
        "statuses",
        "employment_kind",
        "reached",
    )

    @classmethod
    def from_values(cls, row: dict[str, Any]) -> Ev:
        """From a ``JourneyEvent.objects.values(*Ev.FIELDS)`` row."""
        return cls(
            key=row["event_id"],
            kind=row["kind"],
            occurred_on=row["occurred_on"],
            recorded_at=row["recorded_at"],
            order=row["id"] or 0,
            supersedes=row["supersedes__event_id"],
            region_id=row["region_id"],
            measure_id=row["measure_id"],
            stage_id=row["stage_id"],
            referrer_id=row["referrer_id"],
            result=row["result"],
            planned_end=row["planned_end"],
            employment_status=row["employment_status"],
            unemployed_since=row["unemployed_since"],
            change=row["change"],
            exit_kind=row["exit_kind"],
            statuses=row["statuses"],
            employment_kind=row["employment_kind"],
            reached=row["reached"],
        )

    @classmethod
    def from_event(cls, event, *, order: int, supersedes: str | None) -> Ev:
        """From an unsaved (or saved) ``JourneyEvent``; ``supersedes`` is the superseded event's key."""
        return cls(
            key=event.event_id,
            kind=event.kind,
            occurred_on=event.occurred_on,
            recorded_at=event.recorded_at,
            order=order,
            supersedes=supersedes,
            region_id=event.region_id,
            measure_id=event.measure_id,
            stage_id=event.stage_id,
            referrer_id=event.referrer_id,
            result=event.result,
            planned_end=event.planned_end,
            employment_status=event.employment_status,
            unemployed_since=event.unemployed_since,
            change=event.change,
            exit_kind=event.exit_kind,
            statuses=event.statuses,
            employment_kind=event.employment_kind,
            reached=event.reached,
        )


@dataclass(frozen=True, slots=True)
class StageRule:
    id: int
    code: str
    name: str
    position: int
    max_months: int | None
    min_age: int | None
    max_age: int | None
    min_unemployed_months: int | None
    extendable: bool
    next_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    id: int
    code: str
    name: str
    programme_id: int
    stage_ids: frozenset[int]
    region_id: int
    start: dt.date
    end: dt.date | None


@dataclass(slots=True)
class RuleContext:
    programme_id: int
    stages: dict[int, StageRule]
    measures: dict[int, MeasureInfo]
    # the programme's own flow (``spec.KindSpec`` per event kind); None: the default, ``spec.KINDS``
    kinds: Mapping[str, Any] | None = None
    # the programme's maximum duration over all stages, in months from the first entry (None: none)
    max_months: int | None = None


@dataclass(slots=True)
class OpenEnrolment:
    entry_key: str
    measure_id: int
    stage_id: int
    entered_on: dt.date
    planned_end: dt.date | None
    extensions: int = 0
    interrupted_since: dt.date | None = None
    exited_on: dt.date | None = None
    exit_key: str | None = None
    exit_kind: str = ""


@dataclass(slots=True)
class JourneyState:
    state: str | None = None
    state_since: dt.date | None = None
    region_id: int | None = None
    waiting_stage_id: int | None = None
    open: OpenEnrolment | None = None
    closed: list[OpenEnrolment] = field(default_factory=list)
    unemployed_since: dt.date | None = None
    last_event_on: dt.date | None = None
    exited_before: bool = False  # an exit (from a measure or before entry) so far
    closures: list[str] = field(default_factory=list)  # keys of the closures before entry

    @property
    def enrolments(self) -> list[OpenEnrolment]:
        return [*self.closed, *([self.open] if self.open else [])]
