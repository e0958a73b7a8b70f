"""Reads for casework, always starting from ``participations_visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    DateField,
    DateTimeField,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from stufenweg.casework.models import (
    Appointment,
    Contact,
    ContactKind,
    Goal,
    NeedsAssessment,
    PersonSearch,
    PlanAction,
    SupportPlan,
)
from stufenweg.casework.permissions import DELIVERING, acting_scope
from stufenweg.casework.search import name_order, search_terms
from stufenweg.core.time import add_months
from stufenweg.core.visibility import scope_of
from stufenweg.groupwork.models import Attendance
from stufenweg.journeys.codes import AssessmentResult, EventKind, State
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.selectors import participations_in_scope, participations_visible_to
from stufenweg.organisations.models import User
from stufenweg.people.selectors import persons_visible_to
from stufenweg.programmes.models import Measure, Stage

S = State
ACTIVE_STATES = (S.REFERRED, S.IN_ASSESSMENT, S.SUITABLE, S.WAITING, S.IN_STAGE, S.INTERRUPTED)
IN_MEASURE_STATES = (S.IN_STAGE, S.INTERRUPTED)
REVIEW_MONTHS = 3
NO_CONTACT_DAYS = 42
NO_EVENT_DAYS = 42  # six weeks without any event
CLOSED_STATES = (S.EXITED, S.FOLLOWED_UP, S.NOT_ARRIVED, S.NOT_SUITABLE)
PAGE_SIZE = 25
SEARCH_CAP = 5000


def no_event_since(today: dt.date) -> dt.date:
    """The day before which a participation's last event lies for „seit … ohne Ereignis“."""
    return today - dt.timedelta(days=NO_EVENT_DAYS)


def no_event_q(user, *, today: dt.date) -> Q:
    """Participations without any event for six weeks: not closed, the last event before
    ``no_event_since(today)``; for a regional office only those of its region(s).

    The one rule of the start page's block „Seit … ohne Ereignis“ (``web.selectors.region_overview``)
    and of the participant list's filter ``no_event``, to which the block links for the whole list.
    """
    condition = ~Q(state__in=CLOSED_STATES) & Q(last_event_on__lt=no_event_since(today))
    region_ids = scope_of(user).region_ids
    if region_ids:
        condition &= Q(region_id__in=region_ids)
    return condition


def next_appointment_subquery(now: dt.datetime) -> Subquery:
    return Subquery(
        Appointment.objects.filter(
            participation_id=OuterRef("pk"), starts_at__gte=now, status=Appointment.Status.PLANNED
        )
        .order_by("starts_at")
        .values("starts_at")[:1],
        output_field=DateTimeField(),
    )


