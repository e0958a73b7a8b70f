"""Programmes with their stages, and measures with their capacity (no personal data)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stufenweg.programmes.models import Measure, Programme, Stage


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


class ProgrammeSerializer(serializers.ModelSerializer):
    stages = StageSerializer(many=True, read_only=True)

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
            "stages",
        ]
        read_only_fields = fields


class MeasureSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    stages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    provider = serializers.CharField(source="provider.code", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    occupied_today = serializers.IntegerField(read_only=True, help_text="belegte Plätze heute")
    free_today = serializers.SerializerMethodField(help_text="freie Plätze heute (nicht negativ)")

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
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField())
    def get_free_today(self, measure: Measure) -> int:
        return max(measure.places - measure.occupied_today, 0)
