"""Art. 15 GDPR: everything stored about a person, as JSON (machine-readable) and PDF (readable).

The content comes from the model graph (``privacy.graph``), so rows of models added later are
included without a change here; encrypted notes appear decrypted (the person has a right to
them); the audit trail lists who read or changed the data, when and for which purpose.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import io
import json
from pathlib import Path
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry
from stufenweg.privacy.graph import related_rows

CSS_PATH = Path(__file__).resolve().parent / "static" / "privacy" / "export_pdf.css"
SECRET_FIELDS = {"password", "key", "token"}


def _value(obj: models.Model, field: models.Field) -> Any:
    value = getattr(obj, field.attname)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if field.choices and value not in (None, ""):
        return {"code": value, "text": str(dict(field.flatchoices).get(value, value))}
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        if field.is_relation:
            target = getattr(obj, field.name, None) if getattr(obj, field.attname) is not None else None
            row[field.name] = None if target is None else {"id": target.pk, "text": str(target)}
        else:
            row[field.name] = _value(obj, field)
    return row


def _section(model: type[models.Model]) -> dict[str, str]:
    return {"model": model._meta.label_lower, "title": str(model._meta.verbose_name_plural)}


def person_export_data(*, person, by, purpose: str = "Auskunft nach Art. 15 DSGVO") -> dict[str, Any]:
    """The complete record of ``person``; recorded in the audit trail as an export."""
    sections = []
    for rows in related_rows(person):
        items = [_row(obj) for obj in rows.queryset.order_by("pk")]
        if items:
            sections.append({**_section(rows.model), "path": rows.path, "rows": items})
    household = None
    if person.household_id:
        household = {
            **_row(person.household),
            "months": [_row(m) for m in person.household.months.order_by("month")],
        }
    audit = [
        {
            "at": entry.at.isoformat(),
            "actor": entry.actor_label,
            "action": {"code": entry.action, "text": entry.get_action_display()},
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "purpose": entry.purpose,
            "summary": entry.summary,
        }
        for entry in AuditEntry.objects.filter(person=person).order_by("at", "id")
    ]
    data = {
        "format": "stufenweg-auskunft-1",
        "created_at": timezone.now().isoformat(),
        "person": _row(person),
        "household": household,
        "sections": sections,
        "documents": _documents(person),
        "audit": audit,
    }
    audit_write(
        actor=by,
        action=AuditEntry.Action.EXPORT,
        object_type="people.person",
        object_id=str(person.pk),
        person=person,
        summary="Auskunft (Art. 15 DSGVO) erstellt",
        purpose=purpose,
    )
    return data


def _documents(person) -> list[dict[str, Any]]:
    """The person's attached files with their content (decrypted; base64 in the JSON, embedded
    as PDF attachments in the PDF). Their rows are in ``sections`` too (model graph)."""
    from stufenweg.people.documents import read_decrypted
    from stufenweg.people.models import Document

    return [
        {
            "id": document.pk,
            "kind": {"code": document.kind, "text": document.get_kind_display()},
            "title": document.title,
            "file_name": document.original_name,
            "content_type": document.content_type,
            "size": document.size,
            "uploaded_at": document.uploaded_at.isoformat(),
            "content_base64": base64.b64encode(read_decrypted(document.storage_name)).decode(),
        }
        for document in Document.objects.filter(person=person).order_by("pk")
    ]


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def to_pdf(data: dict) -> bytes:
    from weasyprint import CSS, HTML, Attachment

    from stufenweg.privacy.readable import readable

    html = render_to_string("privacy/person_export_pdf.html", {"data": readable(data)})
    attachments = [
        Attachment(
            file_obj=io.BytesIO(base64.b64decode(document["content_base64"])),
            name=document["file_name"],
            description=document["kind"]["text"],
        )
        for document in data.get("documents", [])
    ]
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(CSS_PATH))], attachments=attachments)
