"""Who may write through the API.

Reading follows the selectors (``*_visible_to``). Writing needs the role ``caseworker`` or
``org_admin`` in an organisation that itself can see the object: the *write scope* is the
visibility scope computed from those memberships only, and the same selectors are applied to it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from stufenweg.api.models import ApiKey
from stufenweg.core.visibility import Scope, scope_of


def write_scope(user) -> Scope:
    """The visibility scope of ``user``'s memberships with a writing role (cached per request)."""
    return scope_of(user, writing=True)


class CanWrite(BasePermission):
    """Reads for every authenticated user (the selectors filter); writes need a writing role."""

    message = _("Ihre Rolle erlaubt keine Änderungen über die API.")

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return write_scope(request.user).staff


class KeyScopeAllows(BasePermission):
    """A read-scoped API key may only read: unsafe methods are refused (403) before any view code
    runs. Session requests and write-scoped keys pass (their role decides, ``CanWrite``)."""

    message = _(
        "Dieser API-Schlüssel darf nur lesen. Für Änderungen brauchen Sie einen Schlüssel mit Schreibrecht."
    )

    def has_permission(self, request, view) -> bool:
        api_key = getattr(request, "auth", None)
        if isinstance(api_key, ApiKey) and request.method not in SAFE_METHODS:
            return api_key.allows_writing
        return True
