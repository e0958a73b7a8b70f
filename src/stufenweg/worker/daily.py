"""Daily jobs the worker schedules itself: ``enqueue_due`` (called by the worker's heartbeat
thread at start and every hour) enqueues each job of ``DAILY`` unless one was enqueued in the last
24 hours — so a running worker is all the erasure needs, no cron. Several workers may both enqueue
at the same moment; the jobs are idempotent (a second run finds nothing due)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import DatabaseError
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# anonymise persons past their retention rule (no rule: nothing) and purge old import problem lists
DAILY = ("stufenweg.privacy.tasks.anonymise_expired_task",)
CHECK_SECONDS = 3600.0


def enqueue_due(*, now: dt.datetime | None = None) -> list[str]:
    from django_tasks_db.models import DBTaskResult

    from stufenweg.worker.heartbeat import uses_worker

    if not uses_worker():
        return []
    since = (now or timezone.now()) - dt.timedelta(hours=24)
    enqueued = []
    for path in DAILY:
        try:
            if not DBTaskResult.objects.filter(task_path=path, enqueued_at__gte=since).exists():
                import_string(path).enqueue()
                enqueued.append(path)
        except DatabaseError:  # SQLite's write lock held by an import: next hour
            logger.debug("daily job %s not enqueued", path, exc_info=True)
    return enqueued
