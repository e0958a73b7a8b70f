"""Mentoring (DOMAIN.md: mentoring project, persona „mentor“): a mentor of a mentoring project
accompanies a mentee (one participation) from a start to an end, keeps a log of meetings, calls
and employer contacts, and after a placement into training or work supports the mentee for a set
number of months (after-placement support, „Nachbetreuung“). Who reads and writes:
``mentoring.authority``; writes: ``mentoring.services``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stufenweg.core.fields import EncryptedTextField

DEFAULT_SUPPORT_MONTHS = 6  # without a programme default of the project (``AftercareDefault``)
MIN_MONTHS, MAX_MONTHS = 1, 36  # the range of an after-placement support's months


class EntryKind(models.TextChoices):
    MEETING = "meeting", _("Treffen")
    PHONE = "phone", _("Telefonat")
    EMPLOYER = "employer", _("Arbeitgeberkontakt")
    OTHER = "other", _("Sonstiges")


class Mentorship(models.Model):
    """A mentor of a mentoring project assigned to a mentee (one participation)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="Mentorenprojekt",
        on_delete=models.PROTECT,
        related_name="+",
    )
    mentor = models.ForeignKey(
        "organisations.User", verbose_name="Mentor/in", on_delete=models.PROTECT, related_name="mentorships"
    )
    participation = models.ForeignKey(
        "journeys.Participation",
        verbose_name="Teilnahme",
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    started_on = models.DateField("Beginn")
    ended_on = models.DateField("Ende", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    FIELDS = ("organisation_id", "mentor_id", "participation_id", "started_on", "ended_on")

    class Meta:
        ordering = ("-started_on", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="mentorship_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Mentoring {self.pk}"


class MentoringEntry(models.Model):
    """One entry of the mentoring log. An employer contact links the employer's contact history
    (``organisations.EmployerContact``) instead of repeating it."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, related_name="entries")
    occurred_on = models.DateField("Datum")
    kind = models.CharField("Art", max_length=16, choices=EntryKind.choices)
    topic = models.CharField("Thema", max_length=200)
    notes = EncryptedTextField("Notiz", blank=True)
    employer_contact = models.OneToOneField(
        "organisations.EmployerContact",
        verbose_name="Arbeitgeberkontakt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentoring_entry",
    )
    staff = models.ForeignKey(
        "organisations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    corrected_at = models.DateTimeField("zuletzt geändert", null=True, blank=True)
    corrected_by = models.ForeignKey(
        "organisations.User",
        verbose_name="geändert von",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    FIELDS = ("mentorship_id", "occurred_on", "kind", "topic", "employer_contact_id")

    class Meta:
        ordering = ("-occurred_on", "-pk")

    def __str__(self) -> str:
        return f"Mentoring-Eintrag {self.pk}"


class MentoringEntryRevision(models.Model):
    """An earlier version of a log entry, kept when the entry is corrected (the history of the
    entry; the audit trail holds who changed what, without the notes)."""

    entry = models.ForeignKey(MentoringEntry, on_delete=models.CASCADE, related_name="revisions")
    occurred_on = models.DateField("Datum")
    kind = models.CharField("Art", max_length=16, choices=EntryKind.choices)
    topic = models.CharField("Thema", max_length=200)
    notes = EncryptedTextField("Notiz", blank=True)
    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="Arbeitgeber",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replaced_at = models.DateTimeField("ersetzt am", auto_now_add=True)
    replaced_by = models.ForeignKey(
        "organisations.User",
        verbose_name="ersetzt von",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ("-replaced_at", "-pk")

    def __str__(self) -> str:
        return f"Frühere Fassung {self.pk} von Mentoring-Eintrag {self.entry_id}"


class AftercareDefault(models.Model):
    """How many months of after-placement support a mentoring project gives by default in one
    programme (set by the project's lead or the coordination office; without a row:
    ``DEFAULT_SUPPORT_MONTHS``). A support started without a number of months takes it."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="Mentorenprojekt",
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="Programm", on_delete=models.PROTECT, related_name="+"
    )
    months = models.PositiveSmallIntegerField("Monate")
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        "organisations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    FIELDS = ("organisation_id", "programme_id", "months")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "programme"], name="aftercare_default_unique"),
            models.CheckConstraint(
                condition=models.Q(months__gte=MIN_MONTHS, months__lte=MAX_MONTHS),
                name="aftercare_default_months_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Nachbetreuung-Standard {self.pk}"


class AfterPlacementSupport(models.Model):
    """Support after a placement (an effective ``employment_start`` event) for ``months``
    months, until ``until``. Placements of kind ``vocational_training`` are training, the others
    work."""

    participation = models.ForeignKey(
        "journeys.Participation", on_delete=models.PROTECT, related_name="after_placement_support"
    )
    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, related_name="after_placement")
    placement = models.OneToOneField(
        "journeys.JourneyEvent", verbose_name="Vermittlung", on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField("Beginn")
    months = models.PositiveSmallIntegerField("Monate", default=DEFAULT_SUPPORT_MONTHS)
    until = models.DateField("bis")
    created_at = models.DateTimeField(auto_now_add=True)

    FIELDS = ("participation_id", "mentorship_id", "placement_id", "started_on", "months", "until")

    class Meta:
        ordering = ("-started_on", "-pk")

    def __str__(self) -> str:
        return f"Nachbetreuung {self.pk}"

    @property
    def into_training(self) -> bool:
        return self.placement.employment_kind == "vocational_training"
