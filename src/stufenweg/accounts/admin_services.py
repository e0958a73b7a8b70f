"""Writes of the staff account administration (``/verwaltung/konten/``).

Who may do what is decided in ``accounts.authority`` and checked here (``PermissionDenied`` with a
German message), so that the pages, the command line and tests behave the same. Every change
writes an audit row naming who did it; no password, link or secret is ever written to the audit
trail or the log.

A new account has no usable password: the account page shows a one-time link with which the
person sets their password (``password_link_token``; valid ``PASSWORD_RESET_TIMEOUT``, void once
used, once the account signs in or is deactivated), then signs in and sets up the second factor
(the two-factor middleware insists). The same link resets a forgotten password.
"""

from __future__ import annotations

import re

from django.contrib.auth import password_validation
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from stufenweg.accounts.authority import (
    account_authority_of,
    manages_whole_account,
    sees_account,
)
from stufenweg.accounts.sessions import sessions_end
from stufenweg.api.models import ApiKey
from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership, Organisation, User

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]")
ACCOUNT_FIELDS = ["username", "first_name", "last_name", "email", "is_active"]
MEMBERSHIP_FIELDS = ["user_id", "organisation_id", "role"]
PURPOSE = "Kontenverwaltung"


class PasswordLinkTokens(PasswordResetTokenGenerator):
    """Tokens of the set-password link. Void once the password is set, the account signs in, or
    its active flag changes (a link issued before a deactivation does not work after it)."""

    key_salt = "stufenweg.accounts.PasswordLinkTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


password_link_tokens = PasswordLinkTokens()


# --- checks ---------------------------------------------------------------------------------------


def _require_manager(by) -> None:
    if by is not None and not account_authority_of(by).manages_accounts:
        raise PermissionDenied(
            _("Konten verwaltet die Regiestelle oder die Organisationsverwaltung Ihrer Organisation.")
        )


def require_not_self(account: User, by) -> None:
    if by is not None and by.pk == account.pk:
        raise PermissionDenied(
            _(
                "Ihr eigenes Konto ändern Sie hier nicht: Rollen, Deaktivierung und Zurücksetzen "
                "übernimmt eine andere Person mit Verwaltungsrecht."
            )
        )


def require_whole_account(account: User, by) -> None:
    _require_manager(by)
    if by is not None and not manages_whole_account(by, account):
        raise PermissionDenied(
            _(
                "Dieses Konto gehört auch zu einer Organisation, die Sie nicht verwalten. Änderungen "
                "am ganzen Konto nimmt die Regiestelle vor."
            )
        )


def _require_membership_authority(account: User, organisation_id: int, role: str | None, by) -> None:
    _require_manager(by)
    if by is None:
        return
    authority = account_authority_of(by)
    if not authority.administers(organisation_id) or not sees_account(by, account):
        raise PermissionDenied(
            _("Mitgliedschaften verwalten Sie nur in Organisationen, deren Verwaltung Sie sind.")
        )
    if role is not None and not authority.grants(role):
        raise PermissionDenied(
            _(
                "Die Rollen Datenschutzbeauftragte/r und Statistik reichen über eine Organisation "
                "hinaus; sie vergibt nur die Regiestelle."
            )
        )


def _account_snapshot(account: User) -> dict:
    return snapshot(account, ACCOUNT_FIELDS)


def _audit_account(*, by, account: User, action: str, summary: str, before=None, after=None) -> None:
    audit_write(
        actor=by,
        action=action,
        obj=account,
        summary=summary,
        before=before,
        after=after,
        purpose=PURPOSE,
    )


def _clean_name(value: str, field: str, label: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError({field: _("Bitte geben Sie %(label)s an.") % {"label": label}})
    if len(value) > 150:
        raise ValidationError({field: _("Höchstens 150 Zeichen.")})
    return value


def _clean_email(value: str) -> str:
    from django.core.validators import validate_email

    value = (value or "").strip().lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                {"email": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@traeger.de.")}
            ) from None
        if len(value) > 254:
            raise ValidationError({"email": _("Höchstens 254 Zeichen.")})
    return value


def _clean_role(role: str) -> str:
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unbekannte Rolle.")})
    return role


# --- accounts -------------------------------------------------------------------------------------


@transaction.atomic
def account_create(
    *,
    by: User | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    role: str,
) -> User:
    """A new active account with its first membership and no usable password (the person sets it
    with the link from ``password_link_token``)."""
    role = _clean_role(role)
    _require_membership_authority_new(organisation, role, by)
    username = (username or "").strip().lower()
    errors: dict[str, list[str]] = {}  # every field at once, not one per round
    if not USERNAME.fullmatch(username):
        errors["username"] = [
            _(
                "3 bis 64 Zeichen: Kleinbuchstaben, Ziffern, Punkt, Binde- oder Unterstrich; "
                "am Anfang und Ende ein Buchstabe oder eine Ziffer (z. B. k.weber.rb-bz)."
            )
        ]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("Diesen Benutzernamen gibt es schon.")]
    if not organisation.active:
        errors["organisation"] = [_("Die Organisation ist nicht mehr aktiv.")]
    cleaned = {}
    for field, clean in (
        ("first_name", lambda: _clean_name(first_name, "first_name", _("den Vornamen"))),
        ("last_name", lambda: _clean_name(last_name, "last_name", _("den Nachnamen"))),
        ("email", lambda: _clean_email(email)),
    ):
        try:
            cleaned[field] = clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    account = User(username=username, **cleaned, is_active=True)
    account.set_unusable_password()
    account.full_clean(exclude=["password"])
    account.save()
    membership = Membership.objects.create(user=account, organisation=organisation, role=role)
    _audit_account(
        by=by,
        account=account,
        action=AuditEntry.Action.CREATE,
        summary=f"Konto {account.username} angelegt",
        after=_account_snapshot(account),
    )
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=membership,
        summary=f"Mitgliedschaft {account.username} @ {organisation.code}: {membership.role}",
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        purpose=PURPOSE,
    )
    return account


