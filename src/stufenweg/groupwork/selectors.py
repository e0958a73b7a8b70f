"""Reads of group work, always starting from the user (``authority.event_visibility_q``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet

from stufenweg.casework.models import PersonSearch
from stufenweg.casework.permissions import acting_scope
from stufenweg.casework.search import name_order, search_terms
from stufenweg.casework.selectors import may_act_on
from stufenweg.groupwork.authority import BOOKING_KINDS, event_visibility_q, sees_all_bookings
from stufenweg.groupwork.models import Attendance, Booking, GroupEvent, GroupSession, Notice
from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_in_scope, participations_visible_to

S = State
BOOKABLE_STATES = (S.REFERRED, S.IN_ASSESSMENT, S.SUITABLE, S.WAITING, S.IN_STAGE, S.INTERRUPTED)


def events_visible_to(user) -> QuerySet[GroupEvent]:
    condition = event_visibility_q(user)
    events = GroupEvent.objects.all()
    return events if condition is None else events.filter(condition)


def event_for(user, pk: int) -> GroupEvent:
    """The event ``pk`` if ``user`` sees it, else ``GroupEvent.DoesNotExist``."""
    return (
        events_visible_to(user)
        .select_related("organiser", "region")
        .prefetch_related("programmes")
        .get(pk=pk)
    )


def session_for(user, pk: int) -> GroupSession:
    return GroupSession.objects.select_related("event__organiser").get(
        pk=pk, event__in=events_visible_to(user).values("pk")
    )


def booking_for(user, pk: int) -> Booking:
    return Booking.objects.select_related("event", "participation__person").get(
        pk=pk, event__in=events_visible_to(user).values("pk")
    )


def upcoming_events(
    user,
    *,
    today: dt.date,
    organiser: int | None = None,
    programme: int | None = None,
    include_past: bool = False,
) -> list[GroupEvent]:
    """Events with their next session on or after ``today`` (all events with ``include_past``),
    ordered by that session, with the counts of places taken and waiting."""
    events = events_visible_to(user).annotate(
        next_date=Min("sessions__date", filter=Q(sessions__date__gte=today)),
        first_date=Min("sessions__date"),
        booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED), distinct=True),
        waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING), distinct=True),
        session_count=Count("sessions", distinct=True),
    )
    if organiser:
        events = events.filter(organiser_id=organiser)
    if programme:
        events = events.filter(programmes=programme)
    if not include_past:
        events = events.filter(Q(next_date__isnull=False) | Q(session_count=0))
    events = events.select_related("organiser", "region").prefetch_related("programmes")
    return sorted(events, key=lambda e: (e.next_date or e.first_date or dt.date.max, e.title, e.pk))


@dataclass
class EventPage:
    event: GroupEvent
    sessions: list[GroupSession]
    booked: list[Booking]  # those the user may see
    waiting: list[Booking]
    cancelled: list[Booking]
    hidden_booked: int  # bookings of participations the user does not see
    hidden_waiting: int
    booked_total: int
    attended: dict[int, int]  # session id → attended count
    recorded: set[int]  # ids of the sessions with any attendance recorded (not removable)

    @property
    def free(self) -> int:
        return max(self.event.capacity - self.booked_total, 0)

    def persons(self) -> list:
        return [b.participation.person for b in (*self.booked, *self.waiting, *self.cancelled)]


def event_page(user, event: GroupEvent) -> EventPage:
    bookings = Booking.objects.filter(event=event).select_related(
        "participation__person", "participation__programme", "booked_by"
    )
    all_of_them = sees_all_bookings(user, event)
    if all_of_them:
        shown = list(bookings)
    else:
        shown = list(bookings.filter(participation__in=participations_visible_to(user).values("pk")))
    counts = dict(bookings.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    booked = [b for b in shown if b.status == Booking.Status.BOOKED]
    waiting = sorted(
        (b for b in shown if b.status == Booking.Status.WAITING), key=lambda b: b.waiting_position
    )
    cancelled = [b for b in shown if b.status == Booking.Status.CANCELLED]
    sessions = list(event.sessions.all())
    attended = dict(
        Attendance.objects.filter(session__event=event, status=Attendance.Status.ATTENDED)
        .values_list("session")
        .annotate(n=Count("pk"))
        .values_list("session", "n")
    )
    recorded = set(
        Attendance.objects.filter(session__event=event).values_list("session_id", flat=True).distinct()
    )
    return EventPage(
        event=event,
        sessions=sessions,
        booked=booked,
        waiting=waiting,
        cancelled=cancelled,
        hidden_booked=counts.get(Booking.Status.BOOKED, 0) - len(booked),
        hidden_waiting=counts.get(Booking.Status.WAITING, 0) - len(waiting),
        booked_total=counts.get(Booking.Status.BOOKED, 0),
        attended=attended,
        recorded=recorded,
    )


def bookable_participations(user, event: GroupEvent) -> QuerySet[Participation]:
    """The participant picker: participations ``user`` may act on (``BOOKING_KINDS``), in one of
    the event's programmes, still in the programme, not yet booked (a cancelled booking may be
    booked again)."""
    scope = acting_scope(user, BOOKING_KINDS)
    if not scope.personal_data:
        return Participation.objects.none()
    taken = Booking.objects.filter(
        event=event,
        participation_id=OuterRef("pk"),
        status__in=[Booking.Status.BOOKED, Booking.Status.WAITING],
    )
    return (
        participations_in_scope(scope)
        .filter(programme__in=event.programmes.all(), state__in=BOOKABLE_STATES)
        .exclude(Exists(taken))
        .select_related("person", "programme", "region")
        .order_by(*name_order("person__"), "pk")
    )


MIN_QUERY = 2  # characters a picker search needs (a single letter would list nearly everyone)


def searchable(query: str) -> bool:
    return len("".join(search_terms(query))) >= MIN_QUERY


def search_bookable(
    choices: QuerySet[Participation], query: str, *, limit: int
) -> tuple[list[Participation], bool]:
    """The participations of ``choices`` (``bookable_participations``) whose person matches every
    word of ``query`` in name or person ID (``casework.search``: case and umlaut spelling do not
    matter); at most ``limit``, and whether there were more."""
    if not searchable(query):
        return [], False
    matches = PersonSearch.objects.all()
    for term in search_terms(query):
        matches = matches.filter(text__contains=term)
    rows = list(choices.filter(person_id__in=matches.values("person_id"))[: limit + 1])
    return rows[:limit], len(rows) > limit


def may_book_for(user, participation: Participation) -> bool:
    return may_act_on(user, participation, BOOKING_KINDS)


def attendance_rows(session: GroupSession) -> list[tuple[Booking, str]]:
    """The booked participants of ``session``'s event with their recorded status ('' if none)."""
    recorded = dict(session.attendances.values_list("booking_id", "status"))
    bookings = (
        Booking.objects.filter(event_id=session.event_id, status=Booking.Status.BOOKED)
        .select_related("participation__person")
        .order_by(*name_order("participation__person__"), "pk")
    )
    return [(b, recorded.get(b.pk, "")) for b in bookings]


