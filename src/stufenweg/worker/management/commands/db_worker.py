"""``stufenweg db_worker``: django-tasks-db's worker with a sign of life (``worker.heartbeat``).

Runs reports, web imports and the daily erasure job. Same options as django-tasks-db's command
(this app is listed before ``django_tasks_db`` so that its command wins), plus the hidden
``--exit-with-parent PID`` used by ``stufenweg demo`` (``worker.supervise``).
"""

from __future__ import annotations

import argparse
import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from stufenweg.worker.heartbeat import Heartbeat


class Command(db_worker.Command):
    help = "Hintergrunddienst: führt Berichte, Web-Importe und die tägliche Löschung aus."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--exit-with-parent", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, exit_with_parent: int | None = None, **options) -> None:
        reloading = options.get("reload") and not options.get("batch")
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)  # the reloader's outer process runs no tasks
        heartbeat = Heartbeat(options["worker_id"], parent_pid=exit_with_parent)
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
