"""Current state as a projection of the event log, written in bulk.

One code path serves the live update after each recorded event, the rebuild command and bulk
imports: load the events, ``rules.replay`` them, write ``Participation`` state fields and
``Enrolment`` rows.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.rules import (
    Ev,
    JourneyRuleError,
    JourneyState,
    MeasureInfo,
    RuleContext,
    StageRule,
    replay,
)
from stufenweg.journeys.spec import programme_kinds
from stufenweg.programmes.models import Measure, Programme, Stage

logger = logging.getLogger(__name__)

PROJECTED_FIELDS = [
    "state",
    "state_since",
    "region_id",
    "current_stage_id",
    "current_measure_id",
    "waiting_stage_id",
    "planned_end",
    "last_event_on",
]


def rule_context(programme_id: int) -> RuleContext:
    """The stage and measure rules of one programme, for ``rules.replay``."""
    next_ids: dict[int, set[int]] = defaultdict(set)
    for from_id, to_id in Stage.next_stages.through.objects.filter(
        from_stage__programme_id=programme_id
    ).values_list("from_stage_id", "to_stage_id"):
        next_ids[from_id].add(to_id)
    stages = {
        s.id: StageRule(
            id=s.id,
            code=s.code,
            name=s.name,
            position=s.position,
            max_months=s.max_months,
            min_age=s.min_age,
            max_age=s.max_age,
            min_unemployed_months=s.min_unemployed_months,
            extendable=s.extendable,
            next_ids=frozenset(next_ids[s.id]),
        )
        for s in Stage.objects.filter(programme_id=programme_id)
    }
    stage_ids: dict[int, set[int]] = defaultdict(set)
    for measure_id, stage_id in Measure.stages.through.objects.filter(
        measure__programme_id=programme_id
    ).values_list("measure_id", "stage_id"):
        stage_ids[measure_id].add(stage_id)
    measures = {
        m.id: MeasureInfo(
            id=m.id,
            code=m.code,
            name=m.name,
            programme_id=m.programme_id,
            stage_ids=frozenset(stage_ids[m.id]),
            region_id=m.region_id,
            start=m.start,
            end=m.end,
        )
        for m in Measure.objects.filter(programme_id=programme_id)
    }
    flow = Programme.objects.filter(pk=programme_id).values(
        "reactivation_needs_assessment", "reactivation_after_referral", "max_months"
    )
    settings = dict(flow[0]) if flow else {}
    max_months = settings.pop("max_months", None)
    kinds = programme_kinds(**settings) if settings else None
    return RuleContext(
        programme_id=programme_id, stages=stages, measures=measures, kinds=kinds, max_months=max_months
    )


def events_by_participation(participation_ids: Iterable[int]) -> dict[int, list[Ev]]:
    grouped: dict[int, list[Ev]] = defaultdict(list)
    rows = JourneyEvent.objects.filter(participation_id__in=list(participation_ids)).values(
        "participation_id", *Ev.FIELDS
    )
    for row in rows.iterator(chunk_size=5000):
        grouped[row["participation_id"]].append(Ev.from_values(row))
    return grouped


def apply_state(participation: Participation, st: JourneyState) -> None:
    """Copy a replayed state onto a participation's projected fields (not saved)."""
    participation.state = st.state or State.REFERRED
    participation.state_since = st.state_since
    participation.region_id = st.region_id
    participation.waiting_stage_id = st.waiting_stage_id if st.state == State.WAITING else None
    participation.current_stage_id = st.open.stage_id if st.open else None
    participation.current_measure_id = st.open.measure_id if st.open else None
    participation.planned_end = st.open.planned_end if st.open else None
    participation.last_event_on = st.last_event_on


def enrolment_rows(participation_id: int, st: JourneyState, key_to_id: dict[str, int]) -> list[Enrolment]:
    return [
        Enrolment(
            participation_id=participation_id,
            entry_event_id=key_to_id[e.entry_key],
            measure_id=e.measure_id,
            stage_id=e.stage_id,
            entered_on=e.entered_on,
            planned_end=e.planned_end,
            exited_on=e.exited_on,
            exit_event_id=key_to_id[e.exit_key] if e.exit_key else None,
            exit_kind=e.exit_kind,
            extensions=e.extensions,
            interrupted_since=e.interrupted_since,
        )
        for e in st.enrolments
    ]