@dataclass
class BookedEvent:
    """One booking on the participant page with the sessions of its event and the attendance
    recorded at each (``None``: not recorded)."""

    booking: Booking
    sessions: list[tuple[GroupSession, Attendance | None]]


def group_work_of(participation: Participation) -> dict:
    """The participant page's group work (the view has checked that the participation is
    visible): each booking (booked, waiting, cancelled) with its event's sessions and the
    attendance per session, the latest event first; and the attended sessions, which count as
    contacts (``casework.selectors.group_contact_subquery``). Three queries (one without
    bookings)."""
    bookings = list(
        Booking.objects.filter(participation=participation)
        .select_related("event__organiser")
        .annotate(first_date=Min("event__sessions__date"))
        .order_by(F("first_date").desc(nulls_last=True), "-pk")
    )
    if not bookings:
        return {"rows": [], "attended": 0}
    sessions: dict[int, list[GroupSession]] = {}
    for session in GroupSession.objects.filter(event__in=[b.event_id for b in bookings]):
        sessions.setdefault(session.event_id, []).append(session)
    recorded = {
        (a.booking_id, a.session_id): a
        for a in Attendance.objects.filter(booking__in=bookings).select_related("recorded_by")
    }
    rows = [
        BookedEvent(b, [(s, recorded.get((b.pk, s.pk))) for s in sessions.get(b.event_id, [])])
        for b in bookings
    ]
    attended = sum(1 for a in recorded.values() if a.status == Attendance.Status.ATTENDED)
    return {"rows": rows, "attended": attended}


def notices_for(user) -> list[Notice]:
    if user is None or not user.is_authenticated:
        return []
    return list(Notice.objects.filter(recipient=user, dismissed_at__isnull=True).select_related("event")[:20])
