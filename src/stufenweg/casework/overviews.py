"""Selectors for the overview screens: worklists, caseload, measures and capacity.

Lists of persons start from ``participations_visible_to(user)``; capacity figures are counts
of places (no personal data) over the measures the user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from stufenweg.casework.area import measures_in_area
from stufenweg.casework.selectors import (
    ACTIVE_STATES,
    IN_MEASURE_STATES,
    NO_CONTACT_DAYS,
    REVIEW_MONTHS,
    last_contact_subquery,
    next_appointment_subquery,
    review_base_expression,
)
from stufenweg.core.time import add_months
from stufenweg.core.visibility import Scope
from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Enrolment, Participation
from stufenweg.journeys.selectors import participations_visible_to, scope_visibility_q
from stufenweg.organisations.models import User
from stufenweg.organisations.ordering import staff_key
from stufenweg.programmes.entry_dates import next_start_date
from stufenweg.programmes.models import CaseloadRatio, Measure, Programme

WORKLIST_LIMIT = 10  # rows per list on the overview
FULL_LIMIT = 200  # rows when one list is opened on its own
HORIZON_DAYS = 30
# A follow-up stays listed until the person is reached (an unreached attempt keeps the
# participation "exited"), the person comes back, or this many months after it was due; once due
# it is marked overdue. ESF+ needs the situation six months after every exit.
FOLLOW_UP_OPEN_MONTHS = 6


def _rows(queryset: QuerySet[Participation]) -> QuerySet[Participation]:
    return queryset.select_related("person", "programme", "current_stage", "waiting_stage", "region")


@dataclass
class Worklist:
    key: str
    rows: list[Participation]
    total: int


def worklists(
    user,
    *,
    today: dt.date | None = None,
    region: int | None = None,
    limit: int = WORKLIST_LIMIT,
    only: str | None = None,
) -> dict[str, Worklist]:
    today = today or timezone.localdate()
    base = participations_visible_to(user)
    if region:
        base = base.filter(region_id=region)
    lists: dict[str, QuerySet] = {}

    review_cutoff = add_months(today + dt.timedelta(days=14), -REVIEW_MONTHS)
    lists["reviews"] = (
        base.filter(state__in=IN_MEASURE_STATES)
        .annotate(review_base=review_base_expression())
        .filter(review_base__lte=review_cutoff)
        .order_by("review_base", "pk")
    )

    follow_up = Q(pk__in=[])
    follow_up_months = dict(Programme.objects.values_list("pk", "follow_up_months"))
    for programme_id, months in follow_up_months.items():
        due_by = add_months(today + dt.timedelta(days=HORIZON_DAYS), -months)
        follow_up |= Q(
            programme_id=programme_id,
            state_since__lte=due_by,
            state_since__gt=add_months(today, -(months + FOLLOW_UP_OPEN_MONTHS)),
        )
    # exited from a measure (a closure before entry leaves no exit to follow up)
    from_measure = Exists(
        Enrolment.objects.filter(participation_id=OuterRef("pk"), exited_on=OuterRef("state_since"))
    )
    lists["follow_ups"] = base.filter(follow_up, from_measure, state=State.EXITED).order_by(
        "state_since", "pk"
    )

    lists["planned_ends"] = base.filter(
        state__in=IN_MEASURE_STATES,
        planned_end__gte=today,
        planned_end__lte=today + dt.timedelta(days=HORIZON_DAYS),
    ).order_by("planned_end", "pk")

    # in stage with the planned end already past: extend or record the exit (most days overdue first)
    lists["overdue"] = base.filter(state=State.IN_STAGE, planned_end__lt=today).order_by("planned_end", "pk")

    lists["waiting"] = base.filter(state=State.WAITING).order_by(
        "programme__code", "waiting_stage__position", "region__name", "state_since", "pk"
    )

    contact_cutoff = today - dt.timedelta(days=NO_CONTACT_DAYS)
    lists["no_contact"] = (
        base.filter(state__in=ACTIVE_STATES)
        .annotate(last_contact=last_contact_subquery())
        .filter(
            Q(last_contact__lt=contact_cutoff) | Q(last_contact__isnull=True, state_since__lt=contact_cutoff)
        )
        .order_by("last_contact", "state_since", "pk")
    )
    now = timezone.now()
    result = {}
    for key, queryset in lists.items():
        size = FULL_LIMIT if key == only else limit
        rows = list(_rows(queryset).annotate(next_appointment=next_appointment_subquery(now))[:size])
        total = len(rows) if len(rows) < size else queryset.count()
        if key == "overdue":
            _mark_overdue(user, rows, today)
        if key == "follow_ups":
            for row in rows:
                row.follow_up_due = add_months(row.state_since, follow_up_months[row.programme_id])
                row.follow_up_overdue = row.follow_up_due < today
        result[key] = Worklist(key, rows, total)
    return result


def _mark_overdue(user, rows: list[Participation], today: dt.date) -> None:
    """Days past the planned end, and whether ``user`` may extend (``may_extend``) or record the
    exit (``may_exit``): the kinds of those journey actions, one query per group of kinds."""
    from stufenweg.casework.actions import ACTIONS
    from stufenweg.casework.selectors import participations_actable_by

    pks = [row.pk for row in rows]
    actable: dict[frozenset[str], set[int]] = {}
    for slug in ("verlaengerung", "austritt"):
        kinds = ACTIONS[slug].kinds
        if kinds not in actable:
            found = participations_actable_by(user, kinds).filter(pk__in=pks) if pks else []
            actable[kinds] = set(found.values_list("pk", flat=True)) if pks else set()
    extend, leave = actable[ACTIONS["verlaengerung"].kinds], actable[ACTIONS["austritt"].kinds]
    for row in rows:
        row.days_overdue = (today - row.planned_end).days
        row.may_extend = row.pk in extend
        row.may_exit = row.pk in leave


def waiting_summary(user, *, region: int | None = None) -> list[dict]:
    """Waiting list counts per programme, stage and region."""
    base = participations_visible_to(user).filter(state=State.WAITING)
    if region:
        base = base.filter(region_id=region)
    return list(
        base.values("programme__code", "waiting_stage__name", "waiting_stage__position", "region__name")
        .annotate(count=Count("pk"))
        .order_by("programme__code", "waiting_stage__position", "region__name")
    )


# --- caseload ------------------------------------------------------------------------------------


@dataclass
class CaseloadRow:
    caseworker: User | None
    programme: Programme
    count: int
    actable: int = 0  # of which the user may reassign (``caseload(acting=…)``)
    in_force: CaseloadRatio | None = None  # the programme's ratio in force today

    @property
    def ratio(self) -> int | None:
        return self.in_force.ratio if self.in_force else None

    @property
    def breach(self) -> bool:
        return self.caseworker is not None and self.ratio is not None and self.count > self.ratio

    @property
    def share(self) -> int | None:
        return round(100 * self.count / self.ratio) if self.ratio else None

    @property
    def step(self) -> int:
        """The share in tenths, 0–10 (a CSS class draws the bar; no inline styles)."""
        return min(10, round((self.share or 0) / 10))


def caseload(user, *, acting: Scope | None = None) -> list[CaseloadRow]:
    """Active participations per caseworker and programme against the programme's ratio in force
    today (``Programme.caseload_ratio_on``); with
    ``acting`` (a scope in which the user may act) also how many of them lie in that scope."""
    counts = (
        participations_visible_to(user)
        .filter(state__in=ACTIVE_STATES)
        .values("caseworker_id", "programme_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    if acting is not None and acting.personal_data:
        condition = scope_visibility_q(acting)
        counts = counts.annotate(
            actable=Count("pk", filter=condition) if condition is not None else Count("pk")
        )
    counts = list(counts)
    users = User.objects.in_bulk({row["caseworker_id"] for row in counts if row["caseworker_id"]})
    programmes = Programme.objects.prefetch_related("caseload_ratios").in_bulk(
        {row["programme_id"] for row in counts}
    )
    today = timezone.localdate()
    rows = [
        CaseloadRow(
            users.get(row["caseworker_id"]),
            programmes[row["programme_id"]],
            row["count"],
            row.get("actable", 0),
            programmes[row["programme_id"]].caseload_ratio_on(today),
        )
        for row in counts
    ]
    rows.sort(
        key=lambda r: (
            r.programme.code,
            r.caseworker is None,
            staff_key(r.caseworker) if r.caseworker else (),
        )
    )
    return rows


def caseworker_choices(user) -> QuerySet[User]:
    """Staff a participation may be given to: acting members of the organisations ``user`` sees
    personal data through (regional offices, providers, …) and the current caseworkers. Unordered:
    pages list them in German name order (``organisations.ordering.staff_key``)."""
    from stufenweg.casework.permissions import ACTING_ROLES
    from stufenweg.core.visibility import scope_of

    scope = scope_of(user)
    if scope.everything:
        condition = Q(memberships__role__in=ACTING_ROLES, memberships__organisation__active=True)
    else:
        condition = Q(
            memberships__role__in=ACTING_ROLES,
            memberships__organisation_id__in=scope.organisation_ids,
        ) | Q(pk__in=participations_visible_to(user).exclude(caseworker=None).values("caseworker_id"))
    return User.objects.filter(condition, is_active=True).distinct()


# --- measures and capacity -----------------------------------------------------------------------


@dataclass
class MeasureRow:
    measure: Measure
    occupied: int
    waiting: int
    series: list[tuple[dt.date, int, int]]  # (month start, places taken, height 0–10)

    @property
    def free(self) -> int:
        return max(self.measure.places - self.occupied, 0)

    @property
    def overbooked(self) -> int:
        return max(self.occupied - self.measure.places, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.occupied / self.measure.places) if self.measure.places else 0

    @property
    def next_start(self) -> dt.date | None:
        """Without rolling entry: the next start date from today (``programmes.entry_dates``)."""
        return None if self.measure.rolling_entry else next_start_date(self.measure, timezone.localdate())


def month_starts(today: dt.date, months: int = 12) -> list[dt.date]:
    first = today.replace(day=1)
    return [add_months(first, -offset) for offset in range(months - 1, -1, -1)]


def occupancy(measure_ids: list[int], days: list[dt.date]) -> dict[int, list[int]]:
    """Places taken per measure on each of ``days`` (one query)."""
    annotations = {
        f"d{i}": Count(
            "pk", filter=Q(entered_on__lte=day) & (Q(exited_on__isnull=True) | Q(exited_on__gt=day))
        )
        for i, day in enumerate(days)
    }
    rows = (
        Enrolment.objects.filter(measure_id__in=measure_ids)
        .values("measure_id")
        .annotate(**annotations)
        .order_by()
    )
    result = {pk: [0] * len(days) for pk in measure_ids}
    for row in rows:
        result[row["measure_id"]] = [row[f"d{i}"] for i in range(len(days))]
    return result


def measure_overview(
    user, *, today: dt.date | None = None, programme: int | None = None, region: int | None = None
) -> list[MeasureRow]:
    today = today or timezone.localdate()
    measures = (
        measures_in_area(user)
        .select_related("programme", "provider", "region")
        .prefetch_related("stages", "starts")
    )
    if programme:
        measures = measures.filter(programme_id=programme)
    if region:
        measures = measures.filter(region_id=region)
    measures = list(measures.order_by("programme__code", "code"))
    days = [*month_starts(today), today]
    taken = occupancy([m.pk for m in measures], days)
    waiting_counts = {
        (row["waiting_stage_id"], row["region_id"]): row["count"]
        for row in Participation.objects.filter(state=State.WAITING)
        .values("waiting_stage_id", "region_id")
        .annotate(count=Count("pk"))
        .order_by()
    }
    rows = []
    for measure in measures:
        values = taken[measure.pk]
        waiting = sum(waiting_counts.get((stage.pk, measure.region_id), 0) for stage in measure.stages.all())
        series = [
            (day, value, min(10, round(10 * value / measure.places)) if measure.places else 0)
            for day, value in zip(days[:-1], values[:-1], strict=True)
        ]
        rows.append(MeasureRow(measure, values[-1], waiting, series))
    return rows


def measures_with_free_places(participation: Participation, on: dt.date) -> list[tuple[Measure, int, bool]]:
    """Measures of the participation's programme running on ``on`` that serve a stage, with the
    places taken that day and whether a place is free. Full measures are kept only when they
    allow overbooking (the form then asks for confirmation)."""
    measures = list(
        Measure.objects.filter(programme_id=participation.programme_id, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .filter(stages__isnull=False)
        .distinct()
        .select_related("provider", "region")
        .prefetch_related("stages", "starts")
        .order_by("code")
    )
    taken = dict(
        Enrolment.objects.filter(measure__in=measures, entered_on__lte=on)
        .exclude(exited_on__lte=on)
        .exclude(participation_id=participation.pk)
        .values("measure_id")
        .annotate(count=Count("pk"))
        .values_list("measure_id", "count")
        .order_by()
    )
    result = []
    for measure in measures:
        occupied = taken.get(measure.pk, 0)
        free = occupied < measure.places
        if free or measure.allow_overbooking:
            result.append((measure, occupied, free))
    return result
