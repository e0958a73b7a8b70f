"""Group work (DOMAIN.md §3 „Group work“): group events with sessions, bookings with a waiting
list, attendance per session, and in-app notices to caseworkers when an event is cancelled.

A ``GroupEvent`` is organised by one organisation (Jobcenter, provider, regional office,
coordination office) for one or more programmes in a region. Caseworkers book their participants
(``Booking``: one per participation and event); beyond the capacity a booking waits, numbered by
``waiting_position``, and moves up when a place is freed. ``Attendance`` records per session
whether a booked participant attended, was excused or absent; an attended session is shown among
the participant's contacts (``selectors.group_work_of``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.journeys.models import Participation
from stufenweg.organisations.models import Organisation, Region
from stufenweg.programmes.models import Programme


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    JOB_CLUB = "job_club", _("Jobclub")
    JOB_CAFE = "job_cafe", _("JOBcafé")
    INFORMATION = "information", _("Informationsveranstaltung")
    APPLICANT_GROUP = "applicant_group", _("Bewerbergruppe")


class GroupEvent(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("findet statt")
        CANCELLED = "cancelled", _("abgesagt")

    kind = models.CharField(_("Art"), max_length=20, choices=EventKind.choices)
    # The source's key in the exchange format (group_events.csv ``code``); empty for an event made
    # in the web, which the export names ``GE-<id>`` (``interchange.groupwork_files``).
    code = models.CharField(_("Kennung im Austauschformat"), max_length=64, blank=True, default="")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("Veranstalter"), on_delete=models.PROTECT, related_name="group_events"
    )
    programmes = models.ManyToManyField(Programme, verbose_name=_("Programme"), related_name="group_events")
    region = models.ForeignKey(
        Region, verbose_name=_("Region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("Ort"), max_length=200)
    capacity = models.PositiveIntegerField(_("Plätze"))
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    cancel_reason = models.CharField(_("Grund der Absage"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt"), default=timezone.now)

    class Meta:
        verbose_name = _("Gruppenangebot")
        verbose_name_plural = _("Gruppenangebote")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="group_event_capacity_min_1"),
            models.CheckConstraint(
                condition=models.Q(status__in=["active", "cancelled"]), name="group_event_status_valid"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="group_event_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GroupSession(models.Model):
    event = models.ForeignKey(GroupEvent, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("Datum"))
    starts_at = models.TimeField(_("Beginn"))
    ends_at = models.TimeField(_("Ende"))

    class Meta:
        verbose_name = _("Termin des Gruppenangebots")
        verbose_name_plural = _("Termine der Gruppenangebote")
        ordering = ["date", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="group_session_times_ordered"
            ),
            models.UniqueConstraint(fields=["event", "date", "starts_at"], name="group_session_unique_start"),
        ]
        indexes = [models.Index(fields=["date"], name="group_session_date")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("gebucht")
        WAITING = "waiting", _("Warteliste")
        CANCELLED = "cancelled", _("storniert")

    event = models.ForeignKey(GroupEvent, on_delete=models.CASCADE, related_name="bookings")
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="group_bookings")
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices)
    waiting_position = models.PositiveIntegerField(_("Platz auf der Warteliste"), null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebucht von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    booked_at = models.DateTimeField(_("gebucht am"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("storniert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering = ["event", "booked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "participation"], name="booking_unique_participation"),
            models.CheckConstraint(
                condition=(
                    models.Q(status="waiting", waiting_position__gte=1)
                    | (~models.Q(status="waiting") & models.Q(waiting_position__isnull=True))
                ),
                name="booking_waiting_position_iff_waiting",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["booked", "waiting", "cancelled"]), name="booking_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Buchung {self.pk}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        ATTENDED = "attended", _("teilgenommen")
        EXCUSED = "excused", _("entschuldigt")
        ABSENT = "absent", _("unentschuldigt gefehlt")

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendances")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("Anwesenheit"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("erfasst am"), default=timezone.now)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["session", "booking"]
        constraints = [
            models.UniqueConstraint(fields=["session", "booking"], name="attendance_unique_session_booking"),
            models.CheckConstraint(
                condition=models.Q(status__in=["attended", "excused", "absent"]),
                name="attendance_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.session})"


class Notice(models.Model):
    """An in-app notice to one user (shown on the start page until dismissed): today only the
    cancellation of a group event to the caseworkers of its booked participants."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(GroupEvent, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField(_("Hinweis"), max_length=400)
    created_at = models.DateTimeField(_("erstellt am"), default=timezone.now)
    dismissed_at = models.DateTimeField(_("gelesen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hinweis")
        verbose_name_plural = _("Hinweise")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notice_unique_recipient_event"),
        ]
        indexes = [models.Index(fields=["recipient", "dismissed_at"], name="notice_recipient_open")]

    def __str__(self) -> str:
        return f"Hinweis {self.pk}"
