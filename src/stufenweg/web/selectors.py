"""Reads for the start page and the audit trail page, always through the user's scope.

Every function runs a fixed number of queries, whatever the amount of data: figures come from
aggregates (``Count`` with ``filter``), lists are sliced (the people in a provider's measures,
bounded by its places, are sorted by name in Python). Names are in German alphabetical order
(``casework.search.name_sort_key``: "Kästner" before "Kuhn"). Personal data is read only through the
visibility selectors of the journeys and people apps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from stufenweg.casework.search import name_sort_key
from stufenweg.casework.selectors import no_event_q, no_event_since
from stufenweg.core.models import AuditEntry
from stufenweg.core.visibility import scope_of
from stufenweg.journeys.codes import EventKind, State
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.selectors import (
    enrolments_visible_to,
    events_visible_to,
    participations_visible_to,
)
from stufenweg.organisations.models import Organisation, Region
from stufenweg.organisations.ordering import name_key
from stufenweg.programmes.models import Measure, Programme
from stufenweg.programmes.selectors import measures_visible_to, programmes_visible_to

ACTIVE_STATES = (State.IN_STAGE, State.INTERRUPTED)
PLANNED_END_DAYS = 30
LIST_LIMIT = 25
LATEST_REFERRALS = 20
LATEST_AUDIT = 20

PERSON_FIELDS = ("person__id", "person__first_name", "person__last_name")


def effective_events(queryset: QuerySet[JourneyEvent]) -> QuerySet[JourneyEvent]:
    """Events that count: not a void and not superseded by a later correction or void."""
    superseded = JourneyEvent.objects.filter(supersedes_id=OuterRef("pk"))
    return queryset.exclude(kind=EventKind.VOID).exclude(Exists(superseded))


# --------------------------------------------------------------------------- coordination office


@dataclass
class ProgrammeFigures:
    programme: Programme
    active: int = 0
    waiting: int = 0
    entries: int = 0
    exits: int = 0


def programme_figures(user, *, year: int) -> list[ProgrammeFigures]:
    """Per programme: active and waiting participants now, entries and exits in ``year``. 3 queries."""
    figures = {p.pk: ProgrammeFigures(p) for p in programmes_visible_to(user).order_by("code")}
    if not figures:
        return []
    states = (
        participations_visible_to(user)
        .filter(programme_id__in=figures)
        .values("programme_id")
        .annotate(
            active=Count("pk", filter=Q(state__in=ACTIVE_STATES)),
            waiting=Count("pk", filter=Q(state=State.WAITING)),
        )
        .order_by()
    )
    for row in states:
        figures[row["programme_id"]].active = row["active"]
        figures[row["programme_id"]].waiting = row["waiting"]
    flows = (
        effective_events(events_visible_to(user))
        .filter(
            kind__in=(EventKind.ENTRY, EventKind.EXIT),
            occurred_on__gte=dt.date(year, 1, 1),
            occurred_on__lte=dt.date(year, 12, 31),
            participation__programme_id__in=figures,
        )
        .values("participation__programme_id")
        .annotate(
            entries=Count("pk", filter=Q(kind=EventKind.ENTRY)),
            exits=Count("pk", filter=Q(kind=EventKind.EXIT)),
        )
        .order_by()
    )
    for row in flows:
        figures[row["participation__programme_id"]].entries = row["entries"]
        figures[row["participation__programme_id"]].exits = row["exits"]
    return list(figures.values())


# --------------------------------------------------------------------------- regional office


@dataclass
class RegionOverview:
    regions: list[Region]
    active: int
    waiting: int
    waiting_by_stage: list[dict]
    planned_end_total: int
    planned_ends: list[Participation]
    inactive_total: int
    inactive: list[Participation]
    today: dt.date
    inactive_since: dt.date
    planned_end_until: dt.date


def _participation_rows(queryset: QuerySet[Participation]) -> QuerySet[Participation]:
    return queryset.select_related("person", "programme", "current_stage", "waiting_stage").only(
        "id",
        "state",
        "state_since",
        "planned_end",
        "last_event_on",
        *PERSON_FIELDS,
        "programme__id",
        "programme__code",
        "programme__name",
        "current_stage__id",
        "current_stage__code",
        "current_stage__name",
        "waiting_stage__id",
        "waiting_stage__code",
        "waiting_stage__name",
    )


def _person_key(person) -> tuple:
    return (*name_sort_key(person.last_name, person.first_name), person.pk)


def _by_date_then_name(rows, date_field: str) -> list[Participation]:
    """The rows (already chosen by date in the database) by date, then in German alphabetical order
    of the names (``name_sort_key``)."""
    return sorted(rows, key=lambda p: (getattr(p, date_field), _person_key(p.person), p.pk))


def region_overview(user, *, today: dt.date) -> RegionOverview:
    """The regional office's figures and tasks for its region(s). 5 queries."""
    scope = scope_of(user)
    base = participations_visible_to(user).filter(region_id__in=scope.region_ids)
    planned_until = today + dt.timedelta(days=PLANNED_END_DAYS)
    inactive_since = no_event_since(today)
    planned_q = Q(state__in=ACTIVE_STATES, planned_end__gte=today, planned_end__lte=planned_until)
    # the participant list's filter „seit sechs Wochen ohne Ereignis“ selects by the same rule
    inactive_q = no_event_q(user, today=today)
    totals = base.aggregate(
        active=Count("pk", filter=Q(state__in=ACTIVE_STATES)),
        waiting=Count("pk", filter=Q(state=State.WAITING)),
        planned=Count("pk", filter=planned_q),
        inactive=Count("pk", filter=inactive_q),
    )
    waiting_by_stage = list(
        base.filter(state=State.WAITING)
        .values("programme__code", "waiting_stage__code", "waiting_stage__name")
        .annotate(count=Count("pk"))
        .order_by("programme__code", "waiting_stage__position", "waiting_stage__code")
    )
    planned_ends = _by_date_then_name(
        _participation_rows(base.filter(planned_q)).order_by("planned_end", "person__last_name", "id")[
            :LIST_LIMIT
        ],
        "planned_end",
    )
    inactive = _by_date_then_name(
        _participation_rows(base.filter(inactive_q)).order_by("last_event_on", "person__last_name", "id")[
            :LIST_LIMIT
        ],
        "last_event_on",
    )
    return RegionOverview(
        regions=sorted(Region.objects.filter(pk__in=scope.region_ids), key=name_key),
        active=totals["active"],
        waiting=totals["waiting"],
        waiting_by_stage=waiting_by_stage,
        planned_end_total=totals["planned"],
        planned_ends=planned_ends,
        inactive_total=totals["inactive"],
        inactive=inactive,
        today=today,
        inactive_since=inactive_since,
        planned_end_until=planned_until,
    )


