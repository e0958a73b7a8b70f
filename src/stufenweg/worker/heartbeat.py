"""Is a background worker running? The worker says so itself.

``stufenweg db_worker`` (``worker/management/commands/db_worker.py``) starts a :class:`Heartbeat`
thread that writes its row in ``WorkerHeartbeat`` every ``BEAT_SECONDS`` — also while the worker
runs a long task, since the thread is independent of the task loop — and deletes it on a clean
stop. A page whose run is still queued after ``NOTICE_AFTER_SECONDS`` asks :func:`worker_missing`:
no row seen within ``STALE_SECONDS`` and no task being run means nobody will pick the run up.
A task that is being run counts as a sign of life too: on SQLite a long import holds the one write
lock, so the heartbeat cannot be written while it runs. The same thread enqueues the daily jobs
(``worker.daily``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
import time

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5.0
STALE_SECONDS = 20.0
NOTICE_AFTER_SECONDS = 5.0
BUSY_HOURS = 12  # a task started this long ago without finishing: its worker died with it


def uses_worker() -> bool:
    """Whether tasks wait for a worker at all (the immediate backend of the tests runs them in the
    request)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def worker_seen(*, now: dt.datetime | None = None) -> bool:
    from django_tasks_db.models import DBTaskResult

    from stufenweg.worker.models import WorkerHeartbeat

    now = now or timezone.now()
    if WorkerHeartbeat.objects.filter(seen_at__gte=now - dt.timedelta(seconds=STALE_SECONDS)).exists():
        return True
    return (
        DBTaskResult.objects.running().filter(started_at__gte=now - dt.timedelta(hours=BUSY_HOURS)).exists()
    )


def worker_missing(queued_at: dt.datetime, *, now: dt.datetime | None = None) -> bool:
    """True when a run queued at ``queued_at`` has waited long enough and no worker is alive."""
    now = now or timezone.now()
    if not uses_worker() or now - queued_at < dt.timedelta(seconds=NOTICE_AFTER_SECONDS):
        return False
    return not worker_seen(now=now)


class Heartbeat(threading.Thread):
    """Writes the worker's row every ``interval`` seconds until :meth:`stop`. With ``parent_pid``
    (a worker started by ``stufenweg demo``) it also ends the worker when that parent is gone, so
    no orphan keeps running after the server was killed."""

    def __init__(self, worker_id: str, *, interval: float = BEAT_SECONDS, parent_pid: int | None = None):
        super().__init__(name="stufenweg-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.parent_pid = parent_pid
        self.started_at = timezone.now()
        self._stopped = threading.Event()

    def run(self) -> None:
        from stufenweg.worker.daily import CHECK_SECONDS, enqueue_due

        next_daily = 0.0
        try:
            while not self._stopped.is_set():
                if self.parent_pid is not None and os.getppid() != self.parent_pid:
                    logger.warning("parent process gone; worker stops")
                    os.kill(os.getpid(), signal.SIGTERM)
                    return
                close_old_connections()  # the thread's own connection: a broken one is replaced
                self.beat()
                if time.monotonic() >= next_daily:
                    enqueue_due()
                    next_daily = time.monotonic() + CHECK_SECONDS
                self._stopped.wait(self.interval)
        finally:
            connection.close()

    def beat(self) -> None:
        from stufenweg.worker.models import WorkerHeartbeat

        try:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={"pid": os.getpid(), "started_at": self.started_at, "seen_at": timezone.now()},
            )
        except DatabaseError:  # SQLite's write lock held by an import: the running task counts
            logger.debug("heartbeat not written", exc_info=True)

    def stop(self) -> None:
        from stufenweg.worker.models import WorkerHeartbeat

        self._stopped.set()
        if self.is_alive() and self is not threading.current_thread():
            self.join(timeout=self.interval + 1)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - dt.timedelta(days=1)).delete()
        except DatabaseError:
            logger.debug("heartbeat not removed", exc_info=True)