def _require_membership_authority_new(organisation: Organisation, role: str, by) -> None:
    """For a new account: ``by`` administers ``organisation`` and may grant ``role``."""
    _require_manager(by)
    if by is None:
        return
    authority = account_authority_of(by)
    if not authority.administers(organisation.pk):
        raise PermissionDenied(_("Konten legen Sie nur für Organisationen an, deren Verwaltung Sie sind."))
    if not authority.grants(role):
        raise PermissionDenied(
            _(
                "Die Rollen Datenschutzbeauftragte/r und Statistik reichen über eine Organisation "
                "hinaus; sie vergibt nur die Regiestelle."
            )
        )


@transaction.atomic
def account_update(*, account: User, by: User | None, first_name: str, last_name: str, email: str) -> User:
    """Change name and e-mail (a manager of the whole account; one's own name too)."""
    if by is None or by.pk != account.pk:
        require_whole_account(account, by)
    account = User.objects.select_for_update().get(pk=account.pk)
    before = _account_snapshot(account)
    account.first_name = _clean_name(first_name, "first_name", _("den Vornamen"))
    account.last_name = _clean_name(last_name, "last_name", _("den Nachnamen"))
    account.email = _clean_email(email)
    after = _account_snapshot(account)
    if after == before:
        return account
    account.save(update_fields=["first_name", "last_name", "email"])
    _audit_account(
        by=by,
        account=account,
        action=AuditEntry.Action.UPDATE,
        summary=f"Konto {account.username}: Name oder E-Mail geändert",
        before=before,
        after=after,
    )
    return account


def api_keys_revoke_all(*, account: User, by: User | None, why: str) -> int:
    """Revoke every key of ``account`` that is not revoked yet (one audit row per key; inside the caller's transaction)."""
    now = timezone.now()
    keys = list(ApiKey.objects.select_for_update().filter(user=account, revoked_at__isnull=True))
    for key in keys:
        key.revoked_at = now
        key.save(update_fields=["revoked_at"])
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=key,
            summary=f"API-Schlüssel {key.display_prefix} widerrufen ({why})",
            after={"revoked_at": now},
            purpose=PURPOSE,
        )
    return len(keys)


@transaction.atomic
def account_deactivate(*, account: User, by: User | None) -> tuple[int, int]:
    """Deactivate ``account``: it can no longer sign in, its sessions end and its API keys are
    revoked (they stay revoked after a reactivation). Returns (sessions ended, keys revoked)."""
    require_not_self(account, by)
    require_whole_account(account, by)
    account = User.objects.select_for_update().get(pk=account.pk)
    if not account.is_active:
        raise ValidationError(_("Das Konto ist bereits deaktiviert."))
    before = _account_snapshot(account)
    account.is_active = False
    account.save(update_fields=["is_active"])
    keys = api_keys_revoke_all(account=account, by=by, why="Konto deaktiviert")
    ended = sessions_end(user=account)
    _audit_account(
        by=by,
        account=account,
        action=AuditEntry.Action.UPDATE,
        summary=f"Konto {account.username} deaktiviert ({ended} Sitzungen beendet, {keys} API-Schlüssel widerrufen)",
        before=before,
        after=_account_snapshot(account),
    )
    return ended, keys


@transaction.atomic
def account_reactivate(*, account: User, by: User | None) -> User:
    """Let ``account`` sign in again with its password and second factor (API keys stay revoked)."""
    require_not_self(account, by)
    require_whole_account(account, by)
    account = User.objects.select_for_update().get(pk=account.pk)
    if account.is_active:
        raise ValidationError(_("Das Konto ist bereits aktiv."))
    if not Membership.objects.filter(user=account).exists():
        raise ValidationError(
            _("Das Konto hat keine Mitgliedschaft. Legen Sie zuerst eine an, dann reaktivieren Sie es.")
        )
    before = _account_snapshot(account)
    account.is_active = True
    account.save(update_fields=["is_active"])
    _audit_account(
        by=by,
        account=account,
        action=AuditEntry.Action.UPDATE,
        summary=f"Konto {account.username} reaktiviert",
        before=before,
        after=_account_snapshot(account),
    )
    return account


