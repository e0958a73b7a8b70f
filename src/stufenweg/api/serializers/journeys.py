"""Participations with their enrolments, and journey events in the columns of events.csv."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField, CodeField
from stufenweg.journeys.codes import (
    AssessmentResult,
    Benefit,
    BenefitEffect,
    Change,
    EmploymentKind,
    EmploymentStatus,
    EventKind,
    ExitKind,
    ExitStatus,
    FollowUpSource,
)
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.services import EVENT_FIELDS
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


# the event columns of the exchange format: the service's event fields, with ``supersedes`` after the stage
EVENT_COLUMNS = [*EVENT_FIELDS[:3], "supersedes", *EVENT_FIELDS[3:]]


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


def _choice(choices, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False, allow_blank=True, default="", **kwargs)


def _date(**kwargs) -> BoundedDateField:
    return BoundedDateField(required=False, allow_null=True, default=None, **kwargs)


def _bool(**kwargs) -> serializers.BooleanField:
    return serializers.BooleanField(required=False, allow_null=True, default=None, **kwargs)


def regions_all(user) -> QuerySet[Region]:
    """Region codes are not personal data; every user who may write may name any region."""
    return Region.objects.all() if user is not None else Region.objects.none()


def _org(selector=organisations_visible_to) -> CodeField:
    return CodeField(selector=selector, required=False, allow_null=True, default=None)


class EventCreateSerializer(serializers.Serializer):
    """A new journey event, as a row of events.csv. The rules are checked by the service."""

    event_id = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="", help_text=_("leer: wird vergeben")
    )
    person_id = serializers.CharField(max_length=64)
    programme = CodeField(selector=programmes_visible_to)
    event = serializers.ChoiceField(choices=EventKind.choices)
    date = BoundedDateField()
    region = _org(regions_all)
    measure = _org(measures_visible_to)
    stage = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default="", help_text=_("Stufen-Code im Programm")
    )
    supersedes = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="", help_text=_("event_id")
    )
    referrer = _org()
    result = _choice(AssessmentResult.choices)
    planned_end = _date()
    employment_status = _choice(EmploymentStatus.choices)
    unemployed_since = _date()
    benefit = _choice(Benefit.choices)
    change = _choice(Change.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    exit_kind = _choice(ExitKind.choices)
    statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=ExitStatus.choices), required=False, default=list, max_length=8
    )
    qualification = _bool()
    employer = _org()
    end_date = _date()
    first_labour_market = _bool()
    employment_kind = _choice(EmploymentKind.choices)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    benefit_effect = _choice(BenefitEffect.choices)
    reached = _bool()
    source = _choice(FollowUpSource.choices)
    confirm_overbooking = serializers.BooleanField(
        required=False, default=False, help_text=_("Überbelegung ausdrücklich bestätigen")
    )

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
