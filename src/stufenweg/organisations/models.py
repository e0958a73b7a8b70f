"""Organisations, regions, staff and their memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


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
