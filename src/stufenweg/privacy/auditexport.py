"""The audit trail for the data-protection officer: filter, CSV and XLSX (formula-safe)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.core.spreadsheet import neutralise

COLUMNS = ["id", "at", "actor", "action", "object_type", "object_id", "person_pk", "purpose", "summary"]
HEADERS = [
    "ID",
    "Zeitpunkt",
    "Benutzer",
    "Aktion",
    "Objektart",
    "Objekt-ID",
    "Person (ID)",
    "Zweck",
    "Beschreibung",
]


@dataclass(frozen=True)
class AuditFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor: str = ""
    person_pk: int | None = None
    action: str = ""


def audit_entries(filters: AuditFilter) -> QuerySet[AuditEntry]:
    return filter_entries(AuditEntry.objects.all().order_by("-at", "-id"), filters)


def filter_entries(qs: QuerySet[AuditEntry], filters: AuditFilter) -> QuerySet[AuditEntry]:
    """The filter of the audit page and of the export, the same for both."""
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(at__gte=dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=tz))
    if filters.date_to:
        qs = qs.filter(
            at__lt=dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    if filters.actor:
        qs = qs.filter(actor_label=filters.actor)
    if filters.person_pk:
        qs = qs.filter(person_id=filters.person_pk)
    if filters.action:
        qs = qs.filter(action=filters.action)
    return qs


def _rows(qs: QuerySet[AuditEntry]):
    for e in qs.iterator(chunk_size=2000):
        yield [
            e.pk,
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_label,
            e.get_action_display(),
            e.object_type_label,
            e.object_id,
            e.person_id or "",
            e.purpose,
            e.summary,
        ]


def to_csv(qs: QuerySet[AuditEntry]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for row in _rows(qs):
        writer.writerow([neutralise(v) for v in row])  # numbers and empty cells stay as they are
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(qs: QuerySet[AuditEntry]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet("Protokoll")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, HEADERS, bold)
    for i, row in enumerate(_rows(qs), start=1):
        for j, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(i, j, value)
            else:
                sheet.write_string(i, j, neutralise(value))
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
