"""The bulk write path: many journeys' events validated and appended at once.

Used by the importer and the demo loader. It applies exactly the rules of the single-event path
(``rules.check_new_event``, ``rules.check_supersession``, ``rules.replay``, capacity) but
collects every problem instead of stopping at the first, and writes events, projection and audit
rows with bulk inserts. Call it inside ``transaction.atomic``; when it raises
``BulkRuleErrors`` nothing must be kept.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import operator
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.models import AuditEntry
from stufenweg.core.time import format_date
from stufenweg.journeys.codes import STATUS_ORDER, EventKind, join_statuses, split_statuses
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.projection import (
    PROJECTED_FIELDS,
    apply_state,
    enrolment_rows,
    events_by_participation,
    rule_context,
)
from stufenweg.journeys.rules import (
    Ev,
    JourneyRuleError,
    JourneyState,
    RuleContext,
    check_new_event,
    check_supersession,
    replay,
)
from stufenweg.programmes.models import Measure

NEW_ORDER_BASE = 10**15
LOOKUP_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Problem:
    event_key: str | None
    field: str | None
    message: str


class BulkRuleErrors(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} Probleme")


@dataclass(slots=True)
class NewEvent:
    """An event to append: the unsaved model row, the key it supersedes (if any)."""

    event: JourneyEvent
    supersedes_key: str | None = None


def _to_ev(item: NewEvent, order: int) -> Ev:
    e = item.event
    if "|" in e.statuses and all(code in STATUS_ORDER for code in split_statuses(e.statuses)):
        e.statuses = join_statuses(split_statuses(e.statuses))  # the canonical form, as the services store it
    return Ev.from_event(e, order=order, supersedes=item.supersedes_key)


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
    ``birth_dates`` maps person pk to birth date (for the age rules). Raises ``BulkRuleErrors``
    with every problem found; writes nothing in that case. ``check_capacity=False`` leaves the
    capacity check to the caller, who appends in several calls inside one transaction and then
    calls ``new_entries_over_capacity`` once over everything appended.
    """
    today = today or timezone.localdate()
    if not journeys:
        return 0
    with transaction.atomic():
        participations = _participations(journeys.keys())
        existing: dict[int, list[Ev]] = {}
        old_ids = [p.id for p in participations.values() if p.id is not None]
        for start in range(0, len(old_ids), LOOKUP_CHUNK):
            existing.update(events_by_participation(old_ids[start : start + LOOKUP_CHUNK]))
        existing_keys = existing_event_ids([n.event.event_id for items in journeys.values() for n in items])
        contexts: dict[int, RuleContext] = {}
        problems: list[Problem] = []
        states: list[tuple[Participation, JourneyState]] = []
        order = NEW_ORDER_BASE
        seen_keys: set[str] = set()
        for (person_id, programme_id), items in journeys.items():
            participation = participations[(person_id, programme_id)]
            ctx = contexts.get(programme_id) or contexts.setdefault(programme_id, rule_context(programme_id))
            known = {e.key: e for e in existing.get(participation.id, [])}
            new_evs = []
            failed = False
            for item in items:
                ev = _to_ev(item, order)
                order += 1
                if ev.key in existing_keys or ev.key in seen_keys:
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
                try:
                    check_new_event(ev, today=today)
                    check_supersession(ev, known)
                except JourneyRuleError as exc:
                    problems.append(Problem(ev.key, exc.field, exc.rule_message))
                    failed = True
                    continue
                known[ev.key] = ev
                new_evs.append(ev)
            if failed:
                continue
            try:
                state = replay(
                    list(known.values()),
                    ctx,
                    birth_date=birth_dates.get(person_id),
                    check={e.key for e in new_evs},
                )
            except JourneyRuleError as exc:
                problems.append(Problem(exc.event_key, exc.field, exc.rule_message))
                continue
            states.append((participation, state))
        if not problems and check_capacity:
            problems.extend(_capacity_problems(states, journeys, participations))
        if problems:
            raise BulkRuleErrors(problems)

        count = _write(journeys, participations, states, by=by, audit_summary=audit_summary)
    return count


def _participations(keys) -> dict[tuple[int, int], Participation]:
    """Existing participations by (person, programme); unsaved ones (pk None) for the others,
    created with their projected state once every journey has passed the rules."""
    keys = list(keys)
    found: dict[tuple[int, int], Participation] = {}
    person_ids = sorted({k[0] for k in keys})
    for start in range(0, len(person_ids), LOOKUP_CHUNK):
        for p in Participation.objects.filter(person_id__in=person_ids[start : start + LOOKUP_CHUNK]):
            found[(p.person_id, p.programme_id)] = p
    for k in keys:
        if k not in found:
            found[k] = Participation(person_id=k[0], programme_id=k[1])
    return found