# --------------------------------------------------------------------------- provider / mentoring


@dataclass
class MeasureLoad:
    measure: Measure
    occupied: int

    @property
    def places(self) -> int:
        return self.measure.places

    @property
    def free(self) -> int:
        return max(self.measure.places - self.occupied, 0)

    @property
    def overbooked(self) -> int:
        return max(self.occupied - self.measure.places, 0)


@dataclass
class ProviderOverview:
    organisations: list[Organisation]
    measures: list[MeasureLoad]
    active_total: int
    active: list[Enrolment] = field(default_factory=list)


def provider_overview(user, *, organisation_ids: list[int]) -> ProviderOverview:
    """Measures of the given provider organisations with places, occupied, free; the people in them.

    ``organisation_ids`` must come from the user's scope (provider_org_ids). 4 queries.
    """
    organisations = sorted(Organisation.objects.filter(pk__in=organisation_ids), key=name_key)
    measures = (
        measures_visible_to(user)
        .filter(provider_id__in=organisation_ids)
        .select_related("programme")
        .annotate(occupied=Count("enrolments", filter=Q(enrolments__exited_on__isnull=True)))
        .order_by("programme__code", "code")
    )
    open_enrolments = enrolments_visible_to(user).filter(
        measure__provider_id__in=organisation_ids, exited_on__isnull=True
    )
    active_total = open_enrolments.aggregate(n=Count("participation_id", distinct=True))["n"]
    # All open enrolments (bounded by the measures' places), sorted in Python: the database's own
    # order puts "Kuhn" before "Kästner" (and umlauts after z), so it must not choose the first ones.
    active = sorted(
        open_enrolments.select_related("participation__person", "measure", "stage")
        .only(
            "id",
            "entered_on",
            "planned_end",
            "interrupted_since",
            "participation__id",
            "participation__state",
            *(f"participation__{name}" for name in PERSON_FIELDS),
            "measure__id",
            "measure__code",
            "measure__name",
            "stage__id",
            "stage__code",
            "stage__name",
        )
        .order_by(),
        key=lambda enrolment: (_person_key(enrolment.participation.person), enrolment.pk),
    )[:LIST_LIMIT]
    return ProviderOverview(
        organisations=organisations,
        measures=[MeasureLoad(m, m.occupied) for m in measures],
        active_total=active_total,
        active=active,
    )


