"""Who may see what (DOMAIN.md §1), computed once per user and applied in selectors.

Coordination office: everything. Regional office: participations of its region. Provider and
mentoring project: participations with an enrolment in one of its measures. Jobcenter:
participations it referred. Data-protection officer: the audit trail only. Statistics role (at
any organisation, typically the coordination office): indicator reports only, no person. Anyone
else: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    region_ids: frozenset[int] = frozenset()
    provider_org_ids: frozenset[int] = frozenset()
    referrer_org_ids: frozenset[int] = frozenset()
    audit: bool = False
    staff: bool = False  # member of any organisation: may see programmes, measures, organisations
    statistics: bool = False  # aggregates (indicator reports) without any personal data
    organisation_ids: frozenset[int] = frozenset()

    @property
    def personal_data(self) -> bool:
        return self.everything or bool(self.region_ids or self.provider_org_ids or self.referrer_org_ids)


NO_SCOPE = Scope()


def scope_of(user, *, writing: bool = False) -> Scope:
    """The visibility scope of ``user``; cached on the user object for the request.

    With ``writing=True`` only memberships whose role may change data (``Membership.WRITING_ROLES``)
    count:
    the scope in which the user may act, not only read.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_SCOPE
    cache_name = "_stufenweg_write_scope" if writing else "_stufenweg_scope"
    cached = getattr(user, cache_name, None)
    if cached is not None:
        return cached
    from stufenweg.organisations.models import Membership, Organisation

    kinds = Organisation.Kind
    everything = audit = statistics = False
    regions: set[int] = set()
    providers: set[int] = set()
    referrers: set[int] = set()
    organisations: set[int] = set()
    memberships = Membership.objects.filter(user=user, organisation__active=True)
    if writing:
        memberships = memberships.filter(role__in=Membership.WRITING_ROLES)
    for org_id, kind, region_id, role in memberships.values_list(
        "organisation_id", "organisation__kind", "organisation__region_id", "role"
    ):
        organisations.add(org_id)
        if role == Membership.Role.DATA_PROTECTION:
            audit = True
            continue
        if role == Membership.Role.STATISTICS:
            # purpose-bound access (§ 67c SGB X): aggregates only, at any organisation kind
            statistics = True
            continue
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
        audit=audit,
        statistics=statistics or everything,
        staff=bool(organisations),
        organisation_ids=frozenset(organisations),
    )
    setattr(user, cache_name, scope)
    return scope