def _write(journeys, participations, states, *, by, audit_summary: str) -> int:
    """Participations with their projected state, the events, enrolments and audit rows."""
    new_parts = [p for p, _st in states if p.pk is None]
    old_parts = [p for p, _st in states if p.pk is not None]
    for participation, st in states:
        apply_state(participation, st)
    for participation, pk in zip(new_parts, reserve_ids(Participation, len(new_parts)), strict=True):
        participation.pk = pk
    fast_insert(Participation, new_parts)
    if old_parts:
        Participation.objects.bulk_update(old_parts, PROJECTED_FIELDS, batch_size=1000)
    key_to_id = _insert_events(journeys, participations)
    old_ids = [p.pk for p in old_parts]
    for start in range(0, len(old_ids), LOOKUP_CHUNK):
        chunk = old_ids[start : start + LOOKUP_CHUNK]
        key_to_id.update(
            JourneyEvent.objects.filter(participation_id__in=chunk).values_list("event_id", "id")
        )
        Enrolment.objects.filter(participation_id__in=chunk).delete()
    fast_insert(
        Enrolment,
        [row for participation, st in states for row in enrolment_rows(participation.pk, st, key_to_id)],
    )
    now = timezone.now()
    actor = by if getattr(by, "pk", None) else None
    label = getattr(by, "username", "") or "system"
    fast_insert(
        AuditEntry,
        [
            AuditEntry(
                at=now,
                actor=actor,
                actor_label=label,
                action=AuditEntry.Action.IMPORT,
                object_type="journeys.participation",
                object_id=str(p.pk),
                person_id=p.person_id,
                summary=f"{audit_summary}: {len(journeys[(p.person_id, p.programme_id)])} Ereignisse"[:255],
            )
            for p, _state in states
        ],
    )
    return sum(len(items) for items in journeys.values())


def fast_insert(model, objs: list, *, chunk: int = 5000) -> None:
    """Insert unsaved model instances without the ORM's per-row SQL building.

    PostgreSQL: ``COPY … FROM STDIN``; SQLite: one prepared ``INSERT`` run with ``executemany``.
    Values are prepared with the backend's own adapters (dates, datetimes, decimals) and JSON is
    serialised, as ``bulk_create`` would; ``auto_now``/``auto_now_add`` fields are filled. The pk
    column is written when the instances have pks (see ``reserve_ids``), else the database assigns
    them (and they are not read back). No signals, no ``save()``: for append-only bulk paths.
    """
    if not objs:
        return
    opts = model._meta
    with_pk = objs[0].pk is not None
    fields = [f for f in opts.concrete_fields if with_pk or not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                f.pre_save(obj, add=True)
    ops = connection.ops
    vendor = connection.vendor
    converters = []
    for index, f in enumerate(fields):
        kind = f.get_internal_type()
        if kind == "DateTimeField":
            converters.append((index, ops.adapt_datetimefield_value))
        elif kind == "DateField" and vendor != "postgresql":
            converters.append((index, ops.adapt_datefield_value))
        elif kind == "DecimalField":
            converters.append(
                (
                    index,
                    partial(
                        ops.adapt_decimalfield_value, max_digits=f.max_digits, decimal_places=f.decimal_places
                    ),
                )
            )
        elif kind == "JSONField":
            converters.append((index, partial(json.dumps, cls=f.encoder)))
    # Read the attribute values straight from the instance dicts (no descriptor per field).
    getter = operator.itemgetter(*[f.attname for f in fields])

    def rows(batch):
        for obj in batch:
            values = getter(obj.__dict__)
            if converters:
                values = list(values)
                for index, convert in converters:
                    if values[index] is not None:
                        values[index] = convert(values[index])
            yield values

    table = connection.ops.quote_name(opts.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), chunk):
            batch = objs[start : start + chunk]
            if vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in rows(batch):
                        copy.write_row(values)
            else:
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows(batch))  # noqa: S608


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


