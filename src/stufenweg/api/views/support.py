"""Referrals to support services: read within the participations the user sees (audited),
planned through ``support.services.service_referral_plan`` — the casework writing rule of the
web and the import (``support.authority``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.support import ServiceReferralCreateSerializer, ServiceReferralSerializer
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet, AuditedReadMixin
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.people.models import Person
from stufenweg.support import services
from stufenweg.support.codes import ReferralStatus, ServiceKind
from stufenweg.support.models import ServiceReferral


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
        """Eine Vermittlung planen (wer für die Teilnahme Fallarbeit erfassen darf: schreibende
        Mitglieder der Regiestelle, eines Regionalbüros, eines Trägers oder Mentorenprojekts, die
        die Teilnahme sehen)."""
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
