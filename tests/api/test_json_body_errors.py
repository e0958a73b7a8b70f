"""A malformed JSON body is a 400 with a German message, never a 500, and writes nothing.

DRF's own parser let ``RecursionError`` through: 100,000 ``[`` in a body to ``POST /api/v1/events/``
ended in a 500 with a traceback. The project's parser (``stufenweg.api.parsers``) answers every
decoding failure with a ``ParseError``; the body is never echoed."""

from __future__ import annotations

import pytest

from stufenweg.journeys.models import JourneyEvent
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/events/"


def _post(world, body: str, url: str = URL):
    client = client_for(world.personas["coordinator"])
    client.raise_request_exception = False
    return client.generic("POST", url, body, content_type="application/json")


@pytest.mark.parametrize("body", ["[" * 100_000, '{"a":' * 100_000, "[" * 50_000 + "]" * 50_000])
def test_deeply_nested_body_is_a_400(world, journeys, body):
    before = JourneyEvent.objects.count()
    response = _post(world, body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Der Inhalt ist zu tief verschachtelt."}
    assert JourneyEvent.objects.count() == before


def test_deeply_nested_body_to_the_person_endpoint_is_a_400(world, journeys):
    response = _post(world, "[" * 100_000, url="/api/v1/persons/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Der Inhalt ist zu tief verschachtelt."}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ('{"event": "exit",\n "date": }', "Der Inhalt ist kein gültiges JSON (Zeile 2, Spalte 10)."),
        ('{"event": NaN}', "Der Inhalt ist kein gültiges JSON."),
        ('{"event": ' + "9" * 5000 + "}", "Der Inhalt ist kein gültiges JSON."),
    ],
)
def test_invalid_json_is_a_400_in_german(world, journeys, body, detail):
    response = _post(world, body)
    assert response.status_code == 400
    assert response.json() == {"detail": detail}