class LatestDate(Func):
    """The later of two dates, either of which may be NULL (the other then; NULL if both are).
    PostgreSQL's GREATEST ignores NULLs; SQLite's two-argument MAX returns NULL if any argument
    is NULL, so there the NULLs become '' (dates are ISO text, '' sorts first) and back."""

    function = "GREATEST"
    arity = 2
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        (first, first_params), (second, second_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = f"NULLIF(MAX(COALESCE({first}, ''), COALESCE({second}, '')), '')"
        return sql, (*first_params, *second_params)


def group_contact_subquery() -> Subquery:
    """The day of the latest group-event session the participation attended: an attendance
    „teilgenommen“ (``groupwork.Attendance``) counts as a contact of kind „Gruppenangebot“. Read
    from the attendance row itself (one source), through the indexes on ``Booking.participation``
    and ``Attendance.booking``."""
    attended = Attendance.objects.filter(
        booking__participation_id=OuterRef("pk"), status=Attendance.Status.ATTENDED
    )
    return Subquery(attended.order_by("-session__date").values("session__date")[:1], output_field=DateField())


def last_contact_subquery(kind: str | None = None):
    """The day of the participation's last contact: a recorded ``Contact`` (of ``kind``, if
    given) or, without ``kind``, also an attended group-event session (``group_contact_subquery``)."""
    contacts = Contact.objects.filter(participation_id=OuterRef("pk"))
    if kind:
        contacts = contacts.filter(kind=kind)
    latest = Subquery(contacts.order_by("-occurred_on").values("occurred_on")[:1], output_field=DateField())
    if kind:
        return latest
    return LatestDate(latest, group_contact_subquery())


def review_base_expression():
    """The day from which the next quarterly review is counted: the last review, else the entry."""
    entered = Subquery(
        Enrolment.objects.filter(participation_id=OuterRef("pk"), exited_on__isnull=True)
        .order_by("-entered_on")
        .values("entered_on")[:1],
        output_field=DateField(),
    )
    return Coalesce(last_contact_subquery(ContactKind.QUARTERLY_REVIEW), entered)


@dataclass
class ListFilters:
    q: str = ""
    programme: int | None = None
    stage: int | None = None
    region: int | None = None
    measure: int | None = None
    status: str = ""
    caseworker: int | None = None
    no_caseworker: bool = False
    waiting: bool = False
    overdue_review: bool = False
    no_event: bool = False
    sort: str = "name"
    extra: dict = field(default_factory=dict)


# German name order (DIN 5007-1, ``search.name_sort_key``): the folded keys stored in the search
# index, then the spellings as stored, then the row. The one name order of every sort below.
# Every person has a search-index row (each write path writes it, migration casework.0003 wrote
# the missing ones); the sorted list joins it as an inner join (``INDEXED``), which lets PostgreSQL
# walk the key index for a page instead of sorting the whole list (an outer join cannot). The count
# (``participant_count``) does without the join.
NAME_ORDER = (*name_order("person__"), "pk")


INDEXED = Q(person__search__isnull=False)


def _descending(order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"-{name}" for name in order)


SORTS = {
    "name": NAME_ORDER,
    "-name": _descending(NAME_ORDER),
    "stage": ("current_stage__position", *NAME_ORDER),
    "-stage": ("-current_stage__position", *NAME_ORDER),
    "since": ("state_since", *NAME_ORDER),
    "-since": ("-state_since", *NAME_ORDER),
    "planned_end": (F("planned_end").asc(nulls_last=True), *NAME_ORDER),
    "-planned_end": (F("planned_end").desc(nulls_last=True), *NAME_ORDER),
    "next_appointment": (F("next_appointment").asc(nulls_last=True), *NAME_ORDER),
    "-next_appointment": (F("next_appointment").desc(nulls_last=True), *NAME_ORDER),
    "last_contact": (F("last_contact").asc(nulls_first=True), *NAME_ORDER),
    "-last_contact": (F("last_contact").desc(nulls_last=True), *NAME_ORDER),
}


def participant_list(user, filters: ListFilters, *, today: dt.date | None = None) -> QuerySet[Participation]:
    """The participant list of ``user`` with ``filters`` applied, annotated for the columns.

    For paging through large lists use ``participant_ids`` + ``participant_rows`` (the
    view does): the filtering and sorting query then carries no joins or subqueries it does not
    need, and the columns are computed for the 25 rows of the page only."""
    today = today or timezone.localdate()
    queryset = _filtered(user, filters, today)
    now = timezone.now()
    queryset = queryset.filter(INDEXED).annotate(
        next_appointment=next_appointment_subquery(now), last_contact=last_contact_subquery()
    )
    order = SORTS.get(filters.sort, SORTS["name"])
    return queryset.select_related(
        "person", "programme", "current_stage", "current_measure", "waiting_stage", "region", "caseworker"
    ).order_by(*order)


def _filtered(user, filters: ListFilters, today: dt.date) -> QuerySet[Participation]:
    queryset = participations_visible_to(user)
    terms = search_terms(filters.q)
    if terms:
        matches = PersonSearch.objects.all()
        for term in terms:
            matches = matches.filter(text__contains=term)
        # Resolve the search first (trigram index on PostgreSQL) so the planner does not walk
        # the whole name index filtering row by row; fall back to a subquery for huge results.
        found = list(matches.values_list("person_id", flat=True)[: SEARCH_CAP + 1])
        if len(found) > SEARCH_CAP:
            queryset = queryset.filter(person_id__in=matches.values("person_id"))
        elif connection.vendor == "postgresql":
            # one array parameter instead of thousands of placeholders (cheaper to build and plan)
            queryset = queryset.filter(person_id__in=RawSQL("SELECT unnest(%s::bigint[])", (found,)))
        else:
            queryset = queryset.filter(person_id__in=found)
    if filters.programme:
        queryset = queryset.filter(programme_id=filters.programme)
    if filters.stage:
        queryset = queryset.filter(Q(current_stage_id=filters.stage) | Q(waiting_stage_id=filters.stage))
    if filters.region:
        queryset = queryset.filter(region_id=filters.region)
    if filters.measure:
        queryset = queryset.filter(current_measure_id=filters.measure)
    if filters.status == "active":
        queryset = queryset.filter(state__in=ACTIVE_STATES)
    elif filters.status:
        queryset = queryset.filter(state=filters.status)
    if filters.no_caseworker:
        queryset = queryset.filter(caseworker__isnull=True)
    elif filters.caseworker:
        queryset = queryset.filter(caseworker_id=filters.caseworker)
    if filters.waiting:
        queryset = queryset.filter(state=S.WAITING)
    if filters.overdue_review:
        queryset = queryset.filter(state__in=IN_MEASURE_STATES).alias(review_base=review_base_expression())
        queryset = queryset.filter(review_base__lte=add_months(today, -REVIEW_MONTHS))
    if filters.no_event:
        queryset = queryset.filter(no_event_q(user, today=today))
    return queryset


ANNOTATED_SORTS = {"next_appointment", "-next_appointment", "last_contact", "-last_contact"}


def participant_ids(user, filters: ListFilters, *, today: dt.date | None = None) -> QuerySet:
    """The filtered, ordered ids of the list (lean: only what filtering and sorting need)."""
    today = today or timezone.localdate()
    queryset = _filtered(user, filters, today).filter(INDEXED)
    if filters.sort in ANNOTATED_SORTS:
        # sorting the whole list by a per-row date: one grouped join (hash aggregate) instead of
        # a correlated subquery per participation
        key = filters.sort.lstrip("-")
        if key == "next_appointment":
            expression = Min(
                "appointments__starts_at",
                filter=Q(
                    appointments__starts_at__gte=timezone.now(),
                    appointments__status=Appointment.Status.PLANNED,
                ),
            )
        else:
            expression = LatestDate(Max("contacts__occurred_on"), group_contact_subquery())
        queryset = queryset.alias(**{key: expression})
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["name"])).values_list("pk", flat=True)


