"""Who may act (not only read) in casework.

Visibility (what a user may see) comes from ``core.visibility.scope_of`` through the selectors.
On top of it, a user acts only through a membership with the role ``caseworker`` or
``org_admin``; users whose memberships are all ``read_only`` see the pages without forms, and a
POST from them is refused with 403. Journey actions are further limited to the organisation
kinds that perform them (DOMAIN.md §1: the Jobcenter refers, the regional office assesses, …).
"""

from __future__ import annotations

from stufenweg.organisations.models import Membership, Organisation

ACTING_ROLES = (Membership.Role.CASEWORKER, Membership.Role.ORG_ADMIN)
K = Organisation.Kind

# organisation kinds per group of actions
COORDINATING = frozenset({K.COORDINATION_OFFICE, K.REGIONAL_OFFICE})
DELIVERING = frozenset({K.COORDINATION_OFFICE, K.REGIONAL_OFFICE, K.PROVIDER, K.MENTORING_PROJECT})
REFERRING = frozenset({K.JOBCENTER, K.COORDINATION_OFFICE, K.REGIONAL_OFFICE})


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
    return bool(acting_kinds(user) & kinds)


def acting_organisations(user, kinds: frozenset[str]) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=ACTING_ROLES, active=True, kind__in=kinds
        ).order_by("name")
    )
