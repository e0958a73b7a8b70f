"""What the matching knows of a participation: its target occupations (KldB 2010), its
availability (weekly hours, from when), its qualifications, and the suggestions a caseworker chose.

Everything hangs off a ``journeys.Participation`` and is read through
``journeys.selectors.participations_visible_to``. Histories are rows over time: a target occupation
given up gets ``ended_on``, a qualification entered by mistake gets ``withdrawn_at``; nothing is
deleted. A choice (``MatchChoice``) is a caseworker's decision and never made automatically.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stufenweg.journeys.models import Participation
from stufenweg.matching.codes import QualificationKind
from stufenweg.organisations.kldb import label as kldb_label
from stufenweg.organisations.kldb import validate_kldb

STAFF = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class TargetOccupation(models.Model):
    """A target occupation (Berufsziel) of a participation: a five-digit KldB 2010 code, held from
    ``since`` until ``ended_on`` (empty: current)."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="target_occupations"
    )
    code = models.CharField("Beruf (KldB 2010)", max_length=5, validators=[validate_kldb])
    since = models.DateField("seit", default=timezone.localdate)
    ended_on = models.DateField("aufgegeben am", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="erfasst von", **STAFF)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="aufgegeben von", **STAFF)

    class Meta:
        verbose_name = "Berufsziel"
        verbose_name_plural = "Berufsziele"
        ordering = ["participation", "ended_on", "since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "code"],
                condition=Q(ended_on__isnull=True),
                name="target_occupation_current_unique",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("since")),
                name="target_occupation_ended_after_since",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return kldb_label(self.code)


class Availability(models.Model):
    """How much and from when a participant can work or learn (one row per participation,
    changes audited)."""

    participation = models.OneToOneField(Participation, on_delete=models.CASCADE, related_name="availability")
    hours = models.PositiveSmallIntegerField(
        "Wochenstunden (höchstens)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    available_from = models.DateField("verfügbar ab", null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="geändert von", **STAFF)
    changed_at = models.DateTimeField("geändert am", default=timezone.now)

    class Meta:
        verbose_name = "Verfügbarkeit"
        verbose_name_plural = "Verfügbarkeiten"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=1, hours__lte=60),
                name="availability_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation_id}: {self.hours or '–'} h"


class Qualification(models.Model):
    """A qualification of a participant: its kind (``codes.QualificationKind``) and what it is
    („Hauptschulabschluss“, „Klasse B“, „Deutsch B1“), optionally since when."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="qualifications")
    kind = models.CharField("Art", max_length=16, choices=QualificationKind.choices)
    text = models.CharField("Bezeichnung", max_length=200)
    achieved_on = models.DateField("erworben am", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="erfasst von", **STAFF)
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)
    withdrawn_at = models.DateTimeField("zurückgenommen am", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="zurückgenommen von", **STAFF)

    class Meta:
        verbose_name = "Qualifikation"
        verbose_name_plural = "Qualifikationen"
        ordering = ["participation", "kind", "-achieved_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"


class MatchChoice(models.Model):
    """A suggestion a caseworker chose (Vorschlag gewählt): a measure or a vacancy, with the
    reasons the page gave at that moment and, when the caseworker asked for it, the step in the
    support plan that follows it up."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="match_choices")
    measure = models.ForeignKey(
        "programmes.Measure",
        verbose_name="Maßnahme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    vacancy = models.ForeignKey(
        "organisations.Vacancy",
        verbose_name="Stelle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reasons = models.CharField("Gründe", max_length=500, blank=True)
    note = models.CharField("Anmerkung", max_length=300, blank=True)
    chosen_on = models.DateField("gewählt am", default=timezone.localdate)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="gewählt von", **STAFF)
    plan_action = models.ForeignKey(
        "casework.PlanAction", verbose_name="Schritt im Förderplan", **{**STAFF, "related_name": "+"}
    )

    class Meta:
        verbose_name = "gewählter Vorschlag"
        verbose_name_plural = "gewählte Vorschläge"
        ordering = ["participation", "-chosen_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(measure__isnull=False) & Q(vacancy__isnull=True))
                | (Q(measure__isnull=True) & Q(vacancy__isnull=False)),
                name="match_choice_one_target",
            ),
        ]

    def __str__(self) -> str:
        return str(self.measure or self.vacancy)
