"""Property-based run of every operation in the OpenAPI schema, in process (no server):
whatever Schemathesis generates from the schema, the API never answers with a server error."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.api.conftest import key_for

SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.fixture
def tokens(world, journeys):
    """persona -> token. Requests go straight to the WSGI app inside the test's transaction, so
    the connection must not be closed at the end of each request (Django's test client does the
    same)."""
    keys = {name: key_for(user) for name, user in world.personas.items()}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield keys
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loading the schema needs no database (it describes the views, it reads no rows).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=25, **SETTINGS)
def test_no_server_error(case, tokens):
    case.call_and_validate(
        headers={"Authorization": f"Token {tokens['coordinator']}"}, checks=[not_a_server_error]
    )


# The generated bodies above rarely name an existing person, so they mostly stop at validation.
# Here the same generated bodies name the journeys of the fixture, so that the rule engine and the
# write path see every event kind with arbitrary other fields, sent by personas with different
# scopes.
PERSON_IDS = ["PA-1", "PB-1"]
MEASURES = ["MA", "MB", "MM", None]
STAGES = ["S2", "S3", "S4", ""]
PERSONAS = ["coordinator", "regional", "provider", "jobcenter", "dpo"]


@st.composite
def event_posts(draw):
    case = draw(schema["/api/v1/events/"]["POST"].as_strategy())
    if isinstance(case.body, dict):
        case.body["person_id"] = draw(st.sampled_from(PERSON_IDS))
        case.body["programme"] = "JPS"
        case.body["date"] = draw(st.dates(dt.date(2021, 6, 1), dt.date(2023, 12, 31))).isoformat()
        case.body["measure"] = draw(st.sampled_from(MEASURES))
        case.body["stage"] = draw(st.sampled_from(STAGES))
    return case


@given(case=event_posts(), persona=st.sampled_from(PERSONAS))
@settings(max_examples=120, **SETTINGS)
def test_events_naming_real_journeys_never_fail_with_a_server_error(case, persona, tokens):
    case.call_and_validate(headers={"Authorization": f"Token {tokens[persona]}"}, checks=[not_a_server_error])
