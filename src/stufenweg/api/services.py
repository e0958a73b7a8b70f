"""Writes of the API app itself: issuing and revoking API keys (each with an audit row).

Who may issue a key is decided here, so that the account page and the command line behave the
same: a user issues keys for themself only, and only in a session verified with the second
factor (when ``STUFENWEG_REQUIRE_2FA`` is on); an administrator at the command line (``by=None``)
may issue a key for any active account.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stufenweg.accounts.middleware import require_2fa
from stufenweg.api.models import DEFAULT_DAYS, KEY_PREFIX, LAST_USED_EVERY, MAX_DAYS, ApiKey, key_hash
from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership, User

ALPHABET = string.ascii_letters + string.digits  # a double click selects the whole key
SECRET_LENGTH = 43  # 43 characters of 62: more than 256 random bits
AUDIT_FIELDS = ["user_id", "name", "prefix", "scope", "created_at", "expires_at", "revoked_at"]


@dataclass(frozen=True)
class IssuedKey:
    """A freshly issued key: ``key`` is the only copy of the secret; show it once, never store it."""

    api_key: ApiKey
    key: str


def _second_factor_verified(user: User) -> bool:
    return not require_2fa() or bool(getattr(user, "is_verified", lambda: False)())


def _check_issuer(*, user: User, by: User | None) -> None:
    if not user.is_active:
        raise ValidationError(_("Das Benutzerkonto ist deaktiviert."))
    if by is None:  # an administrator at the command line
        return
    if by.pk != user.pk:
        raise PermissionDenied(_("API-Schlüssel kann jede Person nur für sich selbst anlegen."))
    if not _second_factor_verified(by):
        raise PermissionDenied(
            _("API-Schlüssel können nur nach der Anmeldung mit dem zweiten Faktor angelegt werden.")
        )


def _validity(days: int) -> dt.timedelta:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("Die Gültigkeit muss zwischen 1 und %(max)d Tagen liegen.") % {"max": MAX_DAYS}}
        )
    return dt.timedelta(days=days)


def _secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _position in range(SECRET_LENGTH))


def _new_key(**fields) -> tuple[ApiKey, str]:
    """Save a key with a fresh unique prefix (a collision of the 8-hex prefix is retried)."""
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        key = f"{KEY_PREFIX}_{prefix}_{_secret()}"
        api_key = ApiKey(prefix=prefix, secret_hash=key_hash(key), **fields)
        api_key.full_clean()
        try:
            with transaction.atomic():
                api_key.save()
        except IntegrityError:
            continue
        return api_key, key
    raise RuntimeError("no free API key prefix")  # pragma: no cover - 2**32 prefixes


WRITE_REFUSED = gettext_noop(
    "Ihr Konto hat keine schreibende Rolle; ein Schlüssel kann daher nur lesen. Bitte wählen Sie „Nur lesen“."
)


def may_write_somewhere(user: User) -> bool:
    """``user`` holds a role that may change data (``Membership.WRITING_ROLES``) somewhere; a
    key to write is offered and issued to the owner only then (a read-only member's would fail on
    every write; the API refuses such writes whatever the key). An administrator at the command
    line (``by=None``) still issues any scope, e.g. ahead of a role change."""
    return Membership.objects.filter(user=user, role__in=Membership.WRITING_ROLES).exists()


@transaction.atomic
def api_key_issue(
    *,
    user: User,
    by: User | None,
    name: str,
    scope: str = ApiKey.Scope.READ,
    days: int = DEFAULT_DAYS,
    purpose: str = "",
) -> IssuedKey:
    """Issue a key for ``user``. ``by`` is the signed-in user (the owner, in a session verified
    with the second factor) or ``None`` for an administrator at the command line."""
    _check_issuer(user=user, by=by)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Bitte geben Sie eine Bezeichnung an.")})
    if scope not in ApiKey.Scope.values:
        raise ValidationError({"scope": _("Unbekannter Umfang.")})
    if scope == ApiKey.Scope.WRITE and by is not None and not may_write_somewhere(user):
        raise ValidationError({"scope": _(WRITE_REFUSED)})
    now = timezone.now()
    api_key, key = _new_key(
        user=user, name=name, scope=scope, created_at=now, expires_at=now + _validity(days)
    )
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=api_key,
        summary=f"API-Schlüssel {api_key.display_prefix} für {user.username} angelegt",
        after=_snapshot(api_key),
        purpose=purpose,
    )
    return IssuedKey(api_key=api_key, key=key)


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, by: User | None, purpose: str = "") -> ApiKey:
    """Revoke ``api_key`` at once. ``by`` is its owner or ``None`` (command line). Revoking a key
    that is already revoked changes nothing and writes no audit row."""
    if by is not None and by.pk != api_key.user_id:
        raise PermissionDenied(_("Sie können nur Ihre eigenen API-Schlüssel widerrufen."))
    api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if api_key.revoked_at is not None:
        return api_key
    before = _snapshot(api_key)
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=api_key,
        summary=f"API-Schlüssel {api_key.display_prefix} widerrufen",
        before=before,
        after=_snapshot(api_key),
        purpose=purpose,
    )
    return api_key


def api_key_mark_used(*, api_key: ApiKey, now: dt.datetime) -> None:
    """Note when ``api_key`` was last used, at most once every ``LAST_USED_EVERY`` (no write per
    request; bookkeeping, not audited)."""
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_EVERY:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now


def _snapshot(api_key: ApiKey) -> dict:
    return snapshot(api_key, AUDIT_FIELDS)
