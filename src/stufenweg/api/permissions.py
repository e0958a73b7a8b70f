"""Who may write through the API.

Reading follows the selectors (``*_visible_to``). Writing needs the role ``caseworker`` or
``org_admin`` in an organisation that itself can see the object: the *write scope* is the
visibility scope computed from those memberships only, and the same selectors are applied to it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

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
