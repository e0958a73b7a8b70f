"""Retention rules and the record of erasures (GDPR Art. 17)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone


class RetentionRule(models.Model):
    """How long the data of a programme's participants must be kept after their last event.

    A person's data may be anonymised when every participation of theirs is closed and, for each,
    the later of ``last event + months_after_last_event`` and ``keep_until`` (e.g. the end of the
    ESF documentation duty of the funding period) has passed. The rule without a programme is
    the default; a programme without any rule (and no default) is never anonymised automatically.
    """

    programme = models.OneToOneField(
        "programmes.Programme",
        verbose_name="Programm",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="retention_rule",
    )
    months_after_last_event = models.PositiveSmallIntegerField("Monate nach dem letzten Ereignis", default=24)
    keep_until = models.DateField(
        "aufbewahren mindestens bis",
        null=True,
        blank=True,
        help_text="z. B. Ende der ESF-Aufbewahrungspflicht der Förderperiode",
    )
    basis = models.CharField("Rechtsgrundlage", max_length=200, blank=True)

    class Meta:
        verbose_name = "Aufbewahrungsregel"
        verbose_name_plural = "Aufbewahrungsregeln"
        constraints = [
            # one default rule (programme NULL); OneToOne already makes the others unique
            models.UniqueConstraint(Coalesce("programme", Value(0)), name="retention_one_rule_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.programme or 'Standard'}: {self.months_after_last_event} Monate"


class Anonymisation(models.Model):
    """That (not what) a person's data was anonymised. ``pseudonym`` is the new person_id."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="+")
    pseudonym = models.CharField("Pseudonym", max_length=64, unique=True)
    at = models.DateTimeField("anonymisiert am", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField("Anlass", max_length=32, default="retention")

    class Meta:
        verbose_name = "Anonymisierung"
        verbose_name_plural = "Anonymisierungen"

    def __str__(self) -> str:
        return self.pseudonym