def reserve_ids(model, count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``, so rows can name each other before insertion.

    PostgreSQL: from the table's sequence (safe with concurrent writers). SQLite: after the
    highest id ever used (SQLite has one writer at a time, and we are inside its transaction).
    """
    if count == 0:
        return []
    table = model._meta.db_table
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        if vendor == "sqlite":
            cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608 - table name from model
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='sqlite_sequence'")
            if cursor.fetchone():
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                highest = max(highest, row[0] if row else 0)
            return list(range(highest + 1, highest + 1 + count))
    raise NotImplementedError(f"reserve_ids: database {vendor} is not supported")


def _insert_events(journeys, participations) -> dict[str, int]:
    """Insert all new events in source order with ids reserved up front, so that a correction or
    a void names its target (even one in the same batch) in the same INSERT. Returns key -> id."""
    items: list[NewEvent] = []
    for key, journey in journeys.items():
        participation_id = participations[key].pk
        for item in journey:
            item.event.participation_id = participation_id
            items.append(item)
    key_to_id: dict[str, int] = {}
    for item, pk in zip(items, reserve_ids(JourneyEvent, len(items)), strict=True):
        item.event.pk = pk
        key_to_id[item.event.event_id] = pk
    missing = sorted({i.supersedes_key for i in items if i.supersedes_key} - key_to_id.keys())
    for start in range(0, len(missing), LOOKUP_CHUNK):
        key_to_id.update(
            JourneyEvent.objects.filter(event_id__in=missing[start : start + LOOKUP_CHUNK]).values_list(
                "event_id", "id"
            )
        )
    for item in items:
        if item.supersedes_key:
            item.event.supersedes_id = key_to_id[item.supersedes_key]
    fast_insert(JourneyEvent, [i.event for i in items])
    return key_to_id


def _capacity_problems(states, journeys, participations) -> list[Problem]:
    """New entries that find their measure full on the entry day (an exit that day frees the place)."""
    touched = {p.id for p, _ in states if p.id is not None}
    new_keys = {n.event.event_id for items in journeys.values() for n in items}
    intervals: dict[int, list[tuple[dt.date, dt.date | None, str | None]]] = defaultdict(list)
    for _participation, st in states:
        for e in st.enrolments:
            intervals[e.measure_id].append(
                (e.entered_on, e.exited_on, e.entry_key if e.entry_key in new_keys else None)
            )
    if not intervals:
        return []
    measures = {m.id: m for m in Measure.objects.filter(id__in=intervals.keys())}
    for row in (
        Enrolment.objects.filter(measure_id__in=intervals.keys())
        .exclude(participation_id__in=touched)
        .values_list("measure_id", "entered_on", "exited_on")
    ):
        intervals[row[0]].append((row[1], row[2], None))
    problems = []
    for measure_id, spans in intervals.items():
        measure = measures[measure_id]
        if measure.allow_overbooking or not any(key for *_x, key in spans):
            continue
        problems.extend(_sweep(measure, spans))
    return problems


def new_entries_over_capacity(*, after_event_pk: int) -> list[Problem]:
    """Entries (events with pk > ``after_event_pk``) that find their measure full on the entry day.

    The same sweep as the per-call check, over the written projection: every enrolment of the
    measures that received a new entry, sorted by entry day; an exit on the entry day frees the place.
    """
    new_rows = list(
        Enrolment.objects.filter(entry_event_id__gt=after_event_pk)
        .values_list("measure_id", flat=True)
        .distinct()
    )
    if not new_rows:
        return []
    measures = {m.id: m for m in Measure.objects.filter(id__in=new_rows, allow_overbooking=False)}
    if not measures:
        return []
    spans: dict[int, list[tuple[dt.date, dt.date | None, str | None]]] = defaultdict(list)
    for measure_id, entered_on, exited_on, entry_pk, entry_key in (
        Enrolment.objects.filter(measure_id__in=measures.keys())
        .values_list("measure_id", "entered_on", "exited_on", "entry_event_id", "entry_event__event_id")
        .iterator(chunk_size=5000)
    ):
        spans[measure_id].append((entered_on, exited_on, entry_key if entry_pk > after_event_pk else None))
    problems: list[Problem] = []
    for measure_id, rows in spans.items():
        problems.extend(_sweep(measures[measure_id], rows))
    return problems


def _sweep(measure, spans) -> list[Problem]:
    problems = []
    spans.sort(key=lambda s: s[0])
    open_exits: list[dt.date] = []  # heap of exit days (date.max for open)
    for entered_on, exited_on, key in spans:
        while open_exits and open_exits[0] <= entered_on:
            heapq.heappop(open_exits)
        if key and len(open_exits) >= measure.places:
            problems.append(
                Problem(
                    key,
                    "measure",
                    _(
                        "Die Maßnahme %(measure)s ist am %(date)s voll belegt (%(taken)s von %(places)s Plätzen)."
                    )
                    % {
                        "measure": measure.code,
                        "date": format_date(entered_on),
                        "taken": len(open_exits),
                        "places": measure.places,
                    },
                )
            )
            continue
        heapq.heappush(open_exits, exited_on or dt.date.max)
    return problems


__all__ = [
    "BulkRuleErrors",
    "NewEvent",
    "Problem",
    "journey_events_bulk_append",
    "new_entries_over_capacity",
    "EventKind",
]
