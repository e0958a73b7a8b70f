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
    the scope in which the user may act, not only read. Both scopes come from one query of the
    memberships and are cached together (a page that reads and then decides whether to show write
    controls asks once).
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_SCOPE
    cache_name = "_stufenweg_write_scope" if writing else "_stufenweg_scope"
    cached = getattr(user, cache_name, None)
    if cached is not None:
        return cached
    from stufenweg.organisations.models import Membership

    rows = list(
        Membership.objects.filter(user=user, organisation__active=True).values_list(
            "organisation_id", "organisation__kind", "organisation__region_id", "role"
        )
    )
    user._stufenweg_scope = _scope_from(rows)
    user._stufenweg_write_scope = _scope_from([row for row in rows if row[3] in Membership.WRITING_ROLES])
    return getattr(user, cache_name)


def _scope_from(memberships) -> Scope:
    """The scope given by ``memberships``: (organisation id, kind, region id, role) rows."""
    from stufenweg.organisations.models import Membership, Organisation

    kinds = Organisation.Kind
    everything = audit = statistics = False
    regions: set[int] = set()
    providers: set[int] = set()
    referrers: set[int] = set()
    organisations: set[int] = set()
    for org_id, kind, region_id, role in memberships:
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
    return Scope(
        everything=everything,
        region_ids=frozenset(regions),
        provider_org_ids=frozenset(providers),
        referrer_org_ids=frozenset(referrers),
        audit=audit,
        statistics=statistics or everything,
        staff=bool(organisations),
        organisation_ids=frozenset(organisations),
    )


def scope_through_kinds(scope: Scope, kinds: frozenset[str]) -> Scope:
    """The part of ``scope`` that comes from memberships in organisations of ``kinds``.

    ``scope_of`` maps organisation kinds to parts of the scope: coordination office →
    ``everything``, regional office → ``region_ids``, provider and mentoring project →
    ``provider_org_ids``, Jobcenter → ``referrer_org_ids``. Used where an action is reserved to
    some kinds (DOMAIN.md §1): the user may perform it on a participation only if one of *those*
    organisations sees it, not merely because it acts somewhere else.
    """
    from stufenweg.organisations.models import Organisation

    k = Organisation.Kind
    providers = scope.provider_org_ids
    delivering = {k.PROVIDER, k.MENTORING_PROJECT} & kinds
    if not delivering:
        providers = frozenset()
    elif providers and len(delivering) == 1:
        providers = frozenset(
            Organisation.objects.filter(pk__in=providers, kind__in=kinds).values_list("pk", flat=True)
        )
    return Scope(
        everything=scope.everything and k.COORDINATION_OFFICE in kinds,
        region_ids=scope.region_ids if k.REGIONAL_OFFICE in kinds else frozenset(),
        provider_org_ids=providers,
        referrer_org_ids=scope.referrer_org_ids if k.JOBCENTER in kinds else frozenset(),
        staff=scope.staff,
    )
