"""Errors as JSON with field-level messages: ``{"field": ["Meldung"]}``.

Services raise Django ``ValidationError`` (``JourneyRuleError`` is one) with model field names;
the API turns them into HTTP 400 with the API's field names.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings

from stufenweg.journeys.rules import JourneyRuleError

# Model field name -> API field name, where they differ (exchange-format column names).
EVENT_FIELD_NAMES = {
    "kind": "event",
    "occurred_on": "date",
    "measure_id": "measure",
    "stage_id": "stage",
    "region_id": "region",
    "referrer_id": "referrer",
    "employer_id": "employer",
    "supersedes_id": "supersedes",
    "participation": "person_id",
    "person": "person_id",
    "programme": "programme",
}


def api_validation_error(exc: DjangoValidationError, names: dict[str, str] | None = None):
    """A DRF ``ValidationError`` (HTTP 400) with the messages of ``exc`` under API field names."""
    names = names or {}
    non_field = api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(exc, JourneyRuleError):
        field = exc.field if exc.field != NON_FIELD_ERRORS else None
        key = names.get(field, field) if field else None
        return serializers.ValidationError({key or non_field: [exc.rule_message]})
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = non_field if field == NON_FIELD_ERRORS else names.get(field, field)
            detail.setdefault(key, []).extend(messages)
        return serializers.ValidationError(detail)
    return serializers.ValidationError({non_field: exc.messages})
