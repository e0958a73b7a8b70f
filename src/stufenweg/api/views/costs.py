"""Programme costs through the API: list and create (docs/api.md, „Kosten“). Reading: the
coordination office's members; creating: its writing members — checked by the service
(``costs.services.cost_entry_save``), which the web form and the import call as well."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response

from stufenweg.api.errors import api_validation_error
from stufenweg.api.filters import DateFilter
from stufenweg.api.schema import write_responses
from stufenweg.api.serializers.costs import CostEntrySerializer, CostEntryWriteSerializer
from stufenweg.api.views.base import ID_LOOKUP, ApiViewSet
from stufenweg.costs import services
from stufenweg.costs.models import CostEntry
from stufenweg.costs.views import reads_costs
from stufenweg.organisations.models import Organisation, Region
from stufenweg.programmes.models import Programme


class CostEntryFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__code", max_length=32, label="Programm (Code)")
    region = filters.CharFilter(field_name="region__code", max_length=32, label="Region (Code)")
    category = filters.ChoiceFilter(
        field_name="category", choices=CostEntry._meta.get_field("category").choices
    )
    valid_on = DateFilter(method="filter_valid_on", label="gilt an diesem Tag")

    def filter_valid_on(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(valid_from__lte=value).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=value)
        )


def _by_code(model, code: str, field: str, label: str):
    if not code:
        return None
    found = model.objects.filter(code=code).first()
    if found is None:
        raise serializers.ValidationError(
            {field: [_("%(what)s „%(code)s“ gibt es nicht.") % {"what": label, "code": code}]}
        )
    return found


class CostEntryViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, ApiViewSet):
    """Kostenposten der Programme (Betrag je Monat, Kategorie, Gültigkeit; Kostenträger:
    Organisation oder Region). Lesen: Mitglieder der Regiestelle; erfassen: ihre schreibenden
    Rollen. Überschneidende Gültigkeiten: HTTP 400, nichts gespeichert."""

    serializer_class = CostEntrySerializer
    filterset_class = CostEntryFilter
    lookup_value_regex = ID_LOOKUP

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, drawn without a user
            return CostEntry.objects.none()
        if not reads_costs(self.request.user):
            raise ApiPermissionDenied(_("Die Kosten der Programme sieht nur die Regiestelle."))
        return CostEntry.objects.select_related("programme", "organisation", "region").order_by(
            "programme__code", "valid_from", "category", "id"
        )

    @extend_schema(request=CostEntryWriteSerializer, responses=write_responses(CostEntrySerializer))
    def create(self, request, *args, **kwargs):
        """Einen Kostenposten erfassen."""
        self.get_queryset()  # readers only
        serializer = CostEntryWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        programme = _by_code(Programme, data.pop("programme"), "programme", _("Das Programm"))
        organisation = _by_code(Organisation, data.pop("organisation"), "organisation", _("Die Organisation"))
        region = _by_code(Region, data.pop("region"), "region", _("Die Region"))
        try:
            entry = services.cost_entry_save(
                programme=programme, organisation=organisation, region=region, by=request.user, **data
            )
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from None
        except DjangoValidationError as exc:
            raise api_validation_error(exc) from None
        return Response(CostEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