def participant_count(user, filters: ListFilters, *, today: dt.date | None = None) -> int:
    """The number of participations in the list: ``participant_ids`` counted without the sort's
    per-row aggregate (a grouped join over all contacts or appointments to count nothing)."""
    return _filtered(user, filters, today or timezone.localdate()).count()


ROW_FIELDS = (
    *("person", "programme", "current_stage", "current_measure", "waiting_stage", "region", "caseworker"),
    *("state", "state_since", "planned_end"),
    *("person__last_name", "person__first_name", "person__person_id"),
    *("programme__code", "current_stage__name", "region__name"),
)


def participant_rows(ids: list[int]) -> list[Participation]:
    """The rows of one page, in the order of ``ids``, with the columns of the list.

    Four tables joined, the other three read by id: PostgreSQL plans a join of all eight tables
    in ~6 ms (the planner's cost doubles with each table), far more than the three small
    queries cost. Only the columns the list shows are read (``ROW_FIELDS``); a column added to
    the list template must be added there (else one query per row, which the pinned query count
    of the list test catches)."""
    rows = (
        Participation.objects.filter(pk__in=ids)
        .annotate(
            next_appointment=next_appointment_subquery(timezone.now()), last_contact=last_contact_subquery()
        )
        .select_related("person", "programme", "current_stage", "region")
        .prefetch_related(
            Prefetch("current_measure", Measure.objects.only("code")),
            Prefetch("waiting_stage", Stage.objects.only("name")),
            Prefetch("caseworker", User.objects.only("first_name", "last_name", "username")),
        )
        .only(*ROW_FIELDS)
    )
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


