"""Mentoring through the API: mentorships (list, assign, end), the mentoring log (list, record) and
after-placement support (list, start) — read as ``mentoring.visibility`` says (a mentoring project
sees only its mentees, the coordination office all), written through ``mentoring.services``, which
check who may write (``mentoring.authority``): the same rules as the participant page. Every read
is recorded in the audit trail (one row per person shown)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.filters import IdFilter
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.mentoring import (
    AfterPlacementSupportCreateSerializer,
    AfterPlacementSupportSerializer,
    MentoringEntryCreateSerializer,
    MentoringEntrySerializer,
    MentorshipCreateSerializer,
    MentorshipEndSerializer,
    MentorshipSerializer,
)
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet, AuditedReadMixin
from stufenweg.journeys.models import JourneyEvent
from stufenweg.mentoring import services
from stufenweg.mentoring.authority import assigning_projects, mentor_candidates, refusal
from stufenweg.mentoring.models import EntryKind, Mentorship
from stufenweg.mentoring.visibility import (
    entries_readable_by,
    mentee_participations,
    mentorships_readable_by,
    support_readable_by,
)
from stufenweg.organisations.models import Organisation
from stufenweg.people.models import Person

ENTRY_FIELD_NAMES = {"occurred_on": "date"}


def _forbidden(exc: DjangoPermissionDenied):
    return exceptions.PermissionDenied(str(exc) or None)


def _mentorship(user, pk: int) -> Mentorship:
    """A mentorship named in a body: one whose mentoring ``user`` reads (else 404, the same answer
    as for one that does not exist)."""
    mentorship = mentorships_readable_by(user).select_related("participation").filter(pk=pk).first()
    if mentorship is None:
        raise exceptions.NotFound({"mentorship": [_("Dieses Mentoring gibt es nicht.")]})
    return mentorship


class MentorshipFilter(filters.FilterSet):
    person_id = filters.CharFilter(
        field_name="participation__person__person_id", max_length=64, label="Personen-ID"
    )
    programme = filters.CharFilter(
        field_name="participation__programme__code", max_length=64, label="Programm"
    )
    organisation = filters.CharFilter(field_name="organisation__code", max_length=64, label="Mentorenprojekt")
    active = filters.BooleanFilter(field_name="ended_on", lookup_expr="isnull", label="läuft (ohne Ende)")


class MentorshipViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Mentorings (Mentor/in eines Mentorenprojekts begleitet eine Teilnahme). Lesen: die
    Mitglieder der Mentorenprojekte der Teilnahme und die Regiestelle; zuordnen: schreibende
    Mitglieder des Projekts (die Leitung jede Person des Projekts, andere nur sich selbst);
    beenden: die Mentorin/der Mentor und die Leitung. Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = MentorshipSerializer
    filterset_class = MentorshipFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Mentoring"

    def get_queryset(self):
        return (
            mentorships_readable_by(self.request.user)
            .select_related("participation__person", "participation__programme", "organisation", "mentor")
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=m.participation.person_id) for m in objects]

    @extend_schema(
        request=MentorshipCreateSerializer,
        responses=write_responses(MentorshipSerializer, names_a_person=True),
    )
    def create(self, request, *args, **kwargs):
        """Eine Mentorin oder einen Mentor zuordnen (Person × Programm). Abgelehnt: eine Teilnahme
        ohne Ihr Mentorenprojekt (404), wer nicht zuordnen darf (403), eine laufende Begleitung
        derselben Person (400); nichts gespeichert."""
        serializer = MentorshipCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        participation = (
            mentee_participations(user)
            .filter(person__person_id=data["person_id"], programme__code=data["programme"])
            .select_related("person")
            .first()
        )
        if participation is None:
            raise exceptions.NotFound(
                {"person_id": [_("Keine Teilnahme dieser Person in diesem Programm gefunden.")]}
            )
        if data["organisation"]:
            organisation = Organisation.objects.filter(
                code=data["organisation"], kind=Organisation.Kind.MENTORING_PROJECT
            ).first()
            if organisation is None:
                raise serializers.ValidationError({"organisation": [_("Unbekanntes Mentorenprojekt.")]})
        else:
            projects = assigning_projects(user, participation)
            if not projects:
                raise exceptions.PermissionDenied(refusal())
            if len(projects) > 1:
                raise serializers.ValidationError({"organisation": [_("Bitte das Mentorenprojekt angeben.")]})
            organisation = projects[0]
        if data["mentor"]:
            mentor = mentor_candidates(None, organisation).filter(username=data["mentor"]).first()
            if mentor is None:
                raise serializers.ValidationError(
                    {
                        "mentor": [
                            _(
                                "Unter diesem Benutzernamen gibt es niemanden mit schreibender Rolle im Projekt."
                            )
                        ]
                    }
                )
        else:
            mentor = user
        try:
            mentorship = services.mentorship_assign(
                participation=participation,
                organisation=organisation,
                mentor=mentor,
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                by=user,
            )
        except DjangoPermissionDenied as exc:
            raise _forbidden(exc) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc, {"participation": "person_id"}) from None
        return Response(
            MentorshipSerializer(self.get_queryset().get(pk=mentorship.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=MentorshipEndSerializer, responses=write_responses(MentorshipSerializer))
    @action(detail=True, methods=["post"])
    def end(self, request, *args, **kwargs):
        """Ein Mentoring beenden (Datum des Endes; nicht vor dem Beginn)."""
        mentorship = self.get_object()
        serializer = MentorshipEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.mentorship_end(
                mentorship=mentorship, ended_on=serializer.validated_data["ended_on"], by=request.user
            )
        except DjangoPermissionDenied as exc:
            raise _forbidden(exc) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(MentorshipSerializer(self.get_queryset().get(pk=mentorship.pk)).data)


class MentoringEntryFilter(filters.FilterSet):
    mentorship = IdFilter(field_name="mentorship_id", label="Mentoring (ID)")
    person_id = filters.CharFilter(
        field_name="mentorship__participation__person__person_id", max_length=64, label="Personen-ID"
    )
    kind = filters.ChoiceFilter(choices=EntryKind.choices, label="Art")


class MentoringEntryViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Das Mentoring-Protokoll (Treffen, Telefonate, Arbeitgeberkontakte). Lesen wie die
    Mentorings; erfassen: die Mentorin/der Mentor und die Leitung des Projekts. Ein
    Arbeitgeberkontakt kommt auch in die Kontakthistorie des Arbeitgebers."""

    serializer_class = MentoringEntrySerializer
    filterset_class = MentoringEntryFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Mentoring-Eintrag"

    def get_queryset(self):
        return (
            entries_readable_by(self.request.user)
            .select_related(
                "mentorship__participation__person",
                "mentorship__participation__programme",
                "employer_contact__employer",
            )
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=e.mentorship.participation.person_id) for e in objects]

    @extend_schema(
        request=MentoringEntryCreateSerializer, responses=write_responses(MentoringEntrySerializer)
    )
    def create(self, request, *args, **kwargs):
        """Einen Eintrag erfassen. Abgelehnt (nichts gespeichert): ein Datum außerhalb des
        Mentorings oder in der Zukunft, ein Arbeitgeberkontakt ohne Arbeitgeber (400); wer das
        Mentoring nicht führt (403), ein Mentoring, das Sie nicht lesen (404)."""
        serializer = MentoringEntryCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mentorship = _mentorship(request.user, data["mentorship"])
        employer = None
        if data["employer"]:
            employer = Organisation.objects.filter(
                code=data["employer"], kind=Organisation.Kind.EMPLOYER, active=True
            ).first()
            if employer is None:
                raise serializers.ValidationError({"employer": [_("Unbekannter Arbeitgeber.")]})
        try:
            entry = services.mentoring_entry_record(
                mentorship=mentorship,
                occurred_on=data["date"],
                kind=data["kind"],
                topic=data["topic"],
                notes=data["notes"],
                employer=employer,
                employer_topic=data["employer_topic"],
                by=request.user,
            )
        except DjangoPermissionDenied as exc:
            raise _forbidden(exc) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc, ENTRY_FIELD_NAMES) from None
        return Response(
            MentoringEntrySerializer(self.get_queryset().get(pk=entry.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class AfterPlacementSupportFilter(filters.FilterSet):
    mentorship = IdFilter(field_name="mentorship_id", label="Mentoring (ID)")
    person_id = filters.CharFilter(
        field_name="participation__person__person_id", max_length=64, label="Personen-ID"
    )


class AfterPlacementSupportViewSet(
    AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet
):
    """Nachbetreuung nach einer Vermittlung (Ausbildung oder Arbeit) für eine Zahl von Monaten.
    Lesen wie die Mentorings; beginnen: die Mentorin/der Mentor und die Leitung des Projekts."""

    serializer_class = AfterPlacementSupportSerializer
    filterset_class = AfterPlacementSupportFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Nachbetreuung"

    def get_queryset(self):
        return (
            support_readable_by(self.request.user)
            .select_related("participation__person", "participation__programme", "placement")
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=s.participation.person_id) for s in objects]

    @extend_schema(
        request=AfterPlacementSupportCreateSerializer,
        responses=write_responses(AfterPlacementSupportSerializer),
    )
    def create(self, request, *args, **kwargs):
        """Die Nachbetreuung nach einer Vermittlung (Ereignis „employment_start“ der Teilnahme)
        beginnen; ohne Monate die voreingestellte Dauer. Eine Vermittlung hat höchstens eine."""
        serializer = AfterPlacementSupportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mentorship = _mentorship(request.user, data["mentorship"])
        placement = JourneyEvent.objects.filter(
            pk=data["placement"], participation_id=mentorship.participation_id
        ).first()
        try:
            support = services.after_placement_support_start(
                mentorship=mentorship, placement=placement, months=data["months"], by=request.user
            )
        except DjangoPermissionDenied as exc:
            raise _forbidden(exc) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(
            AfterPlacementSupportSerializer(self.get_queryset().get(pk=support.pk)).data,
            status=status.HTTP_201_CREATED,
        )
