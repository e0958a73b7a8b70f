"""Households (Bedarfsgemeinschaften) and their benefit months through the API: read as the
household page (``people.selectors.households_visible_to``: a member's participation in the
user's sight), months recorded or corrected through ``people.households.month_record`` — the
service of the household page, which checks who may record (the coordination office and the
writing members of the organisations that see a member). Every household or month shown records a
read of the members the user sees (purpose „API“); other members are counted, never named."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.filters import DateFilter, IdFilter
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.households import (
    HouseholdMonthSerializer,
    HouseholdMonthWriteSerializer,
    HouseholdSerializer,
)
from stufenweg.api.views.base import AUDIT_PURPOSE, ID_LOOKUP, ApiViewSet
from stufenweg.core.audit import audit_reads
from stufenweg.people import households as service
from stufenweg.people.models import HouseholdMonth, Person
from stufenweg.people.selectors import households_visible_to, persons_visible_to


def _members(user, household_ids) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Per household: the ids of the members ``user`` sees, and how many others there are."""
    seen = set(persons_visible_to(user).filter(household_id__in=household_ids).values_list("pk", flat=True))
    members: dict[int, list[int]] = defaultdict(list)
    hidden: dict[int, int] = defaultdict(int)
    for pk, household_id in Person.objects.filter(household_id__in=household_ids).values_list(
        "pk", "household_id"
    ):
        if pk in seen:
            members[household_id].append(pk)
        else:
            hidden[household_id] += 1
    return members, hidden


def _audit(user, members: dict[int, list[int]], summary: str) -> None:
    persons = [Person(pk=pk) for pks in members.values() for pk in pks]
    if persons:
        audit_reads(actor=user, persons=persons, purpose=AUDIT_PURPOSE, summary=summary)


class HouseholdFilter(filters.FilterSet):
    household_id = filters.CharFilter(field_name="household_id", max_length=64, label="BG-Nummer")


class HouseholdViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Bedarfsgemeinschaften, die Sie über die Teilnahme eines Mitglieds sehen: BG-Nummer, die
    Mitglieder in Ihrer Sicht (IDs) und die Zahl der übrigen. Jeder Abruf wird im Protokoll
    vermerkt."""

    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter
    lookup_value_regex = ID_LOOKUP

    def get_queryset(self):
        return households_visible_to(self.request.user).order_by("household_id", "id")

    def _show(self, households, *, summary: str):
        members, hidden = _members(self.request.user, [h.pk for h in households])
        _audit(self.request.user, members, summary)
        context = {**self.get_serializer_context(), "members": members, "hidden": hidden}
        return HouseholdSerializer(households, many=True, context=context).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(
            self._show(list(page), summary="API: Bedarfsgemeinschaften (Liste)")
        )

    def retrieve(self, request, *args, **kwargs):
        household = self.get_object()
        return Response(self._show([household], summary=f"API: Bedarfsgemeinschaft {household.pk}")[0])


class HouseholdMonthFilter(filters.FilterSet):
    household = IdFilter(field_name="household_id", label="Bedarfsgemeinschaft (ID)")
    household_id = filters.CharFilter(field_name="household__household_id", max_length=64, label="BG-Nummer")
    since = DateFilter(field_name="month", lookup_expr="gte", label="Monat ab (Datum)")
    until = DateFilter(field_name="month", lookup_expr="lte", label="Monat bis (Datum)")


class HouseholdMonthViewSet(mixins.ListModelMixin, ApiViewSet):
    """Leistungsmonate der sichtbaren Bedarfsgemeinschaften (Spalten wie households.csv).
    Erfassen oder berichtigen (ein schon erfasster Monat wird ersetzt): die Regiestelle und die
    schreibenden Mitglieder der Stellen, die ein Mitglied sehen."""

    serializer_class = HouseholdMonthSerializer
    filterset_class = HouseholdMonthFilter

    def get_queryset(self):
        return (
            HouseholdMonth.objects.filter(household__in=households_visible_to(self.request.user).values("pk"))
            .select_related("household")
            .order_by("household__household_id", "month", "id")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        members, _hidden = _members(request.user, {m.household_id for m in page})
        _audit(request.user, members, "API: Leistungsmonate (Liste)")
        return self.get_paginated_response(HouseholdMonthSerializer(page, many=True).data)

    @extend_schema(
        request=HouseholdMonthWriteSerializer,
        responses={
            **write_responses(HouseholdMonthSerializer),
            200: OpenApiResponse(HouseholdMonthSerializer, description="Ein erfasster Monat wurde ersetzt."),
            404: OpenApiResponse(description="Bedarfsgemeinschaft nicht vorhanden oder nicht sichtbar."),
        },
    )
    def create(self, request, *args, **kwargs):
        """Einen Leistungsmonat erfassen (201) oder berichtigen (200: der Monat war erfasst und wird
        ersetzt). Abgelehnt, nichts gespeichert: ein Monat in der Zukunft, weniger als eine Person,
        negative Beträge (400); wer für die Bedarfsgemeinschaft nichts erfassen darf (403)."""
        serializer = HouseholdMonthWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        household = households_visible_to(request.user).filter(pk=data["household"]).first()
        if household is None:
            raise exceptions.NotFound({"household": [_("Diese Bedarfsgemeinschaft gibt es nicht.")]})
        existed = HouseholdMonth.objects.filter(household=household, month=data["month"]).exists()
        try:
            row = service.month_record(
                household=household,
                month=data["month"],
                members=data["members"],
                llu=data["llu"],
                kdu=data["kdu"],
                by=request.user,
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        row = self.get_queryset().get(pk=row.pk)
        members, _hidden = _members(request.user, [household.pk])
        _audit(request.user, members, f"API: Leistungsmonat {row.pk}")
        return Response(
            HouseholdMonthSerializer(row).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )
