"""Login throttling state: failures per username and per client address, stored as keyed hashes."""

from __future__ import annotations

from django.db import models


class LoginThrottle(models.Model):
    """Failed attempts within the current window for one key (a user name or a client address).

    ``key`` is a keyed hash, so neither user names nor IP addresses are stored in clear.
    """

    key = models.CharField("Schlüssel", max_length=64, unique=True)
    failures = models.PositiveIntegerField("Fehlversuche", default=0)
    window_start = models.DateTimeField("Beginn des Zeitfensters")
    locked_until = models.DateTimeField("gesperrt bis", null=True, blank=True)

    class Meta:
        verbose_name = "Anmeldesperre"
        verbose_name_plural = "Anmeldesperren"

    def __str__(self) -> str:
        return f"{self.key[:8]}… ({self.failures})"
