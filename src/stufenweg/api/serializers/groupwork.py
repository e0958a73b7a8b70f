"""Group events, their sessions, bookings and attendance; field names as in the exchange files
(group_events.csv, group_sessions.csv, group_bookings.csv, group_attendance.csv)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField, CodeField
from stufenweg.groupwork.models import Attendance, Booking, EventKind, GroupEvent, GroupSession
from stufenweg.interchange.groupwork_files import event_code
from stufenweg.organisations.models import Organisation
from stufenweg.programmes.selectors import programmes_visible_to


def _code(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, allow_null=True, default=None)


class SessionInlineSerializer(serializers.ModelSerializer):
    starts_at = serializers.TimeField(format="%H:%M", read_only=True)
    ends_at = serializers.TimeField(format="%H:%M", read_only=True)

    class Meta:
        model = GroupSession
        fields = ["id", "date", "starts_at", "ends_at"]
        read_only_fields = fields


class GroupEventSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(help_text=_("Kennung im Austauschformat (ohne eigene: GE-<id>)"))
    organiser = _code("organiser.code")
    region = _code("region.code")
    programmes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sessions = SessionInlineSerializer(many=True, read_only=True)
    booked = serializers.IntegerField(read_only=True, help_text=_("gebuchte Plätze"))
    waiting = serializers.IntegerField(read_only=True, help_text=_("auf der Warteliste"))

    class Meta:
        model = GroupEvent
        fields = [
            "id",
            "code",
            "kind",
            "title",
            "description",
            "organiser",
            "programmes",
            "region",
            "place",
            "capacity",
            "status",
            "cancel_reason",
            "booked",
            "waiting",
            "sessions",
        ]
        read_only_fields = fields

    def get_code(self, event: GroupEvent) -> str:
        return event_code(event)


class SessionTimesSerializer(serializers.Serializer):
    date = BoundedDateField()
    starts_at = serializers.TimeField(format="%H:%M")
    ends_at = serializers.TimeField(format="%H:%M")


class GroupEventCreateSerializer(serializers.Serializer):
    """A new group event (the organiser and the programmes by their codes), with first sessions."""

    code = serializers.RegexField(
        r"^[^\x00]*$", max_length=64, required=False, allow_blank=True, default="", help_text=_("leer: keine")
    )
    kind = serializers.ChoiceField(choices=EventKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    organiser = CodeField(queryset=Organisation.objects.all())
    programmes = serializers.ListField(
        child=CodeField(selector=programmes_visible_to), min_length=1, max_length=50
    )
    region = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    place = serializers.CharField(max_length=200)
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
    sessions = SessionTimesSerializer(many=True, required=False, default=list)


class GroupSessionSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="event_id", read_only=True)
    event_code = serializers.SerializerMethodField()
    starts_at = serializers.TimeField(format="%H:%M", read_only=True)
    ends_at = serializers.TimeField(format="%H:%M", read_only=True)

    class Meta:
        model = GroupSession
        fields = ["id", "event", "event_code", "date", "starts_at", "ends_at"]
        read_only_fields = fields

    def get_event_code(self, session: GroupSession) -> str:
        return event_code(session.event)


class GroupSessionCreateSerializer(SessionTimesSerializer):
    event = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("id des Gruppenangebots"))


class BookingSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="event_id", read_only=True)
    event_code = serializers.SerializerMethodField()
    participation = serializers.IntegerField(source="participation_id", read_only=True)
    person_id = _code("participation.person.person_id")
    programme = _code("participation.programme.code")

    class Meta:
        model = Booking
        fields = [
            "id",
            "event",
            "event_code",
            "participation",
            "person_id",
            "programme",
            "status",
            "waiting_position",
            "booked_at",
            "cancelled_at",
        ]
        read_only_fields = fields

    def get_event_code(self, booking: Booking) -> str:
        return event_code(booking.event)


class BookingCreateSerializer(serializers.Serializer):
    """Book a participant (person × programme) on an event: a place while there is one, else the
    waiting list."""

    event = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("id des Gruppenangebots"))
    person_id = serializers.CharField(max_length=64)
    programme = CodeField(selector=programmes_visible_to)


class AttendanceSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session_id", read_only=True)
    event = serializers.IntegerField(source="session.event_id", read_only=True)
    booking = serializers.IntegerField(source="booking_id", read_only=True)
    person_id = _code("booking.participation.person.person_id")
    programme = _code("booking.participation.programme.code")

    class Meta:
        model = Attendance
        fields = ["id", "session", "event", "booking", "person_id", "programme", "status", "recorded_at"]
        read_only_fields = fields


class AttendanceCreateSerializer(serializers.Serializer):
    """The attendance of one booked participant at one session (a held one, not in the future)."""

    session = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("id des Termins"))
    person_id = serializers.CharField(max_length=64)
    programme = CodeField(selector=programmes_visible_to)
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
