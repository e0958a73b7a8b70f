"""Referrals to support services; field names as in the exchange file services.csv."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField, CodeField
from stufenweg.programmes.selectors import programmes_visible_to
from stufenweg.support.codes import ServiceKind
from stufenweg.support.models import ServiceReferral


class ServiceReferralSerializer(serializers.ModelSerializer):
    participation = serializers.IntegerField(source="participation_id", read_only=True)
    person_id = serializers.CharField(source="participation.person.person_id", read_only=True)
    programme = serializers.CharField(source="participation.programme.code", read_only=True)

    class Meta:
        model = ServiceReferral
        fields = [
            "id",
            "participation",
            "person_id",
            "programme",
            "kind",
            "provider",
            "status",
            "planned_on",
            "referred_on",
            "started_on",
            "ended_on",
            "declined_on",
            "created_at",
        ]
        read_only_fields = fields


class ServiceReferralCreateSerializer(serializers.Serializer):
    """Plan a referral of a participant (person × programme) to a support service."""

    person_id = serializers.CharField(max_length=64)
    programme = CodeField(selector=programmes_visible_to)
    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    provider = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    planned_on = BoundedDateField()
    notes = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default="", write_only=True,
        help_text=_("Notiz (verschlüsselt gespeichert, nicht wieder ausgegeben)"),
    )  # fmt: skip
