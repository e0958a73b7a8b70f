"""The background task that runs a web upload's import (django-tasks)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from stufenweg.interchange import uploads
from stufenweg.interchange.importer import import_exchange
from stufenweg.interchange.locking import WAITING, patient_write
from stufenweg.interchange.models import ImportRun
from stufenweg.interchange.problems import UsageError
from stufenweg.interchange.reader import BROKEN_ARCHIVE, broken_file_message

logger = logging.getLogger(__name__)
MAX_STORED_PROBLEMS = 10_000
PROGRESS_FILE = "progress.json"


class FileProgress:
    """Progress written to a small JSON file next to the upload: the import runs inside one
    database transaction, so progress in the database would not be visible until the end."""

    def __init__(self, directory: Path):
        self.path = directory / PROGRESS_FILE
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"phase": phase, "done": done, "total": total}))
        tmp.replace(self.path)


def read_progress(run: ImportRun) -> dict:
    if run.upload_dir:
        try:
            return json.loads((Path(run.upload_dir) / PROGRESS_FILE).read_text())
        except (OSError, ValueError):
            pass
    return {"phase": run.progress_phase, "done": run.progress_done, "total": run.progress_total}


@task()
def import_run_execute(run_id: int) -> None:
    """Run the import of one upload. The run always ends in a final status with its files removed:
    a broken file or an unexpected error fails it with a German message, it is never left pending.
    While another import writes, it waits (``interchange.locking``; the page says so)."""
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    directory = Path(run.upload_dir) if run.upload_dir else None
    with translation.override(run.language):
        fields = _execute(run, directory)
    progress = read_progress(run)
    fields.update(
        finished_at=timezone.now(),
        progress_phase=str(progress.get("phase", ""))[:32],
        progress_done=int(progress.get("done") or 0),
        progress_total=int(progress.get("total") or 0),
        upload_dir="",
    )
    if directory is not None:
        uploads.remove(directory)  # the upload holds personal data: keep it no longer than needed
    with patient_write():
        ImportRun.objects.filter(pk=run_id).update(**fields)


def _execute(run: ImportRun, directory: Path | None) -> dict:
    """The import of ``run``; returns the run's final fields (status, counts, problems or error)."""
    failed = ImportRun.Status.FAILED
    try:
        if directory is None or not directory.is_dir():
            raise UsageError(
                _("Die hochgeladenen Dateien sind nicht mehr vorhanden; bitte erneut hochladen.")
            )
        progress = FileProgress(directory)
        with patient_write(on_wait=lambda: progress(WAITING, 0, 0)):  # SQLite: another import writes
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.RUNNING, started_at=timezone.now()
            )
        path = directory / "upload.xlsx" if run.source_kind == "xlsx" else directory / "csv"
        result = import_exchange(path, by=run.created_by, dry_run=run.dry_run, progress=progress)
    except UsageError as exc:
        return {"status": failed, "error": str(exc)[:255]}
    except BROKEN_ARCHIVE:
        return {"status": failed, "error": broken_file_message()}
    except Exception:  # recorded on the run; the log gets the id, no content
        logger.exception("import run %s failed", run.pk)
        return {"status": failed, "error": _("Interner Fehler; bitte den Betrieb informieren.")}
    if result.problems:
        status = ImportRun.Status.REJECTED
    elif run.dry_run:
        status = ImportRun.Status.CHECKED
    else:
        status = ImportRun.Status.DONE
    return {
        "status": status,
        "counts": result.counts,
        "problems": [p.as_list() for p in result.problems[:MAX_STORED_PROBLEMS]],
        "problem_count": len(result.problems),
    }