def password_link_token(account: User) -> tuple[str, str]:
    """(uidb64, token) of the set-password link (not stored; shown once)."""
    return urlsafe_base64_encode(force_bytes(account.pk)), password_link_tokens.make_token(account)


@transaction.atomic
def account_password_link_issue(*, account: User, by: User | None) -> tuple[str, str]:
    """A new set-password link for ``account``. For an account that has a password, the old
    password stops working and its sessions end (an admin reset); earlier links become void."""
    require_not_self(account, by)
    require_whole_account(account, by)
    account = User.objects.select_for_update().get(pk=account.pk)
    if not account.is_active:
        raise ValidationError(_("Das Konto ist deaktiviert. Reaktivieren Sie es zuerst."))
    had_password = account.has_usable_password()
    account.set_unusable_password()
    account.save(update_fields=["password"])
    ended = sessions_end(user=account)
    _audit_account(
        by=by,
        account=account,
        action=AuditEntry.Action.UPDATE,
        summary=(
            f"Konto {account.username}: Link zum Festlegen des Passworts ausgegeben"
            + (f" (bisheriges Passwort ungültig, {ended} Sitzungen beendet)" if had_password else "")
        ),
    )
    return password_link_token(account)


@transaction.atomic
def account_password_set(*, account: User, password: str, by: User | None) -> User:
    """Set ``account``'s password (the person themself: the link or the change form). The
    password policy (``AUTH_PASSWORD_VALIDATORS``) is checked here; the password is never
    audited or logged."""
    if by is not None and by.pk != account.pk:
        raise PermissionDenied(_("Ein Passwort legt jede Person nur für sich selbst fest."))
    if not account.is_active:
        raise PermissionDenied(_("Das Konto ist deaktiviert."))
    try:
        password_validation.validate_password(password, account)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None
    account.set_password(password)
    account.save(update_fields=["password"])
    _audit_account(
        by=account,
        account=account,
        action=AuditEntry.Action.UPDATE,
        summary=f"Konto {account.username}: Passwort festgelegt",
    )
    return account


# --- memberships ----------------------------------------------------------------------------------


@transaction.atomic
def membership_add(*, account: User, by: User | None, organisation: Organisation, role: str) -> Membership:
    role = _clean_role(role)
    require_not_self(account, by)
    if by is not None and not account_authority_of(by).everything and not sees_account(by, account):
        raise PermissionDenied(
            _("Mitgliedschaften verwalten Sie nur in Organisationen, deren Verwaltung Sie sind.")
        )
    _require_membership_authority_new(organisation, role, by)
    if not organisation.active:
        raise ValidationError({"organisation": _("Die Organisation ist nicht mehr aktiv.")})
    if Membership.objects.filter(user=account, organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "Das Konto ist bereits Mitglied dieser Organisation. Ändern Sie dort die Rolle."
                )
            }
        )
    membership = Membership.objects.create(user=account, organisation=organisation, role=role)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=membership,
        summary=f"Mitgliedschaft {account.username} @ {organisation.code}: {role}",
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        purpose=PURPOSE,
    )
    return membership


@transaction.atomic
def membership_role_change(*, membership: Membership, by: User | None, role: str) -> Membership:
    role = _clean_role(role)
    membership = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    require_not_self(membership.user, by)
    _require_membership_authority(membership.user, membership.organisation_id, membership.role, by)
    _require_membership_authority(membership.user, membership.organisation_id, role, by)
    if membership.role == role:
        return membership
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.role = role
    membership.save(update_fields=["role"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=membership,
        summary=f"Mitgliedschaft {membership.user.username} @ {membership.organisation.code}: Rolle {role}",
        before=before,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        purpose=PURPOSE,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User | None) -> None:
    """Remove a membership. The last membership of an account is never removed: the account
    would stay and see nothing — deactivate it instead, or add the new membership first."""
    membership = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    account = membership.user
    require_not_self(account, by)
    _require_membership_authority(account, membership.organisation_id, membership.role, by)
    if not Membership.objects.filter(user=account).exclude(pk=membership.pk).exists():
        raise ValidationError(
            _(
                "Das ist die letzte Mitgliedschaft des Kontos; ohne sie sähe das Konto nichts mehr. "
                "Arbeitet die Person nicht mehr mit, deaktivieren Sie das Konto. Wechselt sie die "
                "Organisation, legen Sie zuerst die neue Mitgliedschaft an."
            )
        )
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    pk = membership.pk
    membership.delete()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        object_type="organisations.membership",
        object_id=str(pk),
        summary=f"Mitgliedschaft {account.username} @ {membership.organisation.code} entfernt",
        before=before,
        purpose=PURPOSE,
    )