# the columns of an enrolment row besides its id and participation (``enrolment_rows`` fills them)
ENROLMENT_FIELDS = (
    "entry_event",
    "measure",
    "stage",
    "entered_on",
    "planned_end",
    "exited_on",
    "exit_event",
    "exit_kind",
    "extensions",
    "interrupted_since",
)
_ENROLMENT_ATTNAMES = tuple(Enrolment._meta.get_field(name).attname for name in ENROLMENT_FIELDS)
_DELETE_CHUNK = 900  # ids per DELETE (SQLite's parameter limit in older versions is 999)


def first_versions(participation_ids: list[int]) -> dict[int, int]:
    """Event id → id of the event's first version, for the events of ``participation_ids`` that
    correct another (a correction names the event it replaces; the chain ends at the original)."""
    replaces = dict(
        JourneyEvent.objects.filter(
            participation_id__in=participation_ids, supersedes__isnull=False
        ).values_list("id", "supersedes_id")
    )
    first = {}
    for pk in replaces:
        origin = pk
        while origin in replaces:
            origin = replaces[origin]
        first[pk] = origin
    return first


def replace_enrolments(
    participation_ids: list[int], rows: list[Enrolment], *, first: dict[int, int] | None = None
) -> None:
    """Make the stored enrolments of ``participation_ids`` equal to ``rows`` (unsaved), keeping
    the id of every enrolment that stays: an enrolment is the one whose entry event is the same
    event or a correction of it (``first``: ``first_versions`` of these participations). Adding an
    event therefore never renumbers earlier enrolments, and a rebuild leaves right rows untouched."""
    if first is None:
        first = first_versions(participation_ids)
    stored: dict[int, Enrolment] = {}
    stale: list[int] = []
    for old in Enrolment.objects.filter(participation_id__in=participation_ids):
        origin = first.get(old.entry_event_id, old.entry_event_id)
        if origin in stored:  # two rows for one entry (cannot be written by this module): drop one
            stale.append(old.pk)
        else:
            stored[origin] = old
    create, update = [], []
    for row in rows:
        old = stored.pop(first.get(row.entry_event_id, row.entry_event_id), None)
        if old is None:
            create.append(row)
            continue
        row.pk = old.pk
        if any(getattr(row, name) != getattr(old, name) for name in _ENROLMENT_ATTNAMES):
            update.append(row)
    stale.extend(old.pk for old in stored.values())
    for start in range(0, len(stale), _DELETE_CHUNK):
        Enrolment.objects.filter(pk__in=stale[start : start + _DELETE_CHUNK]).delete()
    Enrolment.objects.bulk_update(update, ENROLMENT_FIELDS, batch_size=1000)
    Enrolment.objects.bulk_create(create, batch_size=2000)


@transaction.atomic
def write_projection(items: list[tuple[Participation, JourneyState]]) -> None:
    """Persist replayed states for several participations at once (enrolments keep their ids,
    see ``replace_enrolments``)."""
    if not items:
        return
    ids = [p.id for p, _ in items]
    key_to_id = dict(JourneyEvent.objects.filter(participation_id__in=ids).values_list("event_id", "id"))
    for participation, st in items:
        apply_state(participation, st)
    Participation.objects.bulk_update([p for p, _ in items], PROJECTED_FIELDS, batch_size=1000)
    replace_enrolments(
        ids, [row for participation, st in items for row in enrolment_rows(participation.id, st, key_to_id)]
    )


def rebuild_projections(
    *, programme_ids: Iterable[int] | None = None, batch_size: int = 2000
) -> tuple[int, list[str]]:
    """Recompute every participation's projection from the log. Returns (count, problems)."""
    queryset = Participation.objects.select_related("person").order_by("id")
    if programme_ids is not None:
        queryset = queryset.filter(programme_id__in=list(programme_ids))
    contexts: dict[int, RuleContext] = {}
    problems: list[str] = []
    done = 0
    ids = list(queryset.values_list("id", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = list(queryset.filter(id__in=ids[start : start + batch_size]))
        events = events_by_participation(p.id for p in chunk)
        items = []
        for participation in chunk:
            ctx = contexts.get(participation.programme_id) or contexts.setdefault(
                participation.programme_id, rule_context(participation.programme_id)
            )
            try:
                st = replay(
                    events.get(participation.id, []),
                    ctx,
                    birth_date=participation.person.birth_date,
                    check=set(),
                )
            except JourneyRuleError as exc:
                problems.append(f"Teilnahme {participation.id}: {exc.rule_message}")
                logger.warning(
                    "projection rebuild refused participation=%s event=%s", participation.id, exc.event_key
                )
                continue
            items.append((participation, st))
        write_projection(items)
        done += len(items)
    return done, problems
