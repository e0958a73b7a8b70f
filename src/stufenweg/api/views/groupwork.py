"""Group events, sessions, bookings and attendance: read within the user's sight (bookings and
attendance audited as personal data), written through ``groupwork.services`` — the same rules and
the same authority as the web pages and the import (``groupwork.authority``).

An event, session or participation the user cannot see is a 404 like one that does not exist; a
visible one the user may not change (not the organiser, no acting role on the case, a read-only
membership) is a 403 with the service's German message; a refused rule (capacity, a future
session, a cancelled event) is a 400 with messages per field, and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.filters import IdFilter
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.groupwork import (
    AttendanceCreateSerializer,
    AttendanceSerializer,
    BookingCreateSerializer,
    BookingSerializer,
    GroupEventCreateSerializer,
    GroupEventSerializer,
    GroupSessionCreateSerializer,
    GroupSessionSerializer,
)
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet, AuditedReadMixin
from stufenweg.core.visibility import scope_of
from stufenweg.groupwork import services
from stufenweg.groupwork.authority import _memberships, may_organise
from stufenweg.groupwork.models import Attendance, Booking, EventKind, GroupEvent, GroupSession
from stufenweg.groupwork.selectors import events_visible_to
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations.models import Region
from stufenweg.people.models import Person

# names of the services' model fields in the API
FIELD_NAMES = {"participation": "person_id", "organiser_id": "organiser", "region_id": "region", "on": "date"}


def _code(field_name: str, label: str) -> filters.CharFilter:
    return filters.CharFilter(field_name=field_name, max_length=64, label=label)


class GroupEventFilter(filters.FilterSet):
    programme = _code("programmes__code", "Programm (Code)")
    organiser = _code("organiser__code", "Veranstalter (Code)")
    region = _code("region__code", "Region (Code)")
    kind = filters.ChoiceFilter(choices=EventKind.choices, label="Art")
    status = filters.ChoiceFilter(choices=GroupEvent.Status.choices, label="Stand")


class GroupSessionFilter(filters.FilterSet):
    event = IdFilter(field_name="event_id", label="Gruppenangebot (id)")


class BookingFilter(filters.FilterSet):
    event = IdFilter(field_name="event_id", label="Gruppenangebot (id)")
    person_id = _code("participation__person__person_id", "Personen-ID")
    status = filters.ChoiceFilter(choices=Booking.Status.choices, label="Stand")


class AttendanceFilter(filters.FilterSet):
    session = IdFilter(field_name="session_id", label="Termin (id)")
    event = IdFilter(field_name="session__event_id", label="Gruppenangebot (id)")
    person_id = _code("booking__participation__person__person_id", "Personen-ID")


def bookings_visible_to(user) -> QuerySet[Booking]:
    """Bookings of the events ``user`` sees: all of them for the organiser's members and the
    coordination office (``groupwork.authority.sees_all_bookings``), else those of the
    participations the user sees."""
    bookings = Booking.objects.filter(event__in=events_visible_to(user).values("pk"))
    if scope_of(user).everything:
        return bookings
    organisations = [org for org, _kind, _region in _memberships(user, writing=False)]
    return bookings.filter(
        Q(event__organiser_id__in=organisations)
        | Q(participation__in=participations_visible_to(user).values("pk"))
    )


def _write(call):
    """Run ``call`` in a transaction; service refusals become 400 / 403 answers."""
    try:
        with transaction.atomic():
            return call()
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from None
    except DjangoValidationError as exc:
        raise api_validation_error(exc, FIELD_NAMES) from None


def _visible_event(user, pk: int) -> GroupEvent:
    event = events_visible_to(user).filter(pk=pk).first()
    if event is None:
        raise exceptions.NotFound({"event": [_("Kein Gruppenangebot mit dieser id gefunden.")]})
    return event


class GroupEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Gruppenangebote (Spalten wie group_events.csv) mit Terminen und Belegung. Sichtbar für
    die Stellen ihrer Region und den Veranstalter; die Regiestelle sieht alle."""

    serializer_class = GroupEventSerializer
    filterset_class = GroupEventFilter
    lookup_value_regex = ID_LOOKUP

    def get_queryset(self):
        return (
            events_visible_to(self.request.user)
            .select_related("organiser", "region")
            .prefetch_related(
                "programmes",
                Prefetch("sessions", queryset=GroupSession.objects.order_by("date", "starts_at", "id")),
            )
            .annotate(
                booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED), distinct=True),
                waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING), distinct=True),
            )
            .order_by("id")
        )

    @extend_schema(request=GroupEventCreateSerializer, responses=write_responses(GroupEventSerializer))
    def create(self, request, *args, **kwargs):
        """Ein Gruppenangebot anlegen (schreibende Mitglieder des Veranstalters oder der
        Regiestelle), mit ersten Terminen, wenn angegeben."""
        serializer = GroupEventCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = None
        if data.pop("region"):
            region = Region.objects.filter(code=serializer.validated_data["region"]).first()
            if region is None:
                raise exceptions.ValidationError(
                    {
                        "region": [
                            _("Unbekannter Code „%(code)s“.") % {"code": serializer.validated_data["region"]}
                        ]
                    }
                )
        sessions = [(s["date"], s["starts_at"], s["ends_at"]) for s in data.pop("sessions")]
        event = _write(
            lambda: services.group_event_create(region=region, sessions=sessions, by=request.user, **data)
        )
        return Response(
            GroupEventSerializer(self.get_queryset().get(pk=event.pk)).data, status=status.HTTP_201_CREATED
        )


class GroupSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Termine der Gruppenangebote (Spalten wie group_sessions.csv)."""

    serializer_class = GroupSessionSerializer
    filterset_class = GroupSessionFilter
    lookup_value_regex = ID_LOOKUP

    def get_queryset(self):
        return (
            GroupSession.objects.filter(event__in=events_visible_to(self.request.user).values("pk"))
            .select_related("event")
            .order_by("date", "starts_at", "id")
        )

    @extend_schema(request=GroupSessionCreateSerializer, responses=write_responses(GroupSessionSerializer))
    def create(self, request, *args, **kwargs):
        """Einen Termin anlegen (veranstaltende Stelle oder Regiestelle)."""
        serializer = GroupSessionCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = _visible_event(request.user, data["event"])
        session = _write(
            lambda: services.group_session_add(
                event=event,
                on=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                by=request.user,
            )
        )
        return Response(GroupSessionSerializer(session).data, status=status.HTTP_201_CREATED)


class BookingViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Buchungen (Spalten wie group_bookings.csv): der Veranstalter und die Regiestelle sehen alle
    Buchungen ihrer Angebote, alle anderen die der Teilnahmen, die sie sehen. Jeder Abruf wird im
    Protokoll vermerkt."""

    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Buchung eines Gruppenangebots"

    def get_queryset(self):
        return (
            bookings_visible_to(self.request.user)
            .select_related("event", "participation__person", "participation__programme")
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=booking.participation.person_id) for booking in objects]

    @extend_schema(
        request=BookingCreateSerializer, responses=write_responses(BookingSerializer, names_a_person=True)
    )
    def create(self, request, *args, **kwargs):
        """Eine Teilnahme buchen (wer mit der Teilnahme arbeiten darf): ein Platz, solange einer
        frei ist, sonst die Warteliste."""
        serializer = BookingCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = _visible_event(request.user, data["event"])
        participation = (
            participations_visible_to(request.user)
            .filter(person__person_id=data["person_id"], programme=data["programme"])
            .first()
        )
        if participation is None:
            raise exceptions.NotFound(
                {"person_id": [_("Keine Teilnahme dieser Person in diesem Programm gefunden.")]}
            )
        booking = _write(
            lambda: services.booking_create(event=event, participation=participation, by=request.user)
        )
        return Response(
            BookingSerializer(self.get_queryset().get(pk=booking.pk)).data, status=status.HTTP_201_CREATED
        )


class AttendanceViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Anwesenheit je Termin und Buchung (Spalten wie group_attendance.csv), sichtbar wie die
    Buchungen. Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Anwesenheit im Gruppenangebot"

    def get_queryset(self):
        return (
            Attendance.objects.filter(booking__in=bookings_visible_to(self.request.user).values("pk"))
            .select_related("session", "booking__participation__person", "booking__participation__programme")
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=attendance.booking.participation.person_id) for attendance in objects]

    @extend_schema(
        request=AttendanceCreateSerializer,
        responses=write_responses(AttendanceSerializer, names_a_person=True),
    )
    def create(self, request, *args, **kwargs):
        """Die Anwesenheit einer gebuchten Person an einem stattgefundenen Termin erfassen
        (veranstaltende Stelle oder Regiestelle); eine vorhandene wird geändert."""
        serializer = AttendanceCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = (
            GroupSession.objects.filter(event__in=events_visible_to(request.user).values("pk"))
            .select_related("event")
            .filter(pk=data["session"])
            .first()
        )
        if session is None:
            raise exceptions.NotFound({"session": [_("Kein Termin mit dieser id gefunden.")]})
        if not may_organise(request.user, session.event.organiser_id):
            raise exceptions.PermissionDenied(
                _("Nur die veranstaltende Stelle oder die Regiestelle darf die Anwesenheit erfassen.")
            )
        booking = Booking.objects.filter(
            event=session.event,
            participation__person__person_id=data["person_id"],
            participation__programme=data["programme"],
        ).first()
        if booking is None:
            raise exceptions.ValidationError(
                {"person_id": [_("Diese Person ist für das Gruppenangebot nicht gebucht.")]}
            )
        _write(
            lambda: services.attendance_record(
                session=session, statuses={booking.pk: data["status"]}, by=request.user
            )
        )
        attendance = self.get_queryset().get(session=session, booking=booking)
        return Response(AttendanceSerializer(attendance).data, status=status.HTTP_201_CREATED)
