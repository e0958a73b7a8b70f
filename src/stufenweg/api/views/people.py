"""Persons: read within the user's scope (audited), create through ``people.services``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.filters import PersonFilter
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.persons import PersonCreateSerializer, PersonSerializer
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet, AuditedReadMixin
from stufenweg.people.selectors import persons_visible_to
from stufenweg.people.services import person_create


class PersonViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Personen (Spalten wie persons.csv). Jeder Abruf wird im Protokoll vermerkt."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_value_regex = ID_LOOKUP
    audit_label = "Person"

    def get_queryset(self):
        return persons_visible_to(self.request.user).select_related("household").order_by("id")

    def persons_of(self, objects) -> list:
        return list(objects)

    @extend_schema(request=PersonCreateSerializer, responses=write_responses(PersonSerializer))
    def create(self, request, *args, **kwargs):
        """Person anlegen (Rollen Fallbearbeitung und Organisationsverwaltung). Danach ist sie
        für die anlegende Stelle sichtbar, sobald eine Zuweisung oder Eignungsfeststellung
        erfasst ist (``POST /api/v1/events/``)."""
        serializer = PersonCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                person = person_create(by=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)
