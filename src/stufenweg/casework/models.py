"""Casework around the journey: support plans, contacts, appointments, needs assessments,
the name-search index and saved list filters.

Everything hangs off a ``Participation`` (person × programme) and is read through
``journeys.selectors.participations_visible_to``. Free-text notes are encrypted at rest.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.search import KEY_LENGTH
from stufenweg.core.fields import EncryptedTextField
from stufenweg.journeys.models import Participation
from stufenweg.people.models import Person


class KeyArea(models.TextChoices):
    """Key areas of the 4-phase model (Schlüsselbereiche des 4-Phasen-Modells)."""

    QUALIFICATION = "qualification", _("Qualifikation")
    CAPABILITY = "capability", _("Leistungsfähigkeit")
    MOTIVATION = "motivation", _("Motivation")
    FRAMEWORK = "framework", _("Rahmenbedingungen")


class ContactKind(models.TextChoices):
    INITIAL_INTERVIEW = "initial_interview", _("Erstgespräch")
    PROFILING = "profiling", _("Profiling")
    QUARTERLY_REVIEW = "quarterly_review", _("Quartalsgespräch")
    DEVELOPMENT_REPORT = "development_report", _("Entwicklungsbericht")
    FINAL_INTERVIEW = "final_interview", _("Abschlussgespräch")
    PHONE = "phone", _("Telefonat")
    HOME_VISIT = "home_visit", _("Hausbesuch")


class PersonSearch(models.Model):
    """Normalised search text per person ("nachname vorname person_id") and the German sort keys
    of the name (folded last and first name, DIN 5007-1), all written by
    ``services.search_index_update`` from ``search.search_values``.

    The link has no accessor on ``Person`` (``related_name="+"``, so the privacy graph does not
    walk it; the erasure rewrites the row itself), only a query name for ordering
    (``person__search__last_key``)."""

    person = models.OneToOneField(
        Person,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        related_query_name="search",
    )
    text = models.CharField("Suchtext", max_length=400)
    last_key = models.CharField("Sortierschlüssel Nachname", max_length=KEY_LENGTH)
    first_key = models.CharField("Sortierschlüssel Vorname", max_length=KEY_LENGTH)

    class Meta:
        verbose_name = "Suchindex (Person)"
        verbose_name_plural = "Suchindex (Personen)"
        indexes = [models.Index(fields=["last_key", "first_key"], name="personsearch_name_key")]

    def __str__(self) -> str:
        return f"Suchindex {self.person_id}"


class SupportPlan(models.Model):
    """The support plan (Förderplan) of a participation: goals with actions."""

    participation = models.OneToOneField(Participation, on_delete=models.CASCADE, related_name="support_plan")
    created_on = models.DateField("erstellt am")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Förderplan"
        verbose_name_plural = "Förderpläne"

    def __str__(self) -> str:
        return f"Förderplan {self.participation_id}"


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        REACHED = "reached", _("erreicht")
        DROPPED = "dropped", _("aufgegeben")

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField("Ziel", max_length=200)
    key_area = models.CharField("Schlüsselbereich", max_length=16, choices=KeyArea.choices)
    due_on = models.DateField("Zieldatum", null=True, blank=True)
    status = models.CharField("Stand", max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField("angelegt", default=timezone.now)

    class Meta:
        verbose_name = "Ziel"
        verbose_name_plural = "Ziele"
        ordering = ["plan", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class PlanAction(models.Model):
    """An action in the support plan (Maßnahme im Förderplan), with responsibility and progress."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField("Schritt", max_length=300)
    responsible = models.CharField(
        "verantwortlich", max_length=120, help_text="z. B. Teilnehmende/r, Fallverantwortliche/r, Träger"
    )
    due_on = models.DateField("fällig am", null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        "Fortschritt (%)", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    done_on = models.DateField("erledigt am", null=True, blank=True)

    class Meta:
        verbose_name = "Schritt im Förderplan"
        verbose_name_plural = "Schritte im Förderplan"
        ordering = ["goal", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="plan_action_progress_max_100"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Contact(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField("Art", max_length=20, choices=ContactKind.choices)
    occurred_on = models.DateField("Datum")
    notes = EncryptedTextField("Notiz", blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Mitarbeiter/in",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)

    class Meta:
        verbose_name = "Kontakt"
        verbose_name_plural = "Kontakte"
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["participation", "occurred_on"], name="contact_part_date"),
            models.Index(fields=["participation", "kind", "occurred_on"], name="contact_part_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} am {self.occurred_on:%d.%m.%Y}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        DONE = "done", _("wahrgenommen")
        MISSED = "missed", _("nicht wahrgenommen")
        CANCELLED = "cancelled", _("abgesagt")

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField("Termin")
    kind = models.CharField("Anlass", max_length=20, choices=ContactKind.choices)
    place = models.CharField("Ort", max_length=120, blank=True)
    status = models.CharField("Stand", max_length=10, choices=Status.choices, default=Status.PLANNED)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Mitarbeiter/in",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Termin"
        verbose_name_plural = "Termine"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["participation", "starts_at"], name="appointment_part_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d.%m.%Y %H:%M}"


class NeedsAssessment(models.Model):
    """A rating of one key area on one day. The history is the rows over time."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="needs_assessments"
    )
    key_area = models.CharField("Schlüsselbereich", max_length=16, choices=KeyArea.choices)
    assessed_on = models.DateField("eingeschätzt am")
    rating = models.PositiveSmallIntegerField(
        "Einschätzung (1 = großer Förderbedarf … 5 = kein Förderbedarf)",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    notes = EncryptedTextField("Notiz", blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Bedarfseinschätzung"
        verbose_name_plural = "Bedarfseinschätzungen"
        ordering = ["key_area", "-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="needs_assessment_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_area_display()}: {self.rating}"


class SavedFilter(models.Model):
    """A named set of list filters of one user (ids and codes only, never the search term)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("Name", max_length=80)
    query = models.CharField("Filter", max_length=500)

    class Meta:
        verbose_name = "gespeicherter Filter"
        verbose_name_plural = "gespeicherte Filter"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
