"""Participations with their enrolments, and journey events in the columns of events.csv."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField, CodeField
from stufenweg.journeys import spec
from stufenweg.journeys.codes import EventKind, ExitStatus
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.organisations.models import Region
from stufenweg.organisations.selectors import organisations_visible_to
from stufenweg.programmes.selectors import measures_visible_to, programmes_visible_to


def _code(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, allow_null=True, default=None)


class EnrolmentSerializer(serializers.ModelSerializer):
    measure = _code("measure.code")
    stage = _code("stage.code")
    entry_event_id = _code("entry_event.event_id")
    exit_event_id = _code("exit_event.event_id")

    class Meta:
        model = Enrolment
        fields = [
            "measure",
            "stage",
            "entered_on",
            "planned_end",
            "exited_on",
            "exit_kind",
            "extensions",
            "interrupted_since",
            "entry_event_id",
            "exit_event_id",
        ]
        read_only_fields = fields


class ParticipationSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id", read_only=True, help_text="id der Person")
    person_id = _code("person.person_id")
    programme = _code("programme.code")
    region = _code("region.code")
    current_stage = _code("current_stage.code")
    current_measure = _code("current_measure.code")
    waiting_stage = _code("waiting_stage.code")
    caseworker = _code("caseworker.username")
    enrolments = EnrolmentSerializer(many=True, read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id",
            "person",
            "person_id",
            "programme",
            "state",
            "state_since",
            "region",
            "current_stage",
            "current_measure",
            "waiting_stage",
            "planned_end",
            "last_event_on",
            "caseworker",
            "created_at",
            "enrolments",
        ]
        read_only_fields = fields


# the event columns of the exchange format (``journeys.spec``)
EVENT_COLUMNS = [f.name for f in spec.FIELDS]


class EventSerializer(serializers.ModelSerializer):
    """One journey event; field names are the columns of events.csv."""

    participation = serializers.IntegerField(source="participation_id", read_only=True)
    person_id = _code("participation.person.person_id")
    programme = _code("participation.programme.code")
    event = serializers.ChoiceField(source="kind", choices=EventKind.choices, read_only=True)
    date = serializers.DateField(source="occurred_on", read_only=True)
    recorded_by = _code("recorded_by.username")
    region = _code("region.code")
    measure = _code("measure.code")
    stage = _code("stage.code")
    supersedes = _code("supersedes.event_id")
    superseded_by = serializers.CharField(
        source="superseded_by_event_id",
        read_only=True,
        allow_null=True,
        help_text="event_id der Korrektur oder Rücknahme",
    )
    referrer = _code("referrer.code")
    employer = _code("employer.code")
    statuses = serializers.ListField(
        source="status_list", child=serializers.ChoiceField(choices=ExitStatus.choices), read_only=True
    )

    class Meta:
        model = JourneyEvent
        fields = [
            "id",
            "event_id",
            "participation",
            "person_id",
            "programme",
            "event",
            "date",
            "recorded_at",
            "recorded_by",
            "superseded_by",
            *EVENT_COLUMNS,
        ]
        read_only_fields = fields


def regions_all(user) -> QuerySet[Region]:
    """Region codes are not personal data; every user who may write may name any region."""
    return Region.objects.all() if user is not None else Region.objects.none()


# A reference field of an event (``spec.Field.refers_to``) -> whose codes the user may name.
_SELECTORS = {"region": regions_all, "measure": measures_visible_to, "organisation": organisations_visible_to}
_HELP = {
    "stage": _("Stufen-Code im Programm"),
    "supersedes": _("event_id"),
    "reason_code": _("Code aus der Liste der Gründe des Programms (Verlängerung, Austritt)"),
}


def event_field(f: spec.Field) -> serializers.Field:
    """The API field of a journey event field, with its type and limits from ``journeys.spec``;
    every one may be left out (the rules say what a kind requires)."""
    if f.type == spec.REF and f.refers_to in _SELECTORS:
        return CodeField(selector=_SELECTORS[f.refers_to], required=False, allow_null=True, default=None)
    # a stage or event named by its code; free text; a code of the programme's list (checked by the service)
    if f.type in (spec.REF, spec.TEXT, spec.LISTED):
        return serializers.CharField(
            max_length=f.max_length, required=False, allow_blank=True, default="", help_text=_HELP.get(f.name)
        )
    if f.type == spec.CODE:
        return serializers.ChoiceField(
            choices=f.choices.choices, required=False, allow_blank=True, default=""
        )
    if f.type == spec.DATE:
        return BoundedDateField(required=False, allow_null=True, default=None)
    if f.type == spec.BOOL:
        return serializers.BooleanField(required=False, allow_null=True, default=None)
    if f.type == spec.DECIMAL:
        return serializers.DecimalField(
            max_digits=f.digits,
            decimal_places=f.places,
            min_value=f.min_value,
            max_value=f.max_value,
            required=False,
            allow_null=True,
            default=None,
        )
    if f.type == spec.STATUSES:
        return serializers.ListField(
            child=serializers.ChoiceField(choices=f.choices.choices),
            required=False,
            default=list,
            max_length=len(f.codes),
        )
    raise AssertionError(f.type)


class EventCreateSerializer(serializers.Serializer):
    """A new journey event, as a row of events.csv. The rules are checked by the service; the
    event's fields (after ``date``) are made from ``journeys.spec`` (``get_fields``)."""

    event_id = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="", help_text=_("leer: wird vergeben")
    )
    person_id = serializers.CharField(max_length=64)
    programme = CodeField(selector=programmes_visible_to)
    event = serializers.ChoiceField(choices=EventKind.choices)
    date = BoundedDateField()
    confirm_overbooking = serializers.BooleanField(
        required=False, default=False, help_text=_("Überbelegung ausdrücklich bestätigen")
    )
    confirm_entry_date = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Eintritt außerhalb der Starttermine einer Maßnahme ohne durchlaufenden Einstieg "
            "ausdrücklich bestätigen"
        ),
    )

    def get_fields(self):
        declared = super().get_fields()
        confirmations = {name: declared.pop(name) for name in ("confirm_overbooking", "confirm_entry_date")}
        return {
            **declared,
            **{f.name: event_field(f) for f in spec.FIELDS},
            **confirmations,
        }

    def validate(self, attrs):
        if attrs["event"] == EventKind.VOID and not attrs.get("supersedes"):
            raise serializers.ValidationError(
                {"supersedes": [_("Eine Rücknahme muss das zurückgenommene Ereignis nennen.")]}
            )
        programme = attrs["programme"]
        code = attrs.pop("stage", "")
        attrs["stage"] = None
        if code:
            attrs["stage"] = programme.stages.filter(code=code).first()
            if attrs["stage"] is None:
                raise serializers.ValidationError(
                    {"stage": [_("Unbekannter Code „%(code)s“.") % {"code": code}]}
                )
        return attrs
