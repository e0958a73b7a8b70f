"""The background worker's sign of life: one row per running ``stufenweg db_worker``."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """Written every few seconds by a thread of the worker process (also while it runs a long
    task); removed when the worker stops. A row whose ``seen_at`` is old belongs to a worker that
    died without stopping."""

    worker_id = models.CharField("Kennung", max_length=64, primary_key=True)
    pid = models.PositiveIntegerField("Prozess")
    started_at = models.DateTimeField("gestartet")
    seen_at = models.DateTimeField("zuletzt gesehen", db_index=True)

    class Meta:
        verbose_name = "Lebenszeichen des Hintergrunddienstes"
        verbose_name_plural = "Lebenszeichen des Hintergrunddienstes"

    def __str__(self) -> str:
        return f"Hintergrunddienst {self.pid}"
