"""Organisations, regions, staff and their memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stufenweg.core.fields import EncryptedTextField
from stufenweg.organisations.codes import Sector


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
