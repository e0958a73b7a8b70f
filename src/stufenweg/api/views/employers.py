"""Employers (read), their contact history and vacancies (read, create, change) through the
services of ``organisations``: the same authority as on the web pages (``organisations.authority``).

A contact's notes may name people: every contact shown is recorded in the audit trail (one read
row per contact, purpose „API“), and the person of a contact's participation too when it is shown
(only its id, and only to those who see the participation).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.filters import DateFilter
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.employers import (
    EmployerContactSerializer,
    EmployerContactWriteSerializer,
    EmployerSerializer,
    VacancySerializer,
    VacancyWriteSerializer,
)
from stufenweg.api.views.base import AUDIT_PURPOSE, CODE_LOOKUP, ID_LOOKUP, ApiViewSet
from stufenweg.core.audit import audit_object_reads, audit_reads
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations import employer_services as services
from stufenweg.organisations.authority import require_employer_writer
from stufenweg.organisations.codes import VacancyStatus
from stufenweg.organisations.employer_selectors import contacts_visible_to, vacancies_visible_to
from stufenweg.organisations.models import EmployerContact, Organisation, Vacancy
from stufenweg.organisations.selectors import employers_visible_to
from stufenweg.people.models import Person
from stufenweg.programmes.selectors import programmes_visible_to

CONTACT_FIELD_NAMES = {
    "occurred_on": "date",
    "participation_id": "participation",
    "programme_id": "programme",
}


class EmployerFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region__code", max_length=64, label="Region (Code)")
    active = filters.BooleanFilter(field_name="active", label="aktiv")


class EmployerContactFilter(filters.FilterSet):
    employer = filters.CharFilter(field_name="employer__code", max_length=64, label="Arbeitgeber (Code)")
    since = DateFilter(field_name="occurred_on", lookup_expr="gte", label="Datum ab")
    until = DateFilter(field_name="occurred_on", lookup_expr="lte", label="Datum bis")


class VacancyFilter(filters.FilterSet):
    employer = filters.CharFilter(field_name="employer__code", max_length=64, label="Arbeitgeber (Code)")
    status = filters.ChoiceFilter(choices=VacancyStatus.choices, label="Status")
    occupation = filters.CharFilter(
        field_name="occupation", lookup_expr="startswith", max_length=5, label="Beruf (KldB 2010, Anfang)"
    )


class EmployerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Arbeitgeber des Registers (ohne Ansprechperson) für alle, die mit Arbeitgebern arbeiten:
    Regiestelle, Regionalbüros, Träger, Mentorenprojekte."""

    serializer_class = EmployerSerializer
    filterset_class = EmployerFilter
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP

    def get_queryset(self):
        return employers_visible_to(self.request.user).order_by("code", "id")


def _employer(user, code: str) -> Organisation:
    employer = employers_visible_to(user).filter(code=code).first()
    if employer is None:
        raise serializers.ValidationError({"employer": [_("Unbekannter Arbeitgeber.")]})
    return employer


def _organisation(code: str) -> Organisation | None:
    if not code:
        return None
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise serializers.ValidationError({"organisation": [_("Unbekannte Stelle.")]})
    return organisation


def _programme(user, code: str):
    if not code:
        return None
    programme = programmes_visible_to(user).filter(code=code).first()
    if programme is None:
        raise serializers.ValidationError({"programme": [_("Unbekanntes Programm.")]})
    return programme


def _participation(pk: int | None):
    if pk is None:
        return None
    participation = Participation.objects.filter(pk=pk).first()
    if participation is None:  # the same answer as for one the writer may not act on (the service's)
        raise serializers.ValidationError(
            {"participation": [_("Diese Teilnahme gibt es nicht oder Sie dürfen für sie nichts erfassen.")]}
        )
    return participation


class EmployerContactViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ApiViewSet,
):
    """Kontakte mit Arbeitgebern (Kontakthistorie). Erfassen: schreibende Rollen der Regiestelle,
    der Regionalbüros, Träger und Mentorenprojekte; ändern: die erfassende Stelle und die
    Regiestelle. Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = EmployerContactSerializer
    filterset_class = EmployerContactFilter
    lookup_value_regex = ID_LOOKUP

    def get_queryset(self):
        user = self.request.user
        visible = participations_visible_to(user).filter(pk=OuterRef("participation_id"))
        return (
            contacts_visible_to(user)
            .annotate(participation_visible=Exists(visible))
            .order_by("-occurred_on", "-id")
        )

    def _show(self, contacts: list[EmployerContact], *, summary: str):
        """Serialize ``contacts`` and record the reads: one row per contact, one per person shown."""
        user = self.request.user
        visible = {c.participation_id for c in contacts if c.participation_id and c.participation_visible}
        audit_object_reads(
            actor=user,
            object_type="organisations.employercontact",
            object_ids=[c.pk for c in contacts],
            purpose=AUDIT_PURPOSE,
            summary=summary,
        )
        if visible:
            person_ids = Participation.objects.filter(pk__in=visible).values_list("person_id", flat=True)
            audit_reads(
                actor=user,
                persons=[Person(pk=pk) for pk in set(person_ids)],
                purpose=AUDIT_PURPOSE,
                summary=summary,
            )
        context = {**self.get_serializer_context(), "visible_participations": visible}
        return EmployerContactSerializer(contacts, many=True, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._show(list(page), summary="API: Arbeitgeberkontakte (Liste)"))

    def retrieve(self, request, *args, **kwargs):
        contact = self.get_object()
        return Response(self._show([contact], summary=f"API: Arbeitgeberkontakt {contact.pk}")[0])

    def _values(self, data: dict) -> dict:
        user = self.request.user
        return {
            "occurred_on": data["date"],
            "kind": data["kind"],
            "topic": data["topic"],
            "notes": data.get("notes", ""),
            "programme": _programme(user, data.get("programme", "")),
            "participation": _participation(data.get("participation")),
        }

    def _answer(self, contact: EmployerContact, code: int):
        instance = self.get_queryset().get(pk=contact.pk)
        return Response(
            self._show([instance], summary=f"API: Arbeitgeberkontakt {contact.pk}")[0], status=code
        )

    @extend_schema(
        request=EmployerContactWriteSerializer, responses=write_responses(EmployerContactSerializer)
    )
    def create(self, request, *args, **kwargs):
        """Einen Kontakt erfassen. Abgelehnt (400), nichts gespeichert: unbekannter Arbeitgeber,
        Datum in der Zukunft, eine Teilnahme, für die Sie nichts erfassen dürfen."""
        require_employer_writer(request.user)
        serializer = EmployerContactWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            contact = services.employer_contact_record(
                employer=_employer(request.user, data["employer"]),
                organisation=_organisation(data.get("organisation", "")),
                by=request.user,
                **self._values(data),
            )
        except DjangoValidationError as exc:
            raise api_validation_error(exc, CONTACT_FIELD_NAMES) from None
        return self._answer(contact, status.HTTP_201_CREATED)

    @extend_schema(
        request=EmployerContactWriteSerializer, responses=write_responses(EmployerContactSerializer)
    )
    def update(self, request, *args, **kwargs):
        """Einen Kontakt ändern (PUT: alle Felder, PATCH: die angegebenen). Arbeitgeber und
        erfassende Stelle bleiben."""
        require_employer_writer(request.user)
        contact = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = EmployerContactWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        if "employer" in given and given["employer"] != contact.employer.code:
            raise serializers.ValidationError({"employer": [_("Der Arbeitgeber eines Kontakts bleibt.")]})
        current = {
            "date": contact.occurred_on,
            "kind": contact.kind,
            "topic": contact.topic,
            "notes": contact.notes,
            "programme": getattr(contact.programme, "code", ""),
            "participation": contact.participation_id,
        }
        data = {**current, **given} if partial else {**given}
        try:
            contact = services.employer_contact_update(contact=contact, by=request.user, **self._values(data))
        except DjangoValidationError as exc:
            raise api_validation_error(exc, CONTACT_FIELD_NAMES) from None
        return self._answer(contact, status.HTTP_200_OK)

    @extend_schema(
        request=EmployerContactWriteSerializer, responses=write_responses(EmployerContactSerializer)
    )
    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)


class VacancyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ApiViewSet,
):
    """Stellen bei Arbeitgebern (Beruf nach KldB 2010, Wochenstunden, Beginn, Plätze, Status).
    Erfassen und ändern: schreibende Rollen der Regiestelle, der Regionalbüros, Träger und
    Mentorenprojekte."""

    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    lookup_value_regex = ID_LOOKUP

    def get_queryset(self):
        return vacancies_visible_to(self.request.user).order_by("-published_on", "-id")

    @staticmethod
    def _values(data: dict) -> dict:
        names = ("title", "occupation", "hours", "starts_on", "places", "status", "published_on", "closed_on")
        values = {name: data[name] for name in names if name in data}
        if values.get("published_on") is None and "published_on" in values:
            values["published_on"] = timezone.localdate()
        return values

    @extend_schema(request=VacancyWriteSerializer, responses=write_responses(VacancySerializer))
    def create(self, request, *args, **kwargs):
        """Eine Stelle erfassen. Ein Beruf außerhalb der KldB 2010: HTTP 400, nichts gespeichert."""
        require_employer_writer(request.user)
        serializer = VacancyWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            vacancy = services.vacancy_create(
                employer=_employer(request.user, data["employer"]),
                organisation=_organisation(data.get("organisation", "")),
                by=request.user,
                **self._values(data),
            )
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(
            VacancySerializer(self.get_queryset().get(pk=vacancy.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=VacancyWriteSerializer, responses=write_responses(VacancySerializer))
    def update(self, request, *args, **kwargs):
        """Eine Stelle ändern (PUT: alle Felder, PATCH: die angegebenen), z. B. Status „besetzt“."""
        require_employer_writer(request.user)
        vacancy: Vacancy = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = VacancyWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        if "employer" in given and given["employer"] != vacancy.employer.code:
            raise serializers.ValidationError({"employer": [_("Der Arbeitgeber einer Stelle bleibt.")]})
        if "organisation" in given and given["organisation"] not in ("", vacancy.organisation.code):
            raise serializers.ValidationError({"organisation": [_("Die erfassende Stelle bleibt.")]})
        values = self._values(given)
        if not partial:
            for name in ("hours", "starts_on", "closed_on"):
                values.setdefault(name, None)
        try:
            vacancy = services.vacancy_update(vacancy=vacancy, by=request.user, **values)
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(VacancySerializer(self.get_queryset().get(pk=vacancy.pk)).data)

    @extend_schema(request=VacancyWriteSerializer, responses=write_responses(VacancySerializer))
    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)
