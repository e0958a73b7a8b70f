"""Organisations, regions, staff and their memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.core.fields import EncryptedTextField
from stufenweg.organisations.codes import ContactKind, ContactTopic, Sector, VacancyStatus
from stufenweg.organisations.kldb import label as kldb_label
from stufenweg.organisations.kldb import validate_kldb


class Region(models.Model):
    code = models.CharField("Kürzel", max_length=32, unique=True)
    name = models.CharField("Name", max_length=200)

    class Meta:
        verbose_name = "Region"
        verbose_name_plural = "Regionen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        JOBCENTER = "jobcenter", "Jobcenter"
        COORDINATION_OFFICE = "coordination_office", "Regiestelle"
        REGIONAL_OFFICE = "regional_office", "Regionalbüro"
        PROVIDER = "provider", "Bildungsträger"
        MENTORING_PROJECT = "mentoring_project", "Arbeitsmarktmentoren-Projekt"
        EMPLOYER = "employer", "Arbeitgeber"

    code = models.CharField("Kürzel", max_length=64, unique=True)
    name = models.CharField("Name", max_length=255)
    kind = models.CharField("Art", max_length=32, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name="Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    active = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "Organisation"
        verbose_name_plural = "Organisationen"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["regional_office"], region__isnull=False)
                | ~models.Q(kind="regional_office"),
                name="regional_office_has_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Memberships say for which organisations and in which role."""

    class Meta:
        verbose_name = "Mitarbeiter/in"
        verbose_name_plural = "Mitarbeitende"

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.username


class Membership(models.Model):
    class Role(models.TextChoices):
        READ_ONLY = "read_only", "Lesend"
        CASEWORKER = "caseworker", "Fallbearbeitung"
        ORG_ADMIN = "org_admin", "Organisationsverwaltung"
        DATA_PROTECTION = "dpo", "Datenschutzbeauftragte/r"
        STATISTICS = "statistics", "Statistik (nur Kennzahlen, keine Personen)"

    WRITING_ROLES = (Role.CASEWORKER, Role.ORG_ADMIN)  # roles that may change data

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("Rolle", max_length=16, choices=Role.choices, default=Role.CASEWORKER)

    class Meta:
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"


class EmployerProfile(models.Model):
    """The details of an employer (an ``Organisation`` of kind ``employer``): sector, address and
    one contact person. The organisation row stays what journey events and the exchange format
    refer to (``organisations.csv``: code, name, kind, region); the profile adds what the web
    shows and edits. The contact person's name, phone and e-mail are personal data: stored
    encrypted and never written into the audit trail."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name="Arbeitgeber",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="employer_profile",
    )
    sector = models.CharField("Branche (WZ 2008)", max_length=1, choices=Sector.choices, blank=True)
    street = models.CharField("Straße und Hausnummer", max_length=200, blank=True)
    postcode = models.CharField(
        "Postleitzahl",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Die Postleitzahl hat fünf Ziffern."))],
    )
    town = models.CharField("Ort", max_length=100, blank=True)
    contact_name = EncryptedTextField("Ansprechperson", blank=True)
    contact_phone = EncryptedTextField("Telefon der Ansprechperson", blank=True)
    contact_email = EncryptedTextField("E-Mail der Ansprechperson", blank=True)

    PERSONAL_FIELDS = ("contact_name", "contact_phone", "contact_email")

    class Meta:
        verbose_name = "Arbeitgeberangaben"
        verbose_name_plural = "Arbeitgeberangaben"

    def __str__(self) -> str:
        return str(self.organisation)


class EmployerContact(models.Model):
    """One contact of a staff member with an employer (the employer's contact history). The notes
    may name people (the employer's staff, a participant): stored encrypted, never in the audit
    trail. A contact may concern one participation: only its id is stored, and it is shown only to
    those who see that participation (``organisations.employers``)."""

    employer = models.ForeignKey(
        Organisation,
        verbose_name="Arbeitgeber",
        on_delete=models.PROTECT,
        related_name="employer_contacts",
        limit_choices_to={"kind": "employer"},
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="erfassende Stelle",
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="Programm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    participation = models.ForeignKey(
        "journeys.Participation",
        verbose_name="Teilnahme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employer_contacts",
    )
    occurred_on = models.DateField("Datum")
    kind = models.CharField("Art", max_length=16, choices=ContactKind.choices)
    topic = models.CharField("Thema", max_length=16, choices=ContactTopic.choices)
    notes = EncryptedTextField("Notiz", blank=True)
    staff = models.ForeignKey(
        User,
        verbose_name="Mitarbeiter/in",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("erfasst am", default=timezone.now)
    # The source's key in the exchange format (employer_contacts.csv ``code``); empty for a contact
    # recorded here, which the export names ``AK-<id>`` (``interchange.employer_files``).
    code = models.CharField("Kennung im Austauschformat", max_length=64, blank=True, default="")

    class Meta:
        verbose_name = "Arbeitgeberkontakt"
        verbose_name_plural = "Arbeitgeberkontakte"
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["employer", "occurred_on"], name="empcontact_employer_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} am {self.occurred_on:%d.%m.%Y}"


class Vacancy(models.Model):
    """An open position at an employer (Stelle / Ausbildungs- oder Praktikumsplatz): the occupation
    as a KldB 2010 code (``organisations.kldb``), weekly hours, start, places and status. No
    personal data."""

    employer = models.ForeignKey(
        Organisation,
        verbose_name="Arbeitgeber",
        on_delete=models.PROTECT,
        related_name="vacancies",
        limit_choices_to={"kind": "employer"},
    )
    title = models.CharField("Bezeichnung", max_length=200)
    occupation = models.CharField("Beruf (KldB 2010)", max_length=5, validators=[validate_kldb])
    hours = models.DecimalField(
        "Wochenstunden",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    starts_on = models.DateField("Beginn", null=True, blank=True)
    places = models.PositiveSmallIntegerField("Plätze", default=1, validators=[MinValueValidator(1)])
    status = models.CharField(
        "Status", max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    published_on = models.DateField("gemeldet am", default=timezone.localdate)
    closed_on = models.DateField("besetzt oder zurückgezogen am", null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name="erfassende Stelle", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        User, verbose_name="erfasst von", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("geändert am", default=timezone.now)
    # The source's key in the exchange format (vacancies.csv ``code``); empty for a vacancy
    # recorded here, which the export names ``ST-<id>`` (``interchange.employer_files``).
    code = models.CharField("Kennung im Austauschformat", max_length=64, blank=True, default="")

    FIELDS = ("title", "occupation", "hours", "starts_on", "places", "status", "published_on", "closed_on")

    class Meta:
        verbose_name = "Stelle"
        verbose_name_plural = "Stellen"
        ordering = ["status", "-published_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="vacancy_places_positive"),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gte=1, hours__lte=60),
                name="vacancy_hours_range",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("published_on")),
                name="vacancy_closed_after_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def occupation_label(self) -> str:
        return kldb_label(self.occupation)
