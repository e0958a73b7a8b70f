"""No API endpoint answers 500 to malformed filter parameters or ids.

Every GET route under ``/api/`` (list and detail endpoints, schema and docs), authenticated with an
API key as the coordination office, a regional office, a provider, a Jobcenter and the
data-protection officer: every malformed value in every parameter name of the project, each filter
the endpoint reads on its own (see ``tests/security/fuzz.py``), and detail ids of 0, 18 digits
(the longest the route accepts), 25 digits and non-digits. A malformed filter is a 400 with a
message per field, an unknown page or id a 404.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for
from tests.security.fuzz import HUGE, PATH_INTS, PATH_STRS, fuzz_query
from tests.security.urlmap import all_routes, fill

pytestmark = pytest.mark.django_db

PERSONAS = ["coordinator", "regional", "provider", "jobcenter", "dpo"]
API_ROUTES = [route for route in all_routes() if route.route.startswith("api/")]


def _client(world, persona):
    client = client_for(world.personas[persona])
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("route", API_ROUTES, ids=str)
def test_malformed_filters_and_ids_never_answer_500(world, journeys, route):
    ids = {
        "api:person-detail": journeys.person_a.pk,
        "api:participation-detail": journeys.participation_a.pk,
        "api:event-detail": journeys.entry_a.pk,
    }
    public = route.name in ("api:schema", "api:docs")
    for persona in PERSONAS[:1] if public else PERSONAS:
        client = _client(world, persona)
        values = {"pk": ids[route.name]} if route.name in ids else {}
        label = f"{route.name} as {persona}:"
        fuzz_query(client.get, fill(route, values), label, alone=persona == "coordinator")
        for name, _conv in route.params:
            for value in (*PATH_INTS, "9" * 18, *PATH_STRS):
                response = client.get(fill(route, {**values, name: value}))
                assert response.status_code < 500, f"{label} {value[:30]}: {response.status_code}"


def test_a_malformed_filter_is_a_400_naming_the_field(world, journeys):
    client = _client(world, "coordinator")
    response = client.get("/api/v1/events/", {"participation": HUGE, "occurred_from": "2026-13-45"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"participation", "occurred_from"}
    assert body["participation"] == ["Diese ID gibt es nicht (die Zahl ist zu groß)."]


def test_the_recorder_sees_the_filters_an_endpoint_reads(world, journeys):
    """Guard against a vacuous fuzz: the event list's filters are recorded as read."""
    client = _client(world, "coordinator")
    read = fuzz_query(client.get, "/api/v1/events/", "event list", alone=False)
    assert {"participation", "occurred_from", "person_id", "page"} <= read
