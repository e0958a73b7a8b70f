"""Programmes and measures: visible to every staff member, no personal data."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from rest_framework import mixins

from stufenweg.api.filters import MeasureFilter, ProgrammeFilter
from stufenweg.api.serializers.catalogue import MeasureSerializer, ProgrammeSerializer
from stufenweg.api.views.base import CODE_LOOKUP, ApiViewSet
from stufenweg.journeys.models import Enrolment
from stufenweg.programmes.models import Stage
from stufenweg.programmes.selectors import measures_visible_to, programmes_visible_to


class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Förderprogramme mit ihren Stufen (Regeln und zulässige Folgestufen)."""

    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP

    def get_queryset(self):
        stages = Stage.objects.order_by("position").prefetch_related("next_stages")
        return (
            programmes_visible_to(self.request.user)
            .prefetch_related(Prefetch("stages", queryset=stages), "caseload_ratios")
            .order_by("code", "id")
        )


class MeasureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Maßnahmen mit Stufen, Träger, Region, Plätzen und der Belegung von heute."""

    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP

    def get_queryset(self):
        today = timezone.localdate()
        occupied = (
            Enrolment.objects.filter(measure_id=OuterRef("pk"), entered_on__lte=today)
            .exclude(exited_on__lte=today)
            .order_by()
            .values("measure_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            measures_visible_to(self.request.user)
            .select_related("programme", "provider", "region")
            .prefetch_related("stages")
            .annotate(occupied_today=Coalesce(Subquery(occupied, output_field=IntegerField()), Value(0)))
            .order_by("code", "id")
        )
