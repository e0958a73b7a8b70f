"""Employers (read), their contact history and vacancies (read, create, change) in the API.
Codes as in the exchange format (``organisations.csv``: the employer's ``code``)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField
from stufenweg.organisations.codes import ContactKind, ContactTopic, VacancyStatus
from stufenweg.organisations.models import EmployerContact, Organisation, Vacancy


class EmployerSerializer(serializers.ModelSerializer):
    """An employer of the register without its contact person (personal data: web page only)."""

    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sector = serializers.CharField(source="employer_profile.sector", read_only=True, default="")
    postcode = serializers.CharField(source="employer_profile.postcode", read_only=True, default="")
    town = serializers.CharField(source="employer_profile.town", read_only=True, default="")

    class Meta:
        model = Organisation
        fields = ["code", "name", "region", "active", "sector", "postcode", "town"]
        read_only_fields = fields


class EmployerContactSerializer(serializers.ModelSerializer):
    employer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="erfassende Stelle (Code)"
    )
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    participation = serializers.SerializerMethodField(
        help_text="Id der Teilnahme, die der Kontakt betrifft; null, wenn keine oder außerhalb Ihres Bereichs"
    )
    date = serializers.DateField(source="occurred_on", read_only=True)
    staff = serializers.CharField(source="staff.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = EmployerContact
        fields = [
            "id",
            "employer",
            "organisation",
            "programme",
            "participation",
            "date",
            "kind",
            "topic",
            "notes",
            "staff",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_participation(self, contact) -> int | None:
        visible = self.context.get("visible_participations", set())
        return contact.participation_id if contact.participation_id in visible else None


class EmployerContactWriteSerializer(serializers.Serializer):
    """What a caseworker gives when recording or changing a contact (validation, then
    ``organisations.employer_services``)."""

    employer = serializers.CharField(max_length=64, help_text=_("Code des Arbeitgebers"))
    date = BoundedDateField()
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    topic = serializers.ChoiceField(choices=ContactTopic.choices)
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    programme = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    participation = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None
    )
    organisation = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("erfassende Stelle (Code); leer: Ihre erste Stelle mit schreibender Rolle"),
    )


class VacancySerializer(serializers.ModelSerializer):
    employer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="erfassende Stelle (Code)"
    )
    occupation_label = serializers.CharField(read_only=True, help_text="Berufsgruppe und Anforderungsniveau")

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "employer",
            "organisation",
            "title",
            "occupation",
            "occupation_label",
            "hours",
            "starts_on",
            "places",
            "status",
            "published_on",
            "closed_on",
            "updated_at",
        ]
        read_only_fields = fields


class VacancyWriteSerializer(serializers.Serializer):
    employer = serializers.CharField(max_length=64, help_text=_("Code des Arbeitgebers"))
    title = serializers.CharField(max_length=200)
    occupation = serializers.CharField(
        max_length=5, help_text=_("Beruf: fünfstelliger Schlüssel der KldB 2010, z. B. 29302")
    )
    hours = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=Decimal(1),
        max_value=Decimal(60),
        required=False,
        allow_null=True,
    )
    starts_on = BoundedDateField(required=False, allow_null=True)
    places = serializers.IntegerField(min_value=1, max_value=999, required=False, default=1)
    status = serializers.ChoiceField(
        choices=VacancyStatus.choices, required=False, default=VacancyStatus.OPEN
    )
    published_on = BoundedDateField(required=False, allow_null=True)
    closed_on = BoundedDateField(required=False, allow_null=True)
    organisation = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
