"""Support services: referrals, barriers, phase changes of the support plan (and the programme's
phases), profile categories; field names as in the exchange files services.csv, barriers.csv,
support_phases.csv and profile_ratings.csv."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField, CodeField
from stufenweg.programmes.selectors import programmes_visible_to
from stufenweg.support.codes import NEAR_PROFILES, BarrierKind, ProfileCategory, ServiceKind
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, ServiceReferral


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


class _ParticipantEntry(serializers.ModelSerializer):
    """An entry of a participation, named as in the exchange files (person × programme)."""

    participation = serializers.IntegerField(source="participation_id", read_only=True)
    person_id = serializers.CharField(source="participation.person.person_id", read_only=True)
    programme = serializers.CharField(source="participation.programme.code", read_only=True)


class _ParticipantCreate(serializers.Serializer):
    """The participation (person × programme) an entry is for."""

    person_id = serializers.CharField(max_length=64)
    programme = CodeField(selector=programmes_visible_to)


class BarrierSerializer(_ParticipantEntry):
    class Meta:
        model = Barrier
        fields = [
            "id",
            "participation",
            "person_id",
            "programme",
            "kind",
            "present",
            "assessed_on",
            "recorded_at",
        ]
        read_only_fields = fields


class BarrierCreateSerializer(_ParticipantCreate):
    """A barrier of the needs assessment as assessed on a day (a new row of its history)."""

    kind = serializers.ChoiceField(choices=BarrierKind.choices)
    present = serializers.BooleanField(help_text=_("liegt vor (false: liegt nicht oder nicht mehr vor)"))
    assessed_on = BoundedDateField()
    notes = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default="", write_only=True,
        help_text=_("Notiz (verschlüsselt gespeichert, nicht wieder ausgegeben)"),
    )  # fmt: skip


class PhaseChangeSerializer(_ParticipantEntry):
    phase = serializers.IntegerField(
        source="phase.position", read_only=True, help_text=_("Position in den Phasen des Programms")
    )
    phase_name = serializers.CharField(source="phase.name", read_only=True)

    class Meta:
        model = PhaseChange
        fields = ["id", "participation", "person_id", "programme", "on", "phase", "phase_name", "recorded_at"]
        read_only_fields = fields


class PhaseChangeCreateSerializer(_ParticipantCreate):
    """The participation enters a phase of its programme's support plan on a day."""

    on = BoundedDateField()
    phase = serializers.IntegerField(
        min_value=1, max_value=32767, help_text=_("Position in den Phasen des Programms")
    )
    phase_name = serializers.CharField(
        max_length=80, required=False, allow_blank=True, default="",
        help_text=_("wenn angegeben: muss der Name der Phase im Programm sein"),
    )  # fmt: skip


class SupportPhaseSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    position = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    active = serializers.BooleanField(
        read_only=True, help_text=_("in Gebrauch (false: nur noch in früheren Phasenwechseln)")
    )


class ProfileRatingSerializer(_ParticipantEntry):
    integration_near = serializers.SerializerMethodField(
        help_text=_("integrationsnah: Integration innerhalb von 12 Monaten erwartet")
    )
    prognosis = serializers.SerializerMethodField(help_text=_("Integrationsprognose (Text)"))

    class Meta:
        model = ProfileRating
        fields = [
            "id",
            "participation",
            "person_id",
            "programme",
            "category",
            "integration_near",
            "prognosis",
            "assessed_on",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_integration_near(self, rating: ProfileRating) -> bool:
        return rating.category in NEAR_PROFILES

    def get_prognosis(self, rating: ProfileRating) -> str:
        return rating.prognosis


class ProfileRatingCreateSerializer(_ParticipantCreate):
    """The profile category (integration prognosis) as assessed on a day."""

    category = serializers.ChoiceField(choices=ProfileCategory.choices)
    assessed_on = BoundedDateField()
