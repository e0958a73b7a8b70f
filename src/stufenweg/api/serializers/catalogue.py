"""Programmes with their stages, and measures with their capacity (no personal data)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stufenweg.programmes.models import CaseloadRatio, Measure, Programme, Stage


class StageSerializer(serializers.ModelSerializer):
    next_stages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Stage
        fields = [
            "code",
            "name",
            "position",
            "max_months",
            "min_age",
            "max_age",
            "min_unemployed_months",
            "extendable",
            "next_stages",
        ]
        read_only_fields = fields


class CaseloadRatioSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseloadRatio
        fields = ["valid_from", "ratio"]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    stages = StageSerializer(many=True, read_only=True)
    caseload_ratio = serializers.SerializerMethodField(
        help_text="Betreuungsschlüssel (Teilnehmende je Fachkraft), der heute gilt; null: keiner festgelegt"
    )
    caseload_ratios = CaseloadRatioSerializer(
        many=True, read_only=True, help_text="alle Betreuungsschlüssel mit ihrem Gültigkeitsbeginn"
    )

    class Meta:
        model = Programme
        fields = [
            "code",
            "name",
            "description",
            "active",
            "ltu_rule",
            "upon_leaving_days",
            "follow_up_months",
            "caseload_ratio",
            "caseload_ratios",
            "stages",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_caseload_ratio(self, programme: Programme) -> int | None:
        in_force = programme.caseload_ratio_on(timezone.localdate())
        return in_force.ratio if in_force else None


class MeasureSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    stages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    provider = serializers.CharField(source="provider.code", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    occupied_today = serializers.IntegerField(read_only=True, help_text="belegte Plätze heute")
    free_today = serializers.SerializerMethodField(help_text="freie Plätze heute (nicht negativ)")
    occupations = serializers.SerializerMethodField(
        help_text="Berufe, auf die die Maßnahme vorbereitet (fünfstellige Schlüssel der KldB 2010)"
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "name",
            "programme",
            "stages",
            "provider",
            "provider_name",
            "region",
            "operation",
            "location",
            "places",
            "start",
            "end",
            "rolling_entry",
            "allow_overbooking",
            "occupied_today",
            "free_today",
            "occupations",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField())
    def get_free_today(self, measure: Measure) -> int:
        return max(measure.places - measure.occupied_today, 0)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_occupations(self, measure: Measure) -> list[str]:
        return measure.occupation_codes
