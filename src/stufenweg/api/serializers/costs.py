"""Programme costs in the API (docs/api.md, „Kosten“): what is read and what is sent to create."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField
from stufenweg.costs.models import CostCategory, CostEntry


class CostEntrySerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    organisation = serializers.CharField(
        source="organisation.code", read_only=True, allow_null=True, default=None
    )
    region = serializers.CharField(source="region.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = CostEntry
        fields = [
            "id",
            "programme",
            "organisation",
            "region",
            "category",
            "monthly_amount",
            "valid_from",
            "valid_to",
            "note",
        ]
        read_only_fields = fields


class CostEntryWriteSerializer(serializers.Serializer):
    programme = serializers.CharField(max_length=32, help_text=_("Code des Programms"))
    organisation = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Code der Organisation (Regiestelle)"),
    )
    region = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default="", help_text=_("Code der Region")
    )
    category = serializers.ChoiceField(choices=CostCategory.choices)
    monthly_amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0))
    valid_from = BoundedDateField()
    valid_to = BoundedDateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
