"""An import started from the web page: the upload, its progress and its result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "wartet"
        RUNNING = "running", "läuft"
        DONE = "done", "importiert"
        CHECKED = "checked", "geprüft (Probelauf), fehlerfrei"
        REJECTED = "rejected", "abgelehnt, nichts geschrieben"
        FAILED = "failed", "abgebrochen"

    FINAL = (Status.DONE, Status.CHECKED, Status.REJECTED, Status.FAILED)

    created_at = models.DateTimeField("hochgeladen am", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="hochgeladen von",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField("Status", max_length=16, choices=Status.choices, default=Status.PENDING)
    dry_run = models.BooleanField("nur prüfen", default=False)
    source_kind = models.CharField("Art", max_length=8)  # csv / xlsx
    files = models.JSONField("Dateien", default=list)  # the exchange-format names received
    language = models.CharField("Sprache", max_length=8, default="de")
    upload_dir = models.CharField("Ablage", max_length=500, blank=True)
    progress_phase = models.CharField("Schritt", max_length=32, blank=True)
    progress_done = models.PositiveIntegerField("erledigt", default=0)
    progress_total = models.PositiveIntegerField("gesamt", default=0)
    counts = models.JSONField("Zahlen", default=dict)
    problems = models.JSONField("Probleme", default=list)  # [file, row, column, value, message]
    problem_count = models.PositiveIntegerField("Anzahl Probleme", default=0)
    error = models.CharField("Fehler", max_length=255, blank=True)
    started_at = models.DateTimeField("begonnen", null=True, blank=True)
    finished_at = models.DateTimeField("beendet", null=True, blank=True)

    class Meta:
        verbose_name = "Importlauf"
        verbose_name_plural = "Importläufe"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    @property
    def problems_purged(self) -> bool:
        """The problem list was deleted after its retention time (``interchange.retention``)."""
        return self.problem_count > 0 and not self.problems
