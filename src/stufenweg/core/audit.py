"""Writing the audit trail. Services call these explicitly (no signals, ARCHITECTURE.md habit 5)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from stufenweg.core.models import AuditEntry

# The columns of an audit row appended in bulk (raw inserts and COPY of the import and the bulk
# journey path), in the order their row tuples give them; the before/after values of a change
# follow where a writer records them. ``id`` is the database's.
AUDIT_ROW_COLUMNS = (
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
AUDIT_CHANGE_COLUMNS = ("before", "after")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids), JSON-ready."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def audit_write(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    person=None,
    summary: str = "",
    before: dict | None = None,
    after: dict | None = None,
    purpose: str = "",
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", "") or "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        person=person,
        summary=summary[:255],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        purpose=purpose,
    )


def audit_read(
    *, actor, person, purpose: str, object_type: str = "people.person", summary: str = ""
) -> AuditEntry:
    """Record that ``actor`` read ``person``'s data for ``purpose`` (page view, export, API read)."""
    return audit_write(
        actor=actor,
        action=AuditEntry.Action.READ,
        object_type=object_type,
        object_id=str(person.pk),
        person=person,
        summary=summary,
        purpose=purpose,
    )


def audit_object_reads(*, actor, object_type: str, object_ids, purpose: str, summary: str = "") -> int:
    """Record one read per object that is not a person (an employer contact, say) in one insert;
    the persons it names are recorded with ``audit_reads``."""
    rows = [
        AuditEntry(
            actor=actor,
            actor_label=getattr(actor, "username", "") or "system",
            action=AuditEntry.Action.READ,
            object_type=object_type,
            object_id=str(pk),
            purpose=purpose,
            summary=summary[:255],
        )
        for pk in object_ids
    ]
    AuditEntry.objects.bulk_create(rows)
    return len(rows)


def audit_reads(
    *, actor, persons, purpose: str, object_type: str = "people.person", summary: str = ""
) -> int:
    """Record one read per person in a single insert (list pages, exports, API lists).

    On PostgreSQL one ``INSERT … SELECT unnest(…)`` statement: a list page writes 25 rows per
    request, and building 25 model instances for ``bulk_create`` cost more than the insert (the
    rows are the same, with one timestamp)."""
    ids = [person.pk for person in persons]
    if not ids:
        return 0
    row = {
        "at": timezone.now(),
        "actor_id": actor.pk if getattr(actor, "pk", None) else None,
        "actor_label": getattr(actor, "username", "") or "system",
        "action": AuditEntry.Action.READ if purpose != "export" else AuditEntry.Action.EXPORT,
        "object_type": object_type,
        "purpose": purpose,
        "summary": summary[:255],
    }
    if connection.vendor != "postgresql":
        AuditEntry.objects.bulk_create(
            [AuditEntry(**row, object_id=str(pk), person_id=pk) for pk in ids], batch_size=2000
        )
        return len(ids)
    columns = ", ".join(connection.ops.quote_name(name) for name in row)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {AuditEntry._meta.db_table} ({columns}, object_id, person_id) "  # noqa: S608 - names only
            f"SELECT {', '.join(['%s'] * len(row))}, unnest(%s::text[]), unnest(%s::bigint[])",
            [*row.values(), [str(pk) for pk in ids], ids],
        )
    return len(ids)
