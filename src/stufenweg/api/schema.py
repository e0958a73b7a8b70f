"""Shared OpenAPI descriptions of error answers."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

FIELD_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="Abgelehnt, nichts gespeichert: Meldungen je Feld (`non_field_errors` ohne Feld).",
    examples=[
        OpenApiExample(
            "Verlaufsregel",
            value={"date": ["„Austritt“ am 20.01.2022 liegt vor dem Eintritt am 01.02.2022."]},
        )
    ],
)
FORBIDDEN = OpenApiResponse(
    response=OpenApiTypes.OBJECT, description="Die Rolle erlaubt keine Änderungen (`detail`)."
)
NOT_FOUND = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="Person nicht vorhanden oder nicht sichtbar (`person_id`).",
)


def write_responses(created, *, names_a_person: bool = False) -> dict:
    responses = {201: created, 400: FIELD_ERRORS, 403: FORBIDDEN}
    if names_a_person:
        responses[404] = NOT_FOUND
    return responses
