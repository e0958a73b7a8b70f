"""Writes reserved to the coordination office's acting members.

Some writes concern every organisation at once: the exchange-format import (organisations,
measures, persons and journeys of all regions) and the targets (Soll) of the reports. They belong
to the coordination office and, like every write, need a writing role there
(``Membership.WRITING_ROLES``: ``caseworker``, ``org_admin``). A read-only member of the
coordination office sees everything and changes nothing; the statistics role and the
data-protection officer see no persons at all (``scope_of``).

Checked in the services, so that the web, the API and the command line behave the same; the views
check it too, to answer with a page instead of an error.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stufenweg.core.visibility import scope_of


def writes_for_coordination(user) -> bool:
    """``user`` holds a writing role in an (active) coordination office."""
    return scope_of(user, writing=True).everything


def require_coordination_writer(by, *, message: str) -> None:
    """Refuse a service call by ``by`` with ``PermissionDenied(message)`` unless ``by`` writes for
    the coordination office. ``by=None`` is the system itself (the command line without
    ``--user``, the demo loader): whoever runs it holds the database already."""
    if by is not None and not writes_for_coordination(by):
        raise PermissionDenied(message)
