"""The bulk write path: many journeys' events validated and appended at once.

Used by the importer and the demo loader. It applies exactly the rules of the single-event path
(who may write the kind: ``authority.WriteCheck``; the reason's length: ``spec``;
``rules.check_new_event``, ``rules.check_supersession``, ``rules.replay``; capacity:
``capacity.py``) but collects every problem instead of stopping at the first, and writes events,
projection and audit rows with bulk inserts. Call it inside ``transaction.atomic``; when it raises
``BulkRuleErrors`` nothing must be kept.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.models import AuditEntry
from stufenweg.core.tablewrite import copy_data, copy_rows, insert_rows, reserve_ids
from stufenweg.journeys.authority import WriteCheck
from stufenweg.journeys.capacity import capacity_problems, new_entries_over_capacity
from stufenweg.journeys.codes import STATUS_ORDER, EventKind, join_statuses, split_statuses
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.projection import (
    PROJECTED_FIELDS,
    apply_state,
    events_by_participation,
    replace_enrolments,
    rule_context,
)
from stufenweg.journeys.records import BulkRuleErrors, Problem
from stufenweg.journeys.rules import (
    Ev,
    JourneyRuleError,
    JourneyState,
    RuleContext,
    check_new_event,
    check_supersession,
    replay,
)
from stufenweg.journeys.spec import FIELDS, LISTED, TEXT, too_long
from stufenweg.programmes.reason_codes import active_codes, reason_code_problem

NEW_ORDER_BASE = 10**15
LOOKUP_CHUNK = 2000


@dataclass(slots=True)
class NewEvent:
    """An event to append: the unsaved model row, the key it supersedes (if any)."""

    event: JourneyEvent
    supersedes_key: str | None = None


# The columns of a new event that its caller gives (everything but the keys the write assigns).
EVENT_FIELDS: tuple[str, ...] = tuple(
    f.attname
    for f in JourneyEvent._meta.concrete_fields
    if f.attname not in ("id", "participation_id", "supersedes_id")
)
EVENT_INDEX = {name: index for index, name in enumerate(EVENT_FIELDS)}
_event_values = operator.itemgetter(*EVENT_FIELDS)
_REASON_CODE = EVENT_INDEX["reason_code"]
# The text fields with a length limit (``spec``), checked for every new event.
_LIMITED = tuple(
    (f.name, EVENT_INDEX[f.name], f.max_length) for f in FIELDS if f.type in (TEXT, LISTED) and f.max_length
)


class PreparedEvent:
    """A new event as the rules and the insert need it: ``ev`` (its key, kind, dates and the key it
    supersedes) and ``values``, the column values in the order of ``EVENT_FIELDS``."""

    __slots__ = ("ev", "values")

    def __init__(self, ev: Ev, values: list | tuple):
        self.ev = ev
        self.values = values


def event_defaults() -> list:
    """Column values of a blank event (``EVENT_FIELDS`` order), to fill in for a new one."""
    return list(_event_values(JourneyEvent().__dict__))


def canonical_statuses(statuses: str) -> str:
    """The canonical form of known status codes, as the services store it (unknown codes are
    left as they are, for ``check_new_event`` to report)."""
    if "|" in statuses and all(code in STATUS_ORDER for code in split_statuses(statuses)):
        return join_statuses(split_statuses(statuses))
    return statuses


def _to_ev(item: NewEvent, order: int) -> Ev:
    e = item.event
    e.statuses = canonical_statuses(e.statuses)
    return Ev.from_event(e, order=order, supersedes=item.supersedes_key)


def prepare(item: NewEvent, order: int) -> PreparedEvent:
    ev = _to_ev(item, order)
    return PreparedEvent(ev, _event_values(item.event.__dict__))


def journey_events_bulk_append(
    *,
    journeys: dict[tuple[int, int], list[NewEvent]],
    birth_dates: dict[int, dt.date],
    by=None,
    audit_summary: str = "Import",
    today: dt.date | None = None,
    check_capacity: bool = True,
) -> int:
    """Append events for many (person_id, programme_id) journeys. Returns the number of events.

    ``journeys`` maps (person pk, programme pk) to the new events in source order;
    ``birth_dates`` maps person pk to birth date (for the age rules). ``by`` must be allowed to
    write every event (``authority.WriteCheck``: the same rule and message as the single-event
    path; ``None`` is a system write). Raises ``BulkRuleErrors``
    with every problem found; writes nothing in that case. ``check_capacity=False`` leaves the
    capacity check to the caller, who appends in several calls inside one transaction and then
    calls ``new_entries_over_capacity`` once over everything appended.
    """
    today = today or timezone.localdate()
    if not journeys:
        return 0
    order = NEW_ORDER_BASE
    prepared: dict[tuple[int, int], list[PreparedEvent]] = {}
    for key, items in journeys.items():
        prepared[key] = [prepare(item, order + index) for index, item in enumerate(items)]
        order += len(items)
    with transaction.atomic():
        found = lookup(prepared)
        coded = {k[1] for k, items in prepared.items() if any(i.values[_REASON_CODE] for i in items)}
        states, problems = check_journeys(
            prepared,
            found,
            birth_dates=birth_dates,
            today=today,
            writer=WriteCheck(by),
            reason_codes=active_codes(coded) if coded else None,
        )
        if not problems and check_capacity:
            problems.extend(capacity_problems(states, prepared, found))
        if problems:
            raise BulkRuleErrors(problems)
        return write_journeys(prepared, found, states, by=by, audit_summary=audit_summary)


@dataclass(slots=True)
class Lookups:
    """What the database knows about a batch of journeys before they are appended to."""

    participations: dict[tuple[int, int], Participation]  # the existing ones
    events: dict[int, list[Ev]]  # participation pk -> its recorded events
    taken: set[str]  # event ids of the batch that the log already has
    contexts: dict[int, RuleContext]


def lookup(
    journeys: dict[tuple[int, int], list[PreparedEvent]], *, contexts: dict[int, RuleContext] | None = None
) -> Lookups:
    """Read what the rules need for ``journeys``: participations, their events, taken event ids,
    the rule context of each programme (``contexts`` may hold some already)."""
    return lookup_keys(
        journeys.keys(), [p.ev.key for items in journeys.values() for p in items], contexts=contexts
    )


def lookup_keys(
    keys: Iterable[tuple[int, int]], event_keys: list[str], *, contexts: dict[int, RuleContext] | None = None
) -> Lookups:
    """``lookup`` by the journeys' keys and their new events' keys (more of either does no harm)."""
    keys = set(keys)
    participations = _participations(keys)
    events: dict[int, list[Ev]] = {}
    old_ids = [p.id for p in participations.values()]
    for start in range(0, len(old_ids), LOOKUP_CHUNK):
        events.update(events_by_participation(old_ids[start : start + LOOKUP_CHUNK]))
    taken = existing_event_ids(event_keys)
    contexts = dict(contexts or {})
    for _person, programme_id in keys:
        if programme_id not in contexts:
            contexts[programme_id] = rule_context(programme_id)
    return Lookups(participations, events, taken, contexts)


def check_journeys(
    journeys: dict[tuple[int, int], list[PreparedEvent]],
    found: Lookups,
    *,
    birth_dates: dict[int, dt.date],
    today: dt.date,
    writer: WriteCheck,
    reason_codes: Mapping[int, Mapping[str, frozenset[str]]] | None = None,
) -> tuple[list[tuple[tuple[int, int], JourneyState]], list[Problem]]:
    """The rules for every journey: the replayed state of each, or problems. ``writer`` says
    whether the writer may write each event (``authority.WriteCheck``, made once per run: it reads
    the writer's scope once; no other database access here). ``reason_codes``: the active reason
    codes per programme and purpose (``programmes.reason_codes.active_codes``; read by the caller
    when an event names one); a code not in them is refused as on the single-event path."""
    problems: list[Problem] = []
    states: list[tuple[tuple[int, int], JourneyState]] = []
    seen_keys: set[str] = set()
    taken = found.taken
    for key, items in journeys.items():
        person_id, programme_id = key
        ctx = found.contexts[programme_id]
        participation = found.participations.get(key)
        participation_id = participation.id if participation else None
        known = {e.key: e for e in found.events.get(participation.id, [])} if participation else {}
        new_keys = set()
        failed = False
        for item in items:
            ev = item.ev
            if ev.key in taken or ev.key in seen_keys:
                problems.append(
                    Problem(
                        ev.key,
                        "event_id",
                        _("Die Ereignis-ID %(key)s ist bereits vergeben.") % {"key": ev.key},
                    )
                )
                failed = True
                continue
            seen_keys.add(ev.key)
            target_kind = _target_kind(ev, known, items) if ev.supersedes else None
            refusal = writer.refusal(ev.kind, target_kind, participation_id)
            if refusal is not None:
                problems.append(Problem(ev.key, "kind", refusal))
                failed = True
                continue
            over = _over_limit(item.values)
            if over is not None:
                problems.append(Problem(ev.key, *over))
                failed = True
                continue
            code = item.values[_REASON_CODE]
            if code:
                allowed = (reason_codes or {}).get(programme_id, {})
                message = reason_code_problem(ev.kind, code, allowed, kept=_kept_code(ev, items))
                if message:
                    problems.append(Problem(ev.key, "reason_code", message))
                    failed = True
                    continue
            try:
                check_new_event(ev, today=today)
                check_supersession(ev, known)
            except JourneyRuleError as exc:
                problems.append(Problem(ev.key, exc.field, exc.rule_message))
                failed = True
                continue
            known[ev.key] = ev
            new_keys.add(ev.key)
        if failed:
            continue
        try:
            state = replay(list(known.values()), ctx, birth_date=birth_dates.get(person_id), check=new_keys)
        except JourneyRuleError as exc:
            problems.append(Problem(exc.event_key, exc.field, exc.rule_message))
            continue
        states.append((key, state))
    return states, problems


def _kept_code(ev: Ev, items: list[PreparedEvent]) -> str:
    """The reason code of the event ``ev`` corrects when it is one of the batch (a correction may
    keep it, as on the single-event path); "" otherwise."""
    if not ev.supersedes:
        return ""
    target = next((i for i in items if i.ev.key == ev.supersedes), None)
    return target.values[_REASON_CODE] if target is not None else ""


def _target_kind(ev: Ev, known: dict[str, Ev], items: list[PreparedEvent]) -> str | None:
    """The kind of the event ``ev`` corrects or retracts: a recorded one, or one of the batch
    (also one refused above, so that its void is judged by its kind, not as naming nothing)."""
    target = known.get(ev.supersedes)
    if target is None:
        target = next((i.ev for i in items if i.ev.key == ev.supersedes), None)
    return target.kind if target is not None else None


def _over_limit(values) -> tuple[str, str] | None:
    """(field, German message) for the first text value longer than its field allows, or None."""
    for name, index, limit in _LIMITED:
        value = values[index]
        if value and len(value) > limit:
            return name, too_long(name, value)
    return None


def _participations(keys) -> dict[tuple[int, int], Participation]:
    """The existing participations among ``keys`` (person pk, programme pk)."""
    wanted = set(keys)
    found: dict[tuple[int, int], Participation] = {}
    person_ids = sorted({k[0] for k in wanted})
    for start in range(0, len(person_ids), LOOKUP_CHUNK):
        for p in Participation.objects.filter(person_id__in=person_ids[start : start + LOOKUP_CHUNK]):
            if (p.person_id, p.programme_id) in wanted:
                found[(p.person_id, p.programme_id)] = p
    return found


class _Projected:
    """The projected fields of a new participation (``apply_state`` writes them here)."""

    __slots__ = tuple(PROJECTED_FIELDS)


PARTICIPATION_COLUMNS = ("id", "person_id", "programme_id", "created_at", *PROJECTED_FIELDS)
EVENT_COLUMNS = ("id", "participation_id", "supersedes_id", *EVENT_FIELDS)
ENROLMENT_COLUMNS = (
    "participation_id",
    "entry_event_id",
    "measure_id",
    "stage_id",
    "entered_on",
    "planned_end",
    "exited_on",
    "exit_event_id",
    "exit_kind",
    "extensions",
    "interrupted_since",
)
AUDIT_COLUMNS = (
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
    "summary",
)


def write_journeys(
    journeys: dict[tuple[int, int], list[PreparedEvent]],
    found: Lookups,
    states: list[tuple[tuple[int, int], JourneyState]],
    *,
    by,
    audit_summary: str,
) -> int:
    """Write journeys that passed ``check_journeys`` (every one of them): participations with their
    projected state, the events, enrolments and one audit row per participation."""
    new = sum(1 for key, _st in states if key not in found.participations)
    rows = journey_rows(
        journeys,
        found,
        states,
        participation_ids=iter(reserve_ids(Participation, new)),
        event_ids=iter(reserve_ids(JourneyEvent, sum(len(items) for items in journeys.values()))),
        by=by,
        audit_summary=audit_summary,
    )
    return write_rows(rows)


class JourneyRows:
    """The rows that appending journeys writes, as column values (see ``journey_rows``); with
    ``copy_data`` (PostgreSQL) also as ready ``COPY`` text, made in the caller's thread."""

    __slots__ = (
        "participations",
        "updated",
        "events",
        "enrolments",
        "updated_enrolments",
        "audit",
        "count",
        "data",
    )

    def __init__(self):
        self.participations: list[tuple] = []  # new ones, PARTICIPATION_COLUMNS
        self.updated: list[Participation] = []  # existing ones with their new projected state
        self.events: list[tuple] = []  # EVENT_COLUMNS
        self.enrolments: list[tuple] = []  # ENROLMENT_COLUMNS, of the new participations
        self.updated_enrolments: list[tuple] = []  # ENROLMENT_COLUMNS, of the existing ones
        self.audit: list[tuple] = []  # AUDIT_COLUMNS
        self.count = 0
        self.data: dict[str, bytes] | None = None

    def copy_data(self) -> None:
        """Format the rows as ``COPY`` text now (PostgreSQL), so that ``write_rows`` only sends."""
        self.data = {
            "participations": copy_data(Participation, PARTICIPATION_COLUMNS, self.participations),
            "events": copy_data(JourneyEvent, EVENT_COLUMNS, self.events),
            "enrolments": copy_data(Enrolment, ENROLMENT_COLUMNS, self.enrolments),
            "audit": copy_data(AuditEntry, AUDIT_COLUMNS, self.audit),
        }
        self.participations, self.events, self.enrolments, self.audit = [], [], [], []


def journey_rows(
    journeys: dict[tuple[int, int], list[PreparedEvent]],
    found: Lookups,
    states: list[tuple[tuple[int, int], JourneyState]],
    *,
    participation_ids: Iterator[int],
    event_ids: Iterator[int],
    by,
    audit_summary: str,
) -> JourneyRows:
    """The rows for journeys that passed ``check_journeys`` (no database access): primary keys
    from ``participation_ids`` (one per new participation) and ``event_ids`` (one per event),
    reserved beforehand, so that rows can name each other."""
    rows = JourneyRows()
    now = timezone.now()
    ids = {key: p.pk for key, p in found.participations.items()}
    for key, st in states:
        participation = found.participations.get(key)
        if participation is None:
            ids[key] = pk = next(participation_ids)
            projected = _Projected()
            apply_state(projected, st)
            rows.participations.append(
                (pk, key[0], key[1], now, *[getattr(projected, name) for name in PROJECTED_FIELDS])
            )
        else:
            apply_state(participation, st)
            rows.updated.append(participation)

    # Events in source order; a correction or a void names its target by id (a new event of the
    # batch or a recorded one of the same journey: ``check_supersession`` made sure of that).
    key_to_id: dict[str, int] = {}
    for key, items in journeys.items():
        participation = found.participations.get(key)
        if participation is not None:
            key_to_id.update((e.key, e.order) for e in found.events.get(participation.id, ()))  # order = id
        for item in items:
            key_to_id[item.ev.key] = next(event_ids)
    events = rows.events
    for key, items in journeys.items():
        participation_id = ids[key]
        for item in items:
            ev = item.ev
            events.append(
                (
                    key_to_id[ev.key],
                    participation_id,
                    key_to_id[ev.supersedes] if ev.supersedes else None,
                    *item.values,
                )
            )
    rows.count = len(events)
    # The rows of ``projection.enrolment_rows``, without model instances; those of existing
    # participations apart, since they replace stored rows (keeping their ids).
    enrolments = [
        (
            key in found.participations,
            (
                ids[key],
                key_to_id[e.entry_key],
                e.measure_id,
                e.stage_id,
                e.entered_on,
                e.planned_end,
                e.exited_on,
                key_to_id[e.exit_key] if e.exit_key else None,
                e.exit_kind,
                e.extensions,
                e.interrupted_since,
            ),
        )
        for key, st in states
        for e in st.enrolments
    ]
    rows.enrolments = [row for existing, row in enrolments if not existing]
    rows.updated_enrolments = [row for existing, row in enrolments if existing]
    actor = by.pk if getattr(by, "pk", None) else None
    label = getattr(by, "username", "") or "system"
    action, object_type = AuditEntry.Action.IMPORT.value, "journeys.participation"
    rows.audit = [
        (
            now,
            actor,
            label,
            action,
            object_type,
            str(ids[key]),
            key[0],
            "",
            f"{audit_summary}: {len(journeys[key])} Ereignisse"[:255],
        )
        for key, _st in states
    ]
    return rows


def write_rows(rows: JourneyRows) -> int:
    """Insert ``rows`` (participations, events, enrolments, audit rows) and update the existing
    participations; their enrolments are made equal to the new ones, keeping the ids of those that
    stay (``projection.replace_enrolments``). Returns the number of events."""
    data = rows.data
    if data is not None:
        copy_rows(Participation, PARTICIPATION_COLUMNS, data["participations"])
    else:
        insert_rows(Participation, PARTICIPATION_COLUMNS, rows.participations)
    if rows.updated:
        Participation.objects.bulk_update(rows.updated, PROJECTED_FIELDS, batch_size=1000)
    if data is not None:
        copy_rows(JourneyEvent, EVENT_COLUMNS, data["events"])
    else:
        insert_rows(JourneyEvent, EVENT_COLUMNS, rows.events)
    if rows.updated:
        # after the events, so that a correction of an entry in this batch keeps the enrolment's id
        replace_enrolments(
            [p.pk for p in rows.updated],
            [Enrolment(**dict(zip(ENROLMENT_COLUMNS, row, strict=True))) for row in rows.updated_enrolments],
        )
    if data is not None:
        copy_rows(Enrolment, ENROLMENT_COLUMNS, data["enrolments"])
        copy_rows(AuditEntry, AUDIT_COLUMNS, data["audit"])
    else:
        insert_rows(Enrolment, ENROLMENT_COLUMNS, rows.enrolments)
        insert_rows(AuditEntry, AUDIT_COLUMNS, rows.audit)
    return rows.count


def existing_event_ids(keys: list[str]) -> set[str]:
    """Which of ``keys`` are event ids already in the log (one cheap query per chunk, raw SQL:
    an IN list of thousands of ORM parameters costs more to build than to run)."""
    found: set[str] = set()
    table = connection.ops.quote_name(JourneyEvent._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(keys), 50_000):
                cursor.execute(
                    f"SELECT event_id FROM {table} WHERE event_id = ANY(%s)",  # noqa: S608 - table from model
                    [keys[start : start + 50_000]],
                )
                found.update(row[0] for row in cursor.fetchall())
        else:
            for start in range(0, len(keys), 900):
                chunk = keys[start : start + 900]
                cursor.execute(
                    f"SELECT event_id FROM {table} WHERE event_id IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                    chunk,
                )
                found.update(row[0] for row in cursor.fetchall())
    return found


__all__ = [
    "BulkRuleErrors",
    "NewEvent",
    "Problem",
    "journey_events_bulk_append",
    "new_entries_over_capacity",
    "EventKind",
]
