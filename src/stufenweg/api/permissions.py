"""Who may write through the API.

Reading follows the selectors (``*_visible_to``). Writing needs the role ``caseworker`` or
``org_admin`` in an organisation that itself can see the object: the *write scope* is the
visibility scope computed from those memberships only, and the same selectors are applied to it.
"""

from __future__ import annotations

import copy

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from stufenweg.core.visibility import NO_SCOPE, Scope
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations.models import Membership, Organisation

WRITING_ROLES = (Membership.Role.CASEWORKER, Membership.Role.ORG_ADMIN)


def write_scope(user) -> Scope:
    """The visibility scope of ``user``'s memberships with a writing role (cached per request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_SCOPE
    cached = getattr(user, "_stufenweg_write_scope", None)
    if cached is not None:
        return cached
    kinds = Organisation.Kind
    everything = False
    regions: set[int] = set()
    providers: set[int] = set()
    referrers: set[int] = set()
    organisations: set[int] = set()
    for org_id, kind, region_id in Membership.objects.filter(
        user=user, organisation__active=True, role__in=WRITING_ROLES
    ).values_list("organisation_id", "organisation__kind", "organisation__region_id"):
        organisations.add(org_id)
        if kind == kinds.COORDINATION_OFFICE:
            everything = True
        elif kind == kinds.REGIONAL_OFFICE and region_id:
            regions.add(region_id)
        elif kind in (kinds.PROVIDER, kinds.MENTORING_PROJECT):
            providers.add(org_id)
        elif kind == kinds.JOBCENTER:
            referrers.add(org_id)
    scope = Scope(
        everything=everything,
        region_ids=frozenset(regions),
        provider_org_ids=frozenset(providers),
        referrer_org_ids=frozenset(referrers),
        staff=bool(organisations),
        organisation_ids=frozenset(organisations),
    )
    user._stufenweg_write_scope = scope
    return scope


def as_writer(user):
    """A copy of ``user`` whose visibility scope is its write scope, for the selectors."""
    writer = copy.copy(user)
    writer._stufenweg_scope = write_scope(user)
    return writer


def participations_writable_by(user) -> QuerySet[Participation]:
    return participations_visible_to(as_writer(user))


class CanWrite(BasePermission):
    """Reads for every authenticated user (the selectors filter); writes need a writing role."""

    message = _("Ihre Rolle erlaubt keine Änderungen über die API.")

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return write_scope(request.user).staff
