"""What every API view shares: JSON only, token or session auth, pagination, filters, audit."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.pagination import Pagination
from stufenweg.api.parsers import JSONParser
from stufenweg.api.permissions import CanWrite, KeyScopeAllows
from stufenweg.core.audit import audit_read, audit_reads

AUDIT_PURPOSE = "API"
CODE_LOOKUP = r"[^/\x00]+"
ID_LOOKUP = r"[0-9]{1,18}"


class ApiViewSet(viewsets.GenericViewSet):
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    permission_classes = [KeyScopeAllows, CanWrite]  # a read-only key is refused first
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = api_validation_error(exc)
        return super().handle_exception(exc)


class AuditedReadMixin:
    """List and retrieve of personal data, with every person shown recorded in the audit trail."""

    audit_label = ""

    def persons_of(self, objects) -> list:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        persons = {person.pk: person for person in self.persons_of(page)}
        if persons:
            audit_reads(
                actor=request.user,
                persons=persons.values(),
                purpose=AUDIT_PURPOSE,
                summary=f"API: {self.audit_label} (Liste)",
            )
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        for person in self.persons_of([instance]):
            audit_read(
                actor=request.user,
                person=person,
                purpose=AUDIT_PURPOSE,
                summary=f"API: {self.audit_label} {instance.pk}",
            )
        return Response(self.get_serializer(instance).data)
