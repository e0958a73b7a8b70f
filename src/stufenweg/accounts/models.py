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


class TwoFactorResetRequest(models.Model):
    """A request to remove a staff member's second factor, confirmed by a second person.

    One account manager requests the reset (after checking the person's identity), a *different*
    one confirms it within ``accounts.reset_services.RESET_CONFIRM_HOURS``; only the confirmation
    removes the devices (see ``reset_services.two_factor_reset_confirm``). At most one open request
    per account.
    """

    class Reason(models.TextChoices):
        LOST_DEVICE = "lost_device", "Gerät verloren oder defekt"
        NEW_DEVICE = "new_device", "Neues Gerät"
        COMPROMISED = "compromised", "Verdacht auf Missbrauch"
        OTHER = "other", "Anderer Grund"

    class Status(models.TextChoices):
        OPEN = "open", "wartet auf Bestätigung"
        CONFIRMED = "confirmed", "bestätigt und ausgeführt"
        CANCELLED = "cancelled", "verworfen"
        EXPIRED = "expired", "abgelaufen"

    user = models.ForeignKey(
        "organisations.User",
        verbose_name="Konto",
        on_delete=models.CASCADE,
        related_name="two_factor_reset_requests",
    )
    reason = models.CharField("Anlass", max_length=16, choices=Reason.choices)
    identity_checked = models.BooleanField("Identität geprüft", default=False)
    requested_by = models.ForeignKey(
        "organisations.User", verbose_name="beantragt von", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("beantragt am")
    expires_at = models.DateTimeField("zu bestätigen bis")
    status = models.CharField("Stand", max_length=16, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        "organisations.User",
        verbose_name="entschieden von",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField("entschieden am", null=True, blank=True)

    class Meta:
        verbose_name = "Zurücksetzen der Zwei-Faktor-Anmeldung"
        verbose_name_plural = "Zurücksetzen der Zwei-Faktor-Anmeldung"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="open"), name="twofactorreset_one_open_per_user"
            ),
            models.CheckConstraint(
                condition=~models.Q(requested_by=models.F("user")), name="twofactorreset_not_own_account"
            ),
            models.CheckConstraint(
                condition=models.Q(identity_checked=True), name="twofactorreset_identity_checked"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed")
                | (
                    models.Q(decided_by__isnull=False)
                    & ~models.Q(decided_by=models.F("requested_by"))
                    & ~models.Q(decided_by=models.F("user"))
                ),
                name="twofactorreset_confirmed_by_second_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "confirmed", "cancelled", "expired"]),
                name="twofactorreset_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("requested_at")),
                name="twofactorreset_expires_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"2FA-Reset #{self.pk} ({self.get_status_display()})"
