"""The problem list of an import run is kept for a limited time only.

A problem quotes the cell it is about (in its value and often in its message), so a rejected file
leaves social data in the run — names, birth dates, codes of persons the database may not even
hold, and that an erasure under Art. 17 GDPR cannot find. The uploader needs the list to mend the
file, for days, not for years: after ``STUFENWEG_IMPORT_PROBLEM_DAYS`` (default 30) the list is
deleted and only the number of problems stays (GDPR Art. 5(1)(c) and (e)). The daily privacy
job (``stufenweg anonymise_expired``) runs it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from stufenweg.interchange.models import ImportRun

log = logging.getLogger("stufenweg.privacy")


def problem_days() -> int:
    return int(settings.STUFENWEG_IMPORT_PROBLEM_DAYS)


def purge_problem_lists(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Delete the problem lists of the runs uploaded more than ``problem_days()`` ago; returns
    how many runs had one (with ``dry_run`` nothing is deleted)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=problem_days())
    due = ImportRun.objects.filter(created_at__lt=cutoff, problem_count__gt=0).exclude(problems=[])
    if dry_run:
        return due.count()
    count = due.update(problems=[])
    log.info("purge_import_problems", extra={"event": "purge_import_problems", "count": count})
    return count