# --- the participant page ------------------------------------------------------------------------


def person_for(user, pk: int):
    """The person ``pk`` if ``user`` may see it, else ``Person.DoesNotExist``."""
    return persons_visible_to(user).select_related("household").get(pk=pk)


def participations_of(user, person) -> list[Participation]:
    return list(
        participations_visible_to(user)
        .filter(person=person)
        .select_related(
            "programme", "current_stage", "current_measure", "waiting_stage", "region", "caseworker"
        )
        .order_by("-created_at", "-pk")
    )


@dataclass
class CaseFile:
    """Everything shown for one participation on the participant page."""

    plan: SupportPlan | None
    goals: list[Goal]
    contacts: list[Contact]
    appointments: list[Appointment]
    assessments_current: list[NeedsAssessment]
    assessments_history: list[NeedsAssessment]


def case_file(participation: Participation) -> CaseFile:
    plan = SupportPlan.objects.filter(participation=participation).first()
    goals = (
        list(
            Goal.objects.filter(plan=plan).prefetch_related(
                Prefetch("actions", queryset=PlanAction.objects.order_by("due_on", "id"))
            )
        )
        if plan
        else []
    )
    contacts = list(participation.contacts.select_related("staff").order_by("-occurred_on", "-id")[:50])
    appointments = list(participation.appointments.select_related("staff").order_by("-starts_at")[:30])
    history = list(
        participation.needs_assessments.select_related("staff").order_by("key_area", "-assessed_on", "-id")
    )
    current: dict[str, NeedsAssessment] = {}
    for row in history:
        current.setdefault(row.key_area, row)
    return CaseFile(plan, goals, contacts, appointments, list(current.values()), history)


def participation_for(user, pk: int) -> Participation:
    return (
        participations_visible_to(user)
        .select_related("person", "programme", "current_stage", "current_measure", "region")
        .get(pk=pk)
    )


def assessed_stage_id(participation: Participation) -> int | None:
    """The stage of the latest assessment result in force that found the person suitable
    („geeignet für Stufe X“), else None. A corrected result counts by its correction; a
    retracted one not at all."""
    return (
        JourneyEvent.objects.filter(
            participation=participation,
            kind=EventKind.ASSESSMENT_RESULT,
            result=AssessmentResult.SUITABLE,
            stage__isnull=False,
        )
        .exclude(superseded_by__isnull=False)
        .order_by("-occurred_on", "-recorded_at", "-pk")
        .values_list("stage_id", flat=True)
        .first()
    )


def participations_actable_by(user, kinds: frozenset[str] = DELIVERING) -> QuerySet[Participation]:
    """Participations ``user`` may act on with an action of ``kinds`` (``permissions.acting_scope``)."""
    return participations_in_scope(acting_scope(user, kinds))


def may_act_on(user, participation: Participation, kinds: frozenset[str] = DELIVERING) -> bool:
    """``user`` may act on ``participation`` (already known to be visible) with an action of
    ``kinds``: some organisation of those kinds in which the user holds a writing role sees it."""
    scope = acting_scope(user, kinds)
    if scope.everything:
        return True
    if not scope.personal_data:
        return False
    return participations_in_scope(scope).filter(pk=participation.pk).exists()


def goal_for(user, pk: int) -> Goal:
    """The goal ``pk`` if its participation is visible to ``user``, else ``Goal.DoesNotExist``."""
    return Goal.objects.select_related("plan").get(
        pk=pk, plan__participation__in=participations_visible_to(user).values("pk")
    )


def plan_action_for(user, pk: int) -> PlanAction:
    """The support-plan step ``pk`` if its participation is visible to ``user``, else
    ``PlanAction.DoesNotExist``."""
    return PlanAction.objects.select_related("goal__plan").get(
        pk=pk, goal__plan__participation__in=participations_visible_to(user).values("pk")
    )
