"""What every app stands on: the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditError(Exception):
    pass


def object_type_label(object_type: str) -> str:
    from django.apps import apps

    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


class AuditEntry(models.Model):
    """One attributable act: a write (with before/after) or a read of personal data.

    Rows are only ever inserted. The model refuses updates and deletes; the database-level
    guard is added by the data-protection work.
    """

    class Action(models.TextChoices):
        CREATE = "create", "Angelegt"
        UPDATE = "update", "Geändert"
        EVENT = "event", "Ereignis erfasst"
        CORRECT = "correct", "Ereignis korrigiert"
        VOID = "void", "Ereignis zurückgenommen"
        READ = "read", "Gelesen"
        EXPORT = "export", "Exportiert"
        IMPORT = "import", "Importiert"
        LOGIN = "login", "Anmeldung"

    at = models.DateTimeField("Zeitpunkt", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Person (Mitarbeitende)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("Benutzername", max_length=150, blank=True)
    action = models.CharField("Aktion", max_length=16, choices=Action.choices)
    object_type = models.CharField("Objektart", max_length=64)
    object_id = models.CharField("Objekt-ID", max_length=64, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name="betroffene Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.CharField("Zweck", max_length=120, blank=True)
    summary = models.CharField("Beschreibung", max_length=255, blank=True)
    before = models.JSONField("vorher", null=True, blank=True)
    after = models.JSONField("nachher", null=True, blank=True)

    class Meta:
        verbose_name = "Protokolleintrag"
        verbose_name_plural = "Protokoll"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "at"], name="audit_person_at")]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditError("Protokolleinträge können nicht geändert werden.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditError("Protokolleinträge können nicht gelöscht werden.")

    @property
    def object_type_label(self) -> str:
        """The kind of record in German („Person“ for ``people.person``); a type that is no model
        (``stufenweg.demo``) as it is."""
        return object_type_label(self.object_type)
