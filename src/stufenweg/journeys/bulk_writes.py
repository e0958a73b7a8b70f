"""The bulk path's writes: the rows of journeys that passed ``check_journeys`` (participations
with their projected state, events, enrolments, one audit row per participation), built without
database access (``journey_rows``, with ``COPY`` text on PostgreSQL) and then inserted
(``write_rows``); ``write_journeys`` does both.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from stufenweg.core.audit import AUDIT_ROW_COLUMNS
from stufenweg.core.models import AuditEntry
from stufenweg.core.tablewrite import copy_data, copy_rows, insert_rows, reserve_ids
from stufenweg.journeys.bulk_events import EVENT_FIELDS, PreparedEvent
from stufenweg.journeys.bulk_lookups import Lookups
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.projection import PROJECTED_FIELDS, apply_state, replace_enrolments
from stufenweg.journeys.rules import JourneyState


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
AUDIT_COLUMNS = AUDIT_ROW_COLUMNS  # no before/after: the events are the record


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
