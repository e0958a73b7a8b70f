"""Support services, structured barriers and the phases of the support plan (4-phase model).

Everything about a person hangs off a ``journeys.Participation`` and is read through
``journeys.selectors.participations_visible_to``; free-text notes are encrypted at rest (as in
casework). Histories are rows over time: a barrier, a profile category or a phase is never
overwritten, the newest row is the current one; a referral keeps one ``ServiceReferralStep`` per
change of its status (the referral's own status and dates are the projection of its steps).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from stufenweg.core.fields import EncryptedTextField
from stufenweg.journeys.models import Participation
from stufenweg.programmes.models import Programme
from stufenweg.support.codes import (
    DATE_FIELD,
    BarrierKind,
    ProfileCategory,
    ReferralStatus,
    ServiceKind,
    prognosis,
)

STAFF = {"null": True, "blank": True, "on_delete": models.SET_NULL, "related_name": "+"}


class ServiceReferral(models.Model):
    """A referral of a participant to a support service (§ 16a SGB II counselling, a language
    course, recognition of a foreign qualification, health-oriented counselling).

    Fields: ``participation``; ``kind`` (``codes.ServiceKind``); ``provider`` (the body that
    delivers it, free text, no personal data); ``status`` (``codes.ReferralStatus``, moves forward
    along ``codes.NEXT``); one date per status reached (``planned_on`` … ``declined_on``; a date is
    empty until the status is reached); ``notes`` (encrypted); ``created_by``, ``created_at``.
    """

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="service_referrals"
    )
    kind = models.CharField("Angebot", max_length=24, choices=ServiceKind.choices)
    provider = models.CharField("Stelle", max_length=160, blank=True)
    status = models.CharField(
        "Stand", max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PLANNED
    )
    planned_on = models.DateField("geplant am")
    referred_on = models.DateField("vermittelt am", null=True, blank=True)
    started_on = models.DateField("begonnen am", null=True, blank=True)
    ended_on = models.DateField("beendet am", null=True, blank=True)
    declined_on = models.DateField("abgelehnt am", null=True, blank=True)
    notes = EncryptedTextField("Notiz", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **STAFF)
    created_at = models.DateTimeField("erfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Vermittlung in ein Unterstützungsangebot"
        verbose_name_plural = "Vermittlungen in Unterstützungsangebote"
        ordering = ["-planned_on", "-id"]
        indexes = [models.Index(fields=["participation", "status"], name="referral_part_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="referral_ended_after_started",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="referral_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def status_on(self):
        """The day the current status was reached."""
        return getattr(self, DATE_FIELD[self.status])


class ServiceReferralStep(models.Model):
    """One change of a referral's status: ``status`` reached ``on``; ``correction`` when it undid
    or re-dated an earlier step (``services.service_referral_correct``). Appended, never changed."""

    referral = models.ForeignKey(ServiceReferral, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField("Stand", max_length=10, choices=ReferralStatus.choices)
    on = models.DateField("am")
    correction = models.BooleanField("Korrektur", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **STAFF)
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Stand einer Vermittlung"
        verbose_name_plural = "Verlauf der Vermittlungen"
        ordering = ["referral", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} am {self.on:%d.%m.%Y}"


class Barrier(models.Model):
    """A structured barrier of the needs assessment on one day: ``kind`` (``codes.BarrierKind``)
    is ``present`` (or resolved / not present) as assessed ``assessed_on``; ``notes`` encrypted;
    ``staff`` who assessed it. The history is the rows over time; the newest row per kind counts."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField("Hemmnis", max_length=12, choices=BarrierKind.choices)
    present = models.BooleanField("liegt vor")
    assessed_on = models.DateField("festgestellt am")
    notes = EncryptedTextField("Notiz", blank=True)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, **STAFF)
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Vermittlungshemmnis"
        verbose_name_plural = "Vermittlungshemmnisse"
        ordering = ["kind", "-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["participation", "kind", "assessed_on"], name="barrier_part_kind_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'liegt vor' if self.present else 'liegt nicht vor'}"


class SupportPhase(models.Model):
    """A phase of the support plans of one programme (by default the four phases of the 4PM:
    ``codes.DEFAULT_PHASES``). ``position`` orders them; a phase no longer used is set inactive
    (``active=False``), never deleted, so that earlier phase changes keep their name."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="support_phases")
    position = models.PositiveSmallIntegerField("Reihenfolge")
    name = models.CharField("Phase", max_length=80)
    active = models.BooleanField("in Gebrauch", default=True)

    class Meta:
        verbose_name = "Phase des Förderplans"
        verbose_name_plural = "Phasen des Förderplans"
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="support_phase_position_unique")
        ]

    def __str__(self) -> str:
        return self.name


class PhaseChange(models.Model):
    """The participation entered ``phase`` (of its programme) ``on``; the newest is current."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="phase_changes")
    phase = models.ForeignKey(SupportPhase, on_delete=models.PROTECT, related_name="+")
    on = models.DateField("seit")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **STAFF)
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Phasenwechsel"
        verbose_name_plural = "Phasenwechsel"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.phase} seit {self.on:%d.%m.%Y}"


class ProfileRating(models.Model):
    """The profile category (integration prognosis, ``codes.ProfileCategory``) of a participant
    as assessed ``assessed_on`` by ``staff``. History: rows over time; the newest counts."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="profile_ratings")
    category = models.CharField("Profillage", max_length=16, choices=ProfileCategory.choices)
    assessed_on = models.DateField("eingeschätzt am")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, **STAFF)
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Profillage"
        verbose_name_plural = "Profillagen"
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return self.get_category_display()

    @property
    def prognosis(self) -> str:
        return prognosis(self.category)
