"""The four-eyes reset of a staff member's second factor (``/verwaltung/konten/<id>/``).

One account manager checks the person's identity and requests the reset; a *different* manager of
the account confirms within ``RESET_CONFIRM_HOURS``. Only the confirmation removes the devices and
recovery codes, ends the person's sessions and revokes their API keys; the person sets up the
second factor again at the next sign-in. The command line (``stufenweg reset_2fa``) resets at once
(``two_factor_remove`` with ``by=None``: whoever runs it holds the database already).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.accounts.admin_services import (
    PURPOSE,
    api_keys_revoke_all,
    require_not_self,
    require_whole_account,
)
from stufenweg.accounts.models import TwoFactorResetRequest
from stufenweg.accounts.sessions import sessions_end
from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User

RESET_CONFIRM_HOURS = 24


def _has_second_factor(account: User) -> bool:
    return (
        TOTPDevice.objects.filter(user=account, confirmed=True).exists()
        or StaticDevice.objects.filter(user=account).exists()
    )


def _expire_open(account: User, now: dt.datetime) -> None:
    TwoFactorResetRequest.objects.filter(
        user=account, status=TwoFactorResetRequest.Status.OPEN, expires_at__lte=now
    ).update(status=TwoFactorResetRequest.Status.EXPIRED)


def open_reset_request(account: User) -> TwoFactorResetRequest | None:
    """The open, unexpired reset request for ``account`` (read only)."""
    return (
        TwoFactorResetRequest.objects.filter(
            user=account, status=TwoFactorResetRequest.Status.OPEN, expires_at__gt=timezone.now()
        )
        .select_related("requested_by")
        .first()
    )


@transaction.atomic
def two_factor_reset_request(
    *, account: User, by: User, reason: str, identity_checked: bool
) -> TwoFactorResetRequest:
    """First step of the four-eyes reset: ``by`` has checked the person's identity and asks for
    the reset; nothing is removed until a different manager confirms."""
    if by is None:
        raise PermissionDenied(_("Das Zurücksetzen beantragt eine angemeldete Person."))
    require_not_self(account, by)
    require_whole_account(account, by)
    if reason not in TwoFactorResetRequest.Reason.values:
        raise ValidationError({"reason": _("Bitte wählen Sie einen Anlass.")})
    if not identity_checked:
        raise ValidationError(
            {
                "identity_checked": _(
                    "Bitte bestätigen Sie, dass Sie die Identität der Person geprüft haben "
                    "(persönlich oder per Rückruf unter einer bekannten Nummer)."
                )
            }
        )
    User.objects.select_for_update().get(pk=account.pk)  # one request at a time per account
    if not _has_second_factor(account):
        raise ValidationError(
            _("Das Konto hat keine Zwei-Faktor-Anmeldung eingerichtet; es gibt nichts zurückzusetzen.")
        )
    now = timezone.now()
    _expire_open(account, now)
    if TwoFactorResetRequest.objects.filter(user=account, status=TwoFactorResetRequest.Status.OPEN).exists():
        raise ValidationError(_("Für dieses Konto wartet bereits ein Antrag auf Bestätigung."))
    request = TwoFactorResetRequest(
        user=account,
        reason=reason,
        identity_checked=True,
        requested_by=by,
        requested_at=now,
        expires_at=now + dt.timedelta(hours=RESET_CONFIRM_HOURS),
    )
    request.full_clean()
    request.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=request,
        summary=f"Zurücksetzen der Zwei-Faktor-Anmeldung für {account.username} beantragt ({reason})",
        purpose=PURPOSE,
    )
    return request


def _locked_request(request: TwoFactorResetRequest) -> TwoFactorResetRequest:
    return TwoFactorResetRequest.objects.select_for_update().select_related("user").get(pk=request.pk)


@transaction.atomic
def two_factor_reset_confirm(*, request: TwoFactorResetRequest, by: User) -> TwoFactorResetRequest:
    """Second step: a different manager confirms within ``RESET_CONFIRM_HOURS``. Only now are the
    devices and recovery codes removed, the sessions ended and the API keys revoked; the person
    sets up the second factor again at the next sign-in."""
    if by is None:
        raise PermissionDenied(_("Das Zurücksetzen bestätigt eine angemeldete Person."))
    request = _locked_request(request)
    account = request.user
    require_not_self(account, by)
    require_whole_account(account, by)
    if by.pk == request.requested_by_id:
        raise PermissionDenied(
            _("Bestätigen muss eine zweite Person: Sie haben das Zurücksetzen selbst beantragt.")
        )
    now = timezone.now()
    if request.status != TwoFactorResetRequest.Status.OPEN:
        raise ValidationError(_("Dieser Antrag ist nicht mehr offen."))
    if request.expires_at <= now:
        request.status = TwoFactorResetRequest.Status.EXPIRED
        request.save(update_fields=["status"])
        raise ValidationError(
            _("Der Antrag ist abgelaufen (älter als %(hours)d Stunden). Bitte neu beantragen.")
            % {"hours": RESET_CONFIRM_HOURS}
        )
    request.status = TwoFactorResetRequest.Status.CONFIRMED
    request.decided_by = by
    request.decided_at = now
    request.full_clean()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    two_factor_remove(account=account, by=by, why="Zwei-Faktor zurückgesetzt")
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=request,
        summary=f"Zurücksetzen der Zwei-Faktor-Anmeldung für {account.username} bestätigt und ausgeführt",
        purpose=PURPOSE,
    )
    return request


@transaction.atomic
def two_factor_reset_cancel(*, request: TwoFactorResetRequest, by: User) -> TwoFactorResetRequest:
    """Withdraw an open request (the requester or another manager of the account)."""
    request = _locked_request(request)
    require_not_self(request.user, by)
    require_whole_account(request.user, by)
    if request.status != TwoFactorResetRequest.Status.OPEN:
        raise ValidationError(_("Dieser Antrag ist nicht mehr offen."))
    request.status = TwoFactorResetRequest.Status.CANCELLED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=request,
        summary=f"Antrag auf Zurücksetzen der Zwei-Faktor-Anmeldung für {request.user.username} verworfen",
        purpose=PURPOSE,
    )
    return request


def two_factor_remove(*, account: User, by: User | None, why: str) -> tuple[int, int]:
    """Remove the devices, end the sessions, revoke the API keys (inside the caller's
    transaction). Returns (sessions ended, keys revoked)."""
    TOTPDevice.objects.filter(user=account).delete()
    StaticDevice.objects.filter(user=account).delete()
    keys = api_keys_revoke_all(account=account, by=by, why=why)
    ended = sessions_end(user=account)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        object_type="accounts.two_factor",
        object_id=str(account.pk),
        summary=(
            f"Zwei-Faktor-Anmeldung zurückgesetzt ({ended} Sitzungen beendet, "
            f"{keys} API-Schlüssel widerrufen)"
        ),
        purpose=PURPOSE,
    )
    return ended, keys
