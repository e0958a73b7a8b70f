"""The export service: one programme's data in the exchange format, with its audit rows."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry
from stufenweg.interchange import writer
from stufenweg.interchange.problems import UsageError
from stufenweg.organisations.models import User
from stufenweg.programmes.models import Programme

FORMATS = ("csv", "xlsx")


@transaction.atomic
def programme_export(
    *,
    programme_code: str,
    path: str | Path,
    file_format: str = "csv",
    separator: str = ",",
    bom: bool = False,
    raw: bool = False,
    by: User | None = None,
    progress=None,
) -> dict[str, int]:
    """Write the programme's files to ``path`` (a directory for CSV, a ``.xlsx`` file for XLSX).

    CSV cells that a spreadsheet would run as formulas get a leading ``'`` unless ``raw`` (machine
    exchange; CSV only); ``;`` with BOM is the Excel variant. Every exported person is recorded as read for the purpose "export" (one audit row each),
    plus one row for the export itself. Returns the number of rows per file.
    """
    programme = Programme.objects.filter(code=programme_code).first()
    if programme is None:
        raise UsageError(_("Das Programm „%(code)s“ gibt es nicht.") % {"code": programme_code})
    if file_format not in FORMATS:
        raise UsageError(_("Unbekanntes Format „%(format)s“ (csv oder xlsx).") % {"format": file_format})
    if separator not in (",", ";"):
        raise UsageError(_("Als Trennzeichen sind nur , und ; vorgesehen."))
    if raw and file_format != "csv":
        raise UsageError(_("Die Rohfassung ohne Formelschutz gibt es nur für CSV."))
    path = Path(path)
    if file_format == "xlsx":
        if path.suffix.lower() != ".xlsx":
            raise UsageError(_("Für das Format xlsx bitte eine Datei mit der Endung .xlsx angeben."))
        counts = writer.write_xlsx(programme, path, progress=progress)
    else:
        if path.exists() and not path.is_dir():
            raise UsageError(_("%(path)s ist kein Verzeichnis.") % {"path": path})
        counts = writer.write_csv_files(
            programme,
            path,
            separator=separator,
            bom=bom,
            raw=raw,
            progress=progress,
        )
    actor = by if getattr(by, "pk", None) else None
    label = getattr(by, "username", "") or "system"
    AuditEntry.objects.bulk_create(
        (
            AuditEntry(
                actor=actor,
                actor_label=label,
                action=AuditEntry.Action.EXPORT,
                object_type="people.person",
                object_id=str(person_id),
                person_id=person_id,
                purpose="export",
                summary=_("Export im Austauschformat (%(code)s)") % {"code": programme.code},
            )
            for person_id in writer.programme_persons(programme).values_list("id", flat=True).iterator()
        ),
        batch_size=2000,
    )
    summary = _("Export im Austauschformat: %(rows)s Zeilen") % {"rows": sum(counts.values())}
    if raw:
        summary += " " + _("(Rohfassung ohne Formelschutz)")
    audit_write(
        actor=by,
        action=AuditEntry.Action.EXPORT,
        obj=programme,
        summary=summary,
        after=counts,
        purpose="export",
    )
    return counts
