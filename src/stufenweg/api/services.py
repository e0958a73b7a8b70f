"""Writes of the API app itself: issuing tokens (with an audit row)."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User


@transaction.atomic
def api_token_issue(*, user: User, rotate: bool = False, by: User | None = None, purpose: str = "") -> Token:
    """The user's API token; created on first use, replaced when ``rotate`` is true."""
    if rotate:
        Token.objects.filter(user=user).delete()
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit_write(
            actor=by,
            action=AuditEntry.Action.CREATE,
            object_type="authtoken.token",
            object_id=str(user.pk),
            summary=f"API-Token für {user.username} {'erneuert' if rotate else 'angelegt'}",
            purpose=purpose,
        )
    return token
