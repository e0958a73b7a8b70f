"""API keys: a user's credentials for the REST API, stored as a hash only.

A key reads ``sw_<prefix>_<secret>``. The prefix is public (it names the key in lists and the
audit trail); the database keeps the SHA-256 of the whole key, never the key itself, so a
stolen database or backup gives no working key. Every key has a scope (read, or read and write),
expires (at most ``MAX_DAYS`` after its creation) and can be revoked.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

KEY_PREFIX = "sw"
DEFAULT_DAYS = 90
MAX_DAYS = 365
LAST_USED_EVERY = dt.timedelta(minutes=5)  # last_used_at is written at most this often per key


def key_hash(key: str) -> str:
    """The stored form of a key (hex SHA-256; the secret part carries 256 random bits)."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKey(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Nur lesen"
        WRITE = "write", "Lesen und schreiben"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Benutzerkonto",
        on_delete=models.CASCADE,
        related_name="api_keys",
    )
    name = models.CharField("Bezeichnung", max_length=100)
    prefix = models.CharField("Kennung", max_length=16, unique=True)
    secret_hash = models.CharField("Prüfwert (SHA-256)", max_length=64)
    scope = models.CharField("Umfang", max_length=8, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField("Angelegt am", default=timezone.now)
    expires_at = models.DateTimeField("Gültig bis")
    last_used_at = models.DateTimeField("Zuletzt benutzt", null=True, blank=True)
    revoked_at = models.DateTimeField("Widerrufen am", null=True, blank=True)

    class Meta:
        verbose_name = "API-Schlüssel"
        verbose_name_plural = "API-Schlüssel"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="apikey_expires_after_created"
            ),
            models.CheckConstraint(condition=Q(scope__in=["read", "write"]), name="apikey_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{KEY_PREFIX}_{self.prefix}… ({self.name})"

    @property
    def display_prefix(self) -> str:
        return f"{KEY_PREFIX}_{self.prefix}"

    @property
    def allows_writing(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired()

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired() else "active"
