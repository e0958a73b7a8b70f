"""Background generation of the standard report (django-tasks; immediate backend in tests).

The report is stored in German, the product's language, whatever language the request that asked
for it had (a worker has none; the immediate backend runs inside the request). The renderers show
it in the reader's language (``presenting.localise``)."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

logger = logging.getLogger(__name__)

# stored untranslated on the run; the page shows it in the reader's language
RUN_FAILED = gettext_noop("Der Bericht konnte nicht erstellt werden.")


def params_from_run(run):
    from stufenweg.indicators.results import ReportParams

    p = run.params
    return ReportParams(
        programme=run.programme,
        date_from=dt.date.fromisoformat(p["from"]),
        date_to=dt.date.fromisoformat(p["to"]),
        as_of=dt.date.fromisoformat(p["as_of"]) if p.get("as_of") else None,
        recorded_on=dt.datetime.fromisoformat(p["recorded_on"]) if p.get("recorded_on") else None,
        by=tuple(p.get("by") or ()),
        suppress_below=p.get("suppress_below") or None,
        region_ids=tuple(p["region_ids"]) if p.get("region_ids") is not None else None,
        region_codes=tuple(p.get("region_codes") or ()),
        settings=p.get("settings"),
    )


class ProgressWriter:
    """Writes a run's progress while the engine works. The engine runs in a transaction that it
    rolls back at the end (its working tables go with it), so the progress goes through a
    connection of its own (a short-lived thread) and is visible to the polling page at once.
    A write that fails (a locked SQLite database) is skipped: progress is a courtesy."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.percent = 0

    def __call__(self, percent: int) -> None:
        percent = min(99, percent)
        if percent <= self.percent:
            return
        self.percent = percent
        writer = threading.Thread(target=self._write, args=(percent,), name="report-progress")
        writer.start()
        writer.join()

    def _write(self, percent: int) -> None:
        from stufenweg.indicators.models import ReportRun

        try:
            ReportRun.objects.filter(pk=self.run_id).update(progress=percent)
        except DatabaseError:
            logger.debug("progress of report run %s not written", self.run_id, exc_info=True)
        finally:
            connection.close()


@task()
def generate_report(run_id: int) -> None:
    from stufenweg.indicators.models import ReportRun
    from stufenweg.indicators.standard import standard_report

    run = ReportRun.objects.select_related("programme").get(pk=run_id)
    ReportRun.objects.filter(pk=run_id).update(status=ReportRun.Status.RUNNING, progress=5)
    # inside a caller's transaction (tests) the writes would be invisible, and could wait for the
    # run's row that transaction holds
    progress = None if connection.in_atomic_block else ProgressWriter(run_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            result = standard_report(params_from_run(run), progress=progress)
    except Exception:
        logger.exception("report run %s failed", run_id)
        ReportRun.objects.filter(pk=run_id).update(status=ReportRun.Status.FAILED, error=RUN_FAILED)
        return
    ReportRun.objects.filter(pk=run_id).update(status=ReportRun.Status.DONE, progress=100, result=result)
