"""Writing the audit trail. Services call these explicitly (no signals, ARCHITECTURE.md habit 5)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models

from stufenweg.core.models import AuditEntry


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


def audit_reads(
    *, actor, persons, purpose: str, object_type: str = "people.person", summary: str = ""
) -> int:
    """Record one read per person in a single insert (list pages, exports, API lists)."""
    entries = [
        AuditEntry(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=getattr(actor, "username", "") or "system",
            action=AuditEntry.Action.READ if purpose != "export" else AuditEntry.Action.EXPORT,
            object_type=object_type,
            object_id=str(person.pk),
            person_id=person.pk,
            summary=summary[:255],
            purpose=purpose,
        )
        for person in persons
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
