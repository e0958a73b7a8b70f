"""What the importers of the optional exchange files share (group work, support, employers,
mentoring, costs)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def refusal_messages(exc: Exception) -> list[tuple[str | None, str]]:
    """(field or None, message) of each message of a service's refusal."""
    if isinstance(exc, PermissionDenied):
        return [(None, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))]
    assert isinstance(exc, ValidationError)
    if hasattr(exc, "error_dict"):
        return [(f, m) for f, messages in exc.message_dict.items() for m in messages]
    return [(None, m) for m in exc.messages]
