"""The user's area: the measures, regions, programmes, stages, providers and Jobcenters the
casework screens offer in filters and choice lists.

Visibility (``core.visibility.scope_of``) says which *participations* a user sees; the area says
which master data belongs to the same part of the world, so that a regional office in Bautzen is
not offered Dortmund's or Leipzig's measures. It is derived from the same scope, part by part:

- coordination office (``everything``): all of it;
- regional office (``region_ids``): its regions and the measures in them;
- provider, mentoring project (``provider_org_ids``): its own measures and their regions;
- Jobcenter (``referrer_org_ids``): the Jobcenter's region and the measures in it.

Programmes are those with a measure in the area or a participation the user sees; stages are
those of these programmes. Users without personal-data scope (statistics, data protection,
no membership) have an empty area. Master data is not personal data: the area only keeps the
screens short and relevant; what a user may *do* is still decided by the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from stufenweg.core.visibility import scope_of
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations.models import Organisation, Region
from stufenweg.programmes.models import Measure, Programme, Stage


@dataclass(frozen=True)
class Area:
    everything: bool = False
    region_ids: frozenset[int] = frozenset()  # whole regions (offices, Jobcenters)
    provider_ids: frozenset[int] = frozenset()  # own measures only (providers, mentoring projects)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.region_ids or self.provider_ids)


NO_AREA = Area()


def area_of(user) -> Area:
    """The area of ``user`` (cached on the user object for the request, like ``scope_of``)."""
    scope = scope_of(user)
    if not scope.personal_data:
        return NO_AREA
    cached = getattr(user, "_casework_area", None)
    if cached is not None:
        return cached
    regions = set(scope.region_ids)
    if scope.referrer_org_ids and not scope.everything:
        regions |= set(
            Organisation.objects.filter(pk__in=scope.referrer_org_ids, region__isnull=False).values_list(
                "region_id", flat=True
            )
        )
    area = Area(
        everything=scope.everything,
        region_ids=frozenset(regions),
        provider_ids=frozenset(scope.provider_org_ids),
    )
    user._casework_area = area
    return area


def _measure_q(area: Area) -> Q:
    return Q(region_id__in=area.region_ids) | Q(provider_id__in=area.provider_ids)


def measures_in_area(user) -> QuerySet[Measure]:
    area = area_of(user)
    if area.everything:
        return Measure.objects.all()
    if area.empty:
        return Measure.objects.none()
    return Measure.objects.filter(_measure_q(area))


def regions_in_area(user) -> QuerySet[Region]:
    area = area_of(user)
    if area.everything:
        return Region.objects.all()
    if area.empty:
        return Region.objects.none()
    return Region.objects.filter(
        Q(pk__in=area.region_ids)
        | Exists(Measure.objects.filter(region_id=OuterRef("pk"), provider_id__in=area.provider_ids))
    )


def programmes_in_area(user) -> QuerySet[Programme]:
    area = area_of(user)
    if area.everything:
        return Programme.objects.all()
    if area.empty:
        return Programme.objects.none()
    return Programme.objects.filter(
        Exists(Measure.objects.filter(_measure_q(area), programme_id=OuterRef("pk")))
        | Q(pk__in=participations_visible_to(user).values("programme_id"))
    )


def stages_in_area(user) -> QuerySet[Stage]:
    area = area_of(user)
    if area.everything:
        return Stage.objects.all()
    return Stage.objects.filter(programme__in=programmes_in_area(user))


def providers_in_area(user) -> QuerySet[Organisation]:
    """Providers and mentoring projects running a measure in the area."""
    return Organisation.objects.filter(pk__in=measures_in_area(user).values("provider_id"))


def referrers_in_area(user) -> QuerySet[Organisation]:
    """Active Jobcenters of the area (a referral recorded on a Jobcenter's behalf)."""
    area = area_of(user)
    jobcenters = Organisation.objects.filter(kind=Organisation.Kind.JOBCENTER, active=True)
    if area.everything:
        return jobcenters
    if area.empty:
        return jobcenters.none()
    return jobcenters.filter(region_id__in=area.region_ids)
