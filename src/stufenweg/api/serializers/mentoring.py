"""Mentoring in the API: mentorships, the mentoring log and after-placement support. Field names as
in the exchange files mentorships.csv / mentoring_log.csv (person × programme, codes, ISO dates)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.api.fields import BoundedDateField
from stufenweg.mentoring.models import AfterPlacementSupport, EntryKind, MentoringEntry, Mentorship
from stufenweg.organisations.codes import ContactTopic


class MentorshipSerializer(serializers.ModelSerializer):
    participation = serializers.IntegerField(source="participation_id", read_only=True)
    person_id = serializers.CharField(source="participation.person.person_id", read_only=True)
    programme = serializers.CharField(source="participation.programme.code", read_only=True)
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    mentor = serializers.CharField(source="mentor.username", read_only=True)

    class Meta:
        model = Mentorship
        fields = [
            "id",
            "participation",
            "person_id",
            "programme",
            "organisation",
            "mentor",
            "started_on",
            "ended_on",
        ]
        read_only_fields = fields


class MentorshipCreateSerializer(serializers.Serializer):
    """Assign a mentor of a mentoring project to a participant (person × programme)."""

    person_id = serializers.CharField(max_length=64)
    programme = serializers.CharField(max_length=32)
    organisation = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="",
        help_text=_("Code des Mentorenprojekts (leer: Ihr einziges Projekt dieser Teilnahme)"),
    )  # fmt: skip
    mentor = serializers.CharField(
        max_length=150, required=False, allow_blank=True, default="",
        help_text=_("Benutzername der Mentorin oder des Mentors (leer: Sie selbst)"),
    )  # fmt: skip
    started_on = BoundedDateField()
    ended_on = BoundedDateField(required=False, allow_null=True, default=None)


class MentorshipEndSerializer(serializers.Serializer):
    ended_on = BoundedDateField()


class MentoringEntrySerializer(serializers.ModelSerializer):
    mentorship = serializers.IntegerField(source="mentorship_id", read_only=True)
    person_id = serializers.CharField(source="mentorship.participation.person.person_id", read_only=True)
    programme = serializers.CharField(source="mentorship.participation.programme.code", read_only=True)
    date = serializers.DateField(source="occurred_on", read_only=True)
    employer = serializers.SerializerMethodField()
    employer_contact = serializers.IntegerField(source="employer_contact_id", read_only=True)

    class Meta:
        model = MentoringEntry
        fields = [
            "id",
            "mentorship",
            "person_id",
            "programme",
            "date",
            "kind",
            "topic",
            "notes",
            "employer",
            "employer_contact",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_employer(self, entry) -> str:
        contact = entry.employer_contact
        return contact.employer.code if contact is not None else ""


class MentoringEntryCreateSerializer(serializers.Serializer):
    """One entry of the mentoring log; of kind ``employer`` it names the employer and is recorded
    in the employer's contact history too."""

    mentorship = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    date = BoundedDateField()
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    topic = serializers.CharField(max_length=200)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    employer = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="",
        help_text=_("Code des Arbeitgebers (nur bei einem Arbeitgeberkontakt)"),
    )  # fmt: skip
    employer_topic = serializers.ChoiceField(
        choices=ContactTopic.choices, required=False, allow_blank=True, default=""
    )


class AfterPlacementSupportSerializer(serializers.ModelSerializer):
    mentorship = serializers.IntegerField(source="mentorship_id", read_only=True)
    person_id = serializers.CharField(source="participation.person.person_id", read_only=True)
    programme = serializers.CharField(source="participation.programme.code", read_only=True)
    placement = serializers.IntegerField(source="placement_id", read_only=True)
    into_training = serializers.BooleanField(read_only=True)

    class Meta:
        model = AfterPlacementSupport
        fields = [
            "id",
            "mentorship",
            "person_id",
            "programme",
            "placement",
            "into_training",
            "started_on",
            "months",
            "until",
        ]
        read_only_fields = fields


class AfterPlacementSupportCreateSerializer(serializers.Serializer):
    """Start the support after a placement (an ``employment_start`` event of the mentee)."""

    mentorship = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    placement = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("ID des Ereignisses „employment_start“")
    )
    months = serializers.IntegerField(
        min_value=1, max_value=36, required=False, allow_null=True, default=None
    )