# --------------------------------------------------------------------------- jobcenter


@dataclass
class ReferrerOverview:
    total: int
    state_counts: list[tuple[str, str, int]]  # (state code, label, count)
    latest: list[JourneyEvent]


def referrer_overview(user) -> ReferrerOverview:
    """The people the user's jobcenter(s) referred: counts by current state, latest referrals. 2 queries."""
    scope = scope_of(user)
    own_referral = Q(kind=EventKind.REFERRAL, referrer_id__in=scope.referrer_org_ids)
    referred = participations_visible_to(user).filter(
        Exists(effective_events(JourneyEvent.objects.filter(own_referral, participation_id=OuterRef("pk"))))
    )
    referral = effective_events(events_visible_to(user)).filter(own_referral)
    by_state = dict(referred.values_list("state").annotate(n=Count("pk")).order_by())
    state_counts = [(code, label, by_state[code]) for code, label in State.choices if by_state.get(code)]
    latest = list(
        referral.select_related("participation__person", "participation__programme")
        .only(
            "id",
            "occurred_on",
            "participation__id",
            "participation__state",
            "participation__state_since",
            *(f"participation__{name}" for name in PERSON_FIELDS),
            "participation__programme__id",
            "participation__programme__code",
            "participation__programme__name",
        )
        .order_by("-occurred_on", "-recorded_at", "-id")[:LATEST_REFERRALS]
    )
    return ReferrerOverview(total=sum(by_state.values()), state_counts=state_counts, latest=latest)


# --------------------------------------------------------------------------- audit trail


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """The audit trail for the data-protection officer; nothing for anyone else.

    Before/after snapshots are deferred: list pages show ids, actions and purposes only.
    """
    if not scope_of(user).audit:
        return AuditEntry.objects.none()
    return AuditEntry.objects.defer("before", "after").order_by("-at", "-id")


def latest_audit_entries(user, *, limit: int = LATEST_AUDIT) -> list[AuditEntry]:
    return list(audit_entries_visible_to(user).defer("summary")[:limit])


# --------------------------------------------------------------------------- the start page


@dataclass
class StartPage:
    """What the start page shows for one user; a user with several memberships sees several parts."""

    today: dt.date
    programmes: list[ProgrammeFigures] | None = None
    region: RegionOverview | None = None
    provider: ProviderOverview | None = None
    mentoring: ProviderOverview | None = None
    referrer: ReferrerOverview | None = None
    audit: list[AuditEntry] | None = None
    has_organisation: bool = False

    @property
    def is_empty(self) -> bool:
        parts = (self.programmes, self.region, self.provider, self.mentoring, self.referrer, self.audit)
        return all(part is None for part in parts)

    def persons_shown(self) -> list:
        """Every person shown by name on the page, once (for the read audit)."""
        persons: dict[int, object] = {}
        rows: list[Participation] = []
        if self.region:
            rows += self.region.planned_ends + self.region.inactive
        for part in (self.provider, self.mentoring):
            if part:
                rows += [enrolment.participation for enrolment in part.active]
        if self.referrer:
            rows += [event.participation for event in self.referrer.latest]
        for participation in rows:
            persons.setdefault(participation.person.pk, participation.person)
        return list(persons.values())


def start_page(user, *, today: dt.date) -> StartPage:
    scope = scope_of(user)
    page = StartPage(today=today, has_organisation=scope.staff)
    if scope.everything:
        page.programmes = programme_figures(user, year=today.year)
    if scope.region_ids:
        page.region = region_overview(user, today=today)
    if scope.provider_org_ids:
        kinds = dict(Organisation.objects.filter(pk__in=scope.provider_org_ids).values_list("pk", "kind"))
        providers = [pk for pk, kind in kinds.items() if kind != Organisation.Kind.MENTORING_PROJECT]
        mentoring = [pk for pk, kind in kinds.items() if kind == Organisation.Kind.MENTORING_PROJECT]
        if providers:
            page.provider = provider_overview(user, organisation_ids=providers)
        if mentoring:
            page.mentoring = provider_overview(user, organisation_ids=mentoring)
    if scope.referrer_org_ids:
        page.referrer = referrer_overview(user)
    if scope.audit:
        page.audit = latest_audit_entries(user)
    return page
