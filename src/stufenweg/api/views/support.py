"""Support services through the API: referrals to support services, barriers, phase changes of the
support plan (and the programme's phases), profile categories. Read within the participations the
user sees (audited); written only through ``support.services`` (``service_referral_plan``,
``barrier_record``, ``phase_change``, ``profile_record``) — the casework writing rule of the web
and the import (``support.authority``; referrals to services also by the Jobcenter): 404 for a participation the user does not see, 403 with
the service's message, 400 per field. Histories are lists: every assessment or phase change is a
row; ``current=true`` keeps the newest row (per kind for barriers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.support import (
    BarrierCreateSerializer,
    BarrierSerializer,
    PhaseChangeCreateSerializer,
    PhaseChangeSerializer,
    ProfileRatingCreateSerializer,
    ProfileRatingSerializer,
    ServiceReferralCreateSerializer,
    ServiceReferralSerializer,
    SupportPhaseSerializer,
)
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet, AuditedReadMixin
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.people.models import Person
from stufenweg.programmes.selectors import programmes_visible_to
from stufenweg.support import services
from stufenweg.support.codes import BarrierKind, ProfileCategory, ReferralStatus, ServiceKind
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, ServiceReferral
from stufenweg.support.selectors import phases_of


class ServiceReferralFilter(filters.FilterSet):
    person_id = filters.CharFilter(
        field_name="participation__person__person_id", max_length=64, label="Personen-ID"
    )
    programme = filters.CharFilter(
        field_name="participation__programme__code", max_length=64, label="Programm"
    )
    kind = filters.ChoiceFilter(choices=ServiceKind.choices, label="Angebot")
    status = filters.ChoiceFilter(choices=ReferralStatus.choices, label="Stand")


class ServiceReferralViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Vermittlungen in Unterstützungsangebote (Spalten wie services.csv) der sichtbaren
    Teilnahmen. Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = ServiceReferralSerializer
    filterset_class = ServiceReferralFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Vermittlung in ein Unterstützungsangebot"

    def get_queryset(self):
        return (
            ServiceReferral.objects.filter(
                participation__in=participations_visible_to(self.request.user).values("pk")
            )
            .select_related("participation__person", "participation__programme")
            .order_by("id")
        )

    def persons_of(self, objects) -> list:
        return [Person(pk=referral.participation.person_id) for referral in objects]

    @extend_schema(
        request=ServiceReferralCreateSerializer,
        responses=write_responses(ServiceReferralSerializer, names_a_person=True),
    )
    def create(self, request, *args, **kwargs):
        """Eine Vermittlung planen (schreibende Mitglieder der Regiestelle, eines Regionalbüros,
        eines Trägers, eines Mentorenprojekts oder des Jobcenters, die die Teilnahme sehen — das
        Jobcenter die Teilnahmen der Personen, die es zugewiesen hat)."""
        serializer = ServiceReferralCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        participation = (
            participations_visible_to(request.user)
            .filter(person__person_id=data["person_id"], programme=data["programme"])
            .select_related("person")
            .first()
        )
        if participation is None:
            raise exceptions.NotFound(
                {"person_id": [_("Keine Teilnahme dieser Person in diesem Programm gefunden.")]}
            )
        try:
            with transaction.atomic():
                referral = services.service_referral_plan(
                    participation=participation,
                    kind=data["kind"],
                    on=data["planned_on"],
                    provider=data["provider"],
                    notes=data["notes"],
                    by=request.user,
                )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc, {"on": "planned_on", "participation": "person_id"}) from None
        instance = self.get_queryset().get(pk=referral.pk)
        return Response(ServiceReferralSerializer(instance).data, status=status.HTTP_201_CREATED)


# --- barriers, phase changes, profile categories -------------------------------------------------


def _newer(model, day: str, *same: str) -> Exists:
    """A row of the same participation (and ``same`` fields) that is newer than this one: a later
    ``day``, or the same day recorded later (as ``support.selectors.support_file`` orders them)."""
    return Exists(
        model.objects.filter(
            participation=OuterRef("participation"), **{f: OuterRef(f) for f in same}
        ).filter(Q(**{f"{day}__gt": OuterRef(day)}) | Q(**{day: OuterRef(day), "id__gt": OuterRef("id")}))
    )


class _EntryFilter(filters.FilterSet):
    """The filters of every support list: the participant, the programme, the newest rows only."""

    person_id = filters.CharFilter(
        field_name="participation__person__person_id", max_length=64, label="Personen-ID"
    )
    programme = filters.CharFilter(
        field_name="participation__programme__code", max_length=64, label="Programm"
    )
    current = filters.BooleanFilter(
        method="filter_current",
        label="nur der aktuelle Stand (true) oder nur der frühere Verlauf (false)",
    )
    day = "assessed_on"
    newer_than_same: tuple[str, ...] = ()

    def filter_current(self, queryset, name, value):
        newer = _newer(queryset.model, self.day, *self.newer_than_same)
        return queryset.filter(~newer if value else newer)


class BarrierFilter(_EntryFilter):
    kind = filters.ChoiceFilter(choices=BarrierKind.choices, label="Hemmnis")
    present = filters.BooleanFilter(label="liegt vor")
    newer_than_same = ("kind",)


class PhaseChangeFilter(_EntryFilter):
    day = "on"
    phase = filters.NumberFilter(field_name="phase__position", min_value=1, max_value=32767, label="Phase")


class ProfileRatingFilter(_EntryFilter):
    category = filters.ChoiceFilter(choices=ProfileCategory.choices, label="Profillage")


class _SupportEntryViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """List, retrieve and create of one kind of support entry of the visible participations."""

    lookup_value_regex = ID_LOOKUP
    model = None
    create_serializer_class = None
    field_names: dict[str, str] = {}  # service field -> API field

    def get_queryset(self):
        return (
            self.model.objects.filter(
                participation__in=participations_visible_to(self.request.user).values("pk")
            )
            .select_related("participation__person", "participation__programme", *self.related)
            .order_by("id")
        )

    related: tuple[str, ...] = ()

    def persons_of(self, objects) -> list:
        return [Person(pk=entry.participation.person_id) for entry in objects]

    def write(self, participation, data, by):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        serializer = self.create_serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        participation = (
            participations_visible_to(request.user)
            .filter(person__person_id=data["person_id"], programme=data["programme"])
            .select_related("person", "programme")
            .first()
        )
        if participation is None:
            raise exceptions.NotFound(
                {"person_id": [_("Keine Teilnahme dieser Person in diesem Programm gefunden.")]}
            )
        try:
            with transaction.atomic():
                entry = self.write(participation, data, request.user)
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc, {"participation": "person_id", **self.field_names}) from None
        instance = self.get_queryset().get(pk=entry.pk)
        return Response(self.get_serializer(instance).data, status=status.HTTP_201_CREATED)


class BarrierViewSet(_SupportEntryViewSet):
    """Vermittlungshemmnisse der sichtbaren Teilnahmen (Spalten wie barriers.csv): jede
    Feststellung ist eine Zeile des Verlaufs, `current=true` zeigt je Hemmnis die neueste. Jeder
    Abruf wird im Protokoll vermerkt."""

    serializer_class = BarrierSerializer
    create_serializer_class = BarrierCreateSerializer
    filterset_class = BarrierFilter
    model = Barrier
    audit_label = "Vermittlungshemmnis"

    def write(self, participation, data, by):
        return services.barrier_record(
            participation=participation,
            kind=data["kind"],
            present=data["present"],
            on=data["assessed_on"],
            notes=data["notes"],
            by=by,
        )

    @extend_schema(
        request=BarrierCreateSerializer, responses=write_responses(BarrierSerializer, names_a_person=True)
    )
    def create(self, request, *args, **kwargs):
        """Ein Hemmnis feststellen (liegt vor / liegt nicht mehr vor) — wer für die Teilnahme
        Fallarbeit erfassen darf, wie im Web."""
        return super().create(request, *args, **kwargs)


class PhaseChangeViewSet(_SupportEntryViewSet):
    """Phasenwechsel des Förderplans der sichtbaren Teilnahmen (Spalten wie support_phases.csv),
    mit Position und Namen der Phase im Programm; `current=true` zeigt je Teilnahme die aktuelle
    Phase. Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = PhaseChangeSerializer
    create_serializer_class = PhaseChangeCreateSerializer
    filterset_class = PhaseChangeFilter
    model = PhaseChange
    related = ("phase",)
    audit_label = "Phasenwechsel"

    def write(self, participation, data, by):
        return services.phase_change(
            participation=participation,
            position=data["phase"],
            on=data["on"],
            phase_name=data["phase_name"],
            by=by,
        )

    @extend_schema(
        request=PhaseChangeCreateSerializer,
        responses=write_responses(PhaseChangeSerializer, names_a_person=True),
    )
    def create(self, request, *args, **kwargs):
        """Die Teilnahme tritt an einem Tag in eine Phase ihres Programms ein (eine Phase in
        Gebrauch, nicht vor Beginn der bisherigen Phase) — wer Fallarbeit erfassen darf."""
        return super().create(request, *args, **kwargs)


