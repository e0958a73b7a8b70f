"""Who may act (not only read) in casework.

Visibility (what a user may see) comes from ``core.visibility.scope_of`` through the selectors.
A user acts on a participation only through a membership with a writing role (``caseworker``,
``org_admin``: ``Membership.WRITING_ROLES``) in an organisation that itself sees the
participation, and only for actions that organisation's kind performs (DOMAIN.md §1: the Jobcenter
refers, the regional office assesses, …): the *acting scope* (``acting_scope``) is the write scope
(``scope_of(user, writing=True)``) restricted to the organisation kinds of the action. Being a
caseworker somewhere does not make a read-only membership elsewhere writable. A participation
that is visible but outside the acting scope is refused with 403; one outside the read scope is a
404, as for reading.

The organisation kinds per journey event, and the groups COORDINATING, DELIVERING and REFERRING,
are declared once in ``journeys.authority``; the journey services enforce them for every writer
(web, API), and the casework actions take their kinds from there.
"""

from __future__ import annotations

from stufenweg.core.visibility import Scope
from stufenweg.journeys.authority import COORDINATING, DELIVERING, REFERRING, acting_scope_for
from stufenweg.organisations.models import Membership, Organisation
from stufenweg.organisations.ordering import name_key

__all__ = [
    "ACTING_ROLES",
    "COORDINATING",
    "DELIVERING",
    "REFERRING",
    "acting_kinds",
    "acting_organisations",
    "acting_scope",
    "can_act",
]

ACTING_ROLES = Membership.WRITING_ROLES


def acting_scope(user, kinds: frozenset[str] = DELIVERING) -> Scope:
    """The participations ``user`` may act on with an action of ``kinds`` (as a ``Scope``):
    those seen through a writing membership in an organisation of one of ``kinds``. Cached per
    request on the user object, like ``scope_of``."""
    cache = getattr(user, "_casework_acting_scopes", None)
    if cache is None:
        cache = {}
        if user is not None:
            user._casework_acting_scopes = cache
    if kinds not in cache:
        cache[kinds] = acting_scope_for(user, kinds)
    return cache[kinds]


def acting_kinds(user) -> frozenset[str]:
    """Organisation kinds in which ``user`` holds an acting role (cached per request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_casework_acting_kinds", None)
    if cached is not None:
        return cached
    kinds = frozenset(
        Membership.objects.filter(user=user, role__in=ACTING_ROLES, organisation__active=True).values_list(
            "organisation__kind", flat=True
        )
    )
    user._casework_acting_kinds = kinds
    return kinds


def can_act(user, kinds: frozenset[str] = DELIVERING) -> bool:
    """``user`` acts in some organisation of ``kinds``: for pages that are not about one
    participation (the referral of a new person). For an existing participation use
    ``casework.selectors.may_act_on``."""
    return bool(acting_kinds(user) & kinds)


def acting_organisations(user, kinds: frozenset[str]) -> list[Organisation]:
    return sorted(
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=ACTING_ROLES, active=True, kind__in=kinds
        ),
        key=name_key,
    )
