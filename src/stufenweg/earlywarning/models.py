"""The dropout early warning: per programme a switch, trained models (numbers only, no pickles)
and the caseworkers' decisions on warnings. The system never acts on a warning itself (GDPR
Art. 22): a warning is a hint that a person reads, confirms or dismisses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.core.fields import EncryptedTextField
from stufenweg.journeys.models import Participation
from stufenweg.programmes.models import Programme

DEFAULT_HORIZON_DAYS = 90


class ProgrammeSetting(models.Model):
    """Whether a programme uses the early warning (off unless the coordination office switches it
    on) and the horizon of its warnings."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="early_warning_setting", verbose_name="Programm"
    )
    enabled = models.BooleanField("Frühwarnung eingeschaltet", default=False)
    horizon_days = models.PositiveSmallIntegerField("Vorhersagezeitraum (Tage)", default=DEFAULT_HORIZON_DAYS)
    changed_at = models.DateTimeField("geändert am", default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Einstellung Frühwarnung"
        verbose_name_plural = "Einstellungen Frühwarnung"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_days__gte=14) & models.Q(horizon_days__lte=365),
                name="earlywarning_horizon_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {'an' if self.enabled else 'aus'}"


class RiskModel(models.Model):
    """One training of a programme's model: standardisation, coefficients and quality figures as
    plain numbers (JSON), so that a stored model is data, never code."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="risk_models")
    status = models.CharField("Stand", max_length=8, choices=Status.choices, default=Status.QUEUED)
    requested_at = models.DateTimeField("angefordert am", default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trained_at = models.DateTimeField("trainiert am", null=True, blank=True)
    as_of = models.DateField("Datenstand", null=True, blank=True)
    horizon_days = models.PositiveSmallIntegerField("Vorhersagezeitraum (Tage)", default=DEFAULT_HORIZON_DAYS)
    features = models.JSONField("Merkmale", default=list)
    means = models.JSONField("Mittelwerte", default=list)
    scales = models.JSONField("Standardabweichungen", default=list)
    coefficients = models.JSONField("Koeffizienten", default=list)
    intercept = models.FloatField("Achsenabschnitt", default=0.0)
    threshold = models.FloatField("Warnschwelle", default=0.5)
    auc = models.FloatField("AUC (Testdaten)", null=True, blank=True)
    n_train = models.PositiveIntegerField("Stichtage Training", default=0)
    n_test = models.PositiveIntegerField("Stichtage Test", default=0)
    persons_train = models.PositiveIntegerField("Personen Training", default=0)
    persons_test = models.PositiveIntegerField("Personen Test", default=0)
    positives_train = models.PositiveIntegerField("Abbrüche Training", default=0)
    positives_test = models.PositiveIntegerField("Abbrüche Test", default=0)
    fairness = models.JSONField("Fairness-Prüfung", default=dict)
    message = models.CharField("Meldung", max_length=300, blank=True)

    class Meta:
        verbose_name = "Risikomodell"
        verbose_name_plural = "Risikomodelle"
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "status", "-trained_at"], name="earlywarning_model_current")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.trained_at or self.requested_at:%Y-%m-%d}"


class Decision(models.Model):
    """A caseworker's decision on one warning: confirmed (the risk is real, the caseworker acts)
    or dismissed (not so). The record of a human decision; nothing follows from it automatically."""

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("bestätigt")
        DISMISSED = "dismissed", _("verworfen")

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="warning_decisions"
    )
    model = models.ForeignKey(RiskModel, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField("Entscheidung", max_length=10, choices=Outcome.choices)
    risk = models.FloatField("Risiko bei der Entscheidung")
    reasons = models.JSONField("Gründe bei der Entscheidung", default=list)
    note = EncryptedTextField("Notiz", blank=True)
    decided_on = models.DateField("entschieden am")
    decided_at = models.DateTimeField("erfasst am", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Entscheidung zur Frühwarnung"
        verbose_name_plural = "Entscheidungen zur Frühwarnung"
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["participation", "-decided_at"], name="earlywarning_decision_latest")]

    def __str__(self) -> str:
        return f"{self.participation_id}: {self.outcome}"