class ProfileRatingViewSet(_SupportEntryViewSet):
    """Profillagen (Integrationsprognose) der sichtbaren Teilnahmen (Spalten wie
    profile_ratings.csv); `current=true` zeigt je Teilnahme die neueste Einschätzung. Jeder Abruf
    wird im Protokoll vermerkt."""

    serializer_class = ProfileRatingSerializer
    create_serializer_class = ProfileRatingCreateSerializer
    filterset_class = ProfileRatingFilter
    model = ProfileRating
    audit_label = "Profillage"

    def write(self, participation, data, by):
        return services.profile_record(
            participation=participation, category=data["category"], on=data["assessed_on"], by=by
        )

    @extend_schema(
        request=ProfileRatingCreateSerializer,
        responses=write_responses(ProfileRatingSerializer, names_a_person=True),
    )
    def create(self, request, *args, **kwargs):
        """Die Profillage an einem Tag einschätzen — wer für die Teilnahme Fallarbeit erfassen darf."""
        return super().create(request, *args, **kwargs)


@extend_schema(
    parameters=[
        OpenApiParameter("programme", str, description="Programm (Code)", required=False),
    ]
)
class SupportPhaseViewSet(mixins.ListModelMixin, ApiViewSet):
    """Die Phasen des Förderplans je sichtbarem Programm, in ihrer Reihenfolge (ohne eigene
    Einstellung die vier Phasen des 4-Phasen-Modells); `active=false`: nicht mehr in Gebrauch, nur
    in früheren Phasenwechseln. Keine personenbezogenen Daten."""

    serializer_class = SupportPhaseSerializer
    filter_backends = []

    def get_queryset(self):
        programmes = programmes_visible_to(self.request.user).order_by("code", "id")
        code = self.request.query_params.get("programme")
        if code is not None:
            programmes = programmes.filter(code=code[:64])
        return phases_of(programmes)
