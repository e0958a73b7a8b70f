"""Participations, the journey event log, and the enrolment projection.

``JourneyEvent`` is the source of truth and is only ever appended to. ``Participation``'s state
fields and ``Enrolment`` rows are a projection of the effective events; ``stufenweg
rebuild_projections`` recomputes them from the log.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from stufenweg.journeys.codes import (
    AssessmentResult,
    Benefit,
    BenefitEffect,
    Change,
    EmploymentKind,
    EmploymentStatus,
    EventKind,
    ExitKind,
    FollowUpSource,
    State,
    split_statuses,
)
from stufenweg.organisations.models import Organisation, Region
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure, Programme, Stage


def new_event_id() -> str:
    return f"sw-{uuid.uuid4().hex}"


class Participation(models.Model):
    """Person × programme: everything from referral to final exit."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="participations")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Fallverantwortliche/r",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
    )
    created_at = models.DateTimeField("angelegt", default=timezone.now)

    # --- projection of the event log (rebuildable) ---
    state = models.CharField("Status", max_length=16, choices=State.choices, default=State.REFERRED)
    state_since = models.DateField("Status seit", null=True, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    current_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    current_measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    waiting_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    planned_end = models.DateField("geplantes Ende", null=True, blank=True)
    last_event_on = models.DateField("letztes Ereignis", null=True, blank=True)

    class Meta:
        verbose_name = "Teilnahme"
        verbose_name_plural = "Teilnahmen"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"], name="participation_unique_person_programme"
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "state"], name="participation_prog_state"),
            models.Index(fields=["region", "state"], name="participation_region_state"),
            # the running participations of the whole list (coordination office): counted from
            # the index instead of testing each row against six states
            models.Index(fields=["state"], name="participation_state"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.programme.code}"


class JourneyEvent(models.Model):
    """One fact about a participation. Appended, never changed; corrections supersede."""

    event_id = models.CharField("Ereignis-ID", max_length=64, unique=True, default=new_event_id)
    # no index of its own: ``event_part_date`` (participation, occurred_on) serves every lookup by
    # participation, and lets the report's reading of the log stop at its day from the index
    participation = models.ForeignKey(
        Participation, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    kind = models.CharField("Ereignis", max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField("Datum")
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="erfasst von",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name="ersetzt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )

    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    referrer = models.ForeignKey(
        Organisation,
        verbose_name="zuweisende Stelle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referral_events",
    )
    result = models.CharField("Ergebnis", max_length=16, choices=AssessmentResult.choices, blank=True)
    planned_end = models.DateField("geplantes Ende", null=True, blank=True)
    employment_status = models.CharField(
        "Erwerbsstatus bei Eintritt",
        max_length=16,
        choices=EmploymentStatus.choices,
        blank=True,
    )
    unemployed_since = models.DateField("arbeitslos seit", null=True, blank=True)
    benefit = models.CharField("Leistungsbezug", max_length=8, choices=Benefit.choices, blank=True)
    change = models.CharField("Art des Wechsels", max_length=16, choices=Change.choices, blank=True)
    reason = models.TextField("Grund", blank=True)
    exit_kind = models.CharField("Austrittsart", max_length=16, choices=ExitKind.choices, blank=True)
    statuses = models.CharField("Status", max_length=200, blank=True, help_text="Codes, getrennt durch |")
    qualification = models.BooleanField("Qualifikation", null=True, blank=True)
    employer = models.ForeignKey(
        Organisation,
        verbose_name="Arbeitgeber",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employer_events",
    )
    end_date = models.DateField("Enddatum", null=True, blank=True)
    first_labour_market = models.BooleanField("erster Arbeitsmarkt", null=True, blank=True)
    employment_kind = models.CharField(
        "Beschäftigungsart", max_length=20, choices=EmploymentKind.choices, blank=True
    )
    hours = models.DecimalField(
        "Wochenstunden",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    benefit_effect = models.CharField(
        "Wirkung auf Leistungsbezug", max_length=8, choices=BenefitEffect.choices, blank=True
    )
    reached = models.BooleanField("erreicht", null=True, blank=True)
    source = models.CharField("Quelle", max_length=16, choices=FollowUpSource.choices, blank=True)
    # a code of the programme's list (programmes.ReasonCode), checked when the event is written
    reason_code = models.CharField("Grund (Code)", max_length=32, blank=True)

    class Meta:
        verbose_name = "Verlaufsereignis"
        verbose_name_plural = "Verlaufsereignisse"
        ordering = ["occurred_on", "recorded_at", "id"]
        indexes = [
            models.Index(fields=["participation", "occurred_on"], name="event_part_date"),
            models.Index(fields=["kind", "occurred_on"], name="event_kind_date"),
            models.Index(fields=["recorded_at"], name="event_recorded_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="void") | models.Q(supersedes__isnull=False),
                name="event_void_names_target",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) | models.Q(hours__isnull=True),
                name="event_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} am {self.occurred_on:%d.%m.%Y}"

    @property
    def status_list(self) -> list[str]:
        return split_statuses(self.statuses)


class Enrolment(models.Model):
    """Projection: person × measure inside a participation, from entry to exit."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="enrolments")
    entry_event = models.OneToOneField(JourneyEvent, on_delete=models.CASCADE, related_name="enrolment")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="enrolments")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="enrolments")
    entered_on = models.DateField("Eintritt")
    planned_end = models.DateField("geplantes Ende", null=True, blank=True)
    exited_on = models.DateField("Austritt", null=True, blank=True)
    exit_event = models.ForeignKey(
        JourneyEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    exit_kind = models.CharField("Austrittsart", max_length=16, choices=ExitKind.choices, blank=True)
    extensions = models.PositiveSmallIntegerField("Verlängerungen", default=0)
    interrupted_since = models.DateField("unterbrochen seit", null=True, blank=True)

    class Meta:
        verbose_name = "Maßnahmeteilnahme"
        verbose_name_plural = "Maßnahmeteilnahmen"
        ordering = ["entered_on", "id"]
        indexes = [
            models.Index(fields=["measure", "entered_on", "exited_on"], name="enrolment_measure_period"),
            # a provider's participations (its visibility scope) from the index alone
            models.Index(fields=["measure", "participation"], name="enrolment_measure_part"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id}/{self.stage_id} ab {self.entered_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.exited_on is None
