"""A background report run: parameters, status, progress and the finished report (aggregates only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField("angelegt", default=timezone.now)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    params = models.JSONField("Parameter", default=dict)
    status = models.CharField("Status", max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField("Fortschritt (%)", default=0)
    result = models.JSONField("Ergebnis", null=True, blank=True)
    error = models.TextField("Fehler", blank=True)

    class Meta:
        verbose_name = "Berichtslauf"
        verbose_name_plural = "Berichtsläufe"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="reportrun_progress_max_100"),
        ]

    def __str__(self) -> str:
        return f"Bericht {self.pk} ({self.status})"
