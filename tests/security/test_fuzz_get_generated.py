"""Generated query strings for the most used list views never answer 500.

Hypothesis draws parameter sets for the views' own parameter names: integers of any size and
sign, dates of any year from 1 to 9999 (ISO and German), arbitrary unicode text and repeated
parameters. A bounded number of examples per view keeps the run short; the hand-picked values
for every view are in ``test_fuzz_get.py``."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import client_for
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

VIEWS = {
    "/teilnehmende/": (
        "coordinator",
        (
            "q",
            "programme",
            "stage",
            "region",
            "measure",
            "status",
            "caseworker",
            "waiting",
            "overdue",
            "sort",
            "page",
        ),
    ),
    "/teilnehmende/arbeitslisten/": ("regional", ("region", "liste")),
    "/teilnehmende/massnahmen/": ("regional", ("programme", "region")),
    "/teilnehmende/fallzahlen/": ("coordinator", ("von",)),
    "/protokoll/": ("dpo", ("date_from", "date_to", "action", "page")),
    "/datenschutz/protokoll/export/": (
        "dpo",
        ("date_from", "date_to", "actor", "person", "action", "format"),
    ),
}
API_VIEWS = {
    "/api/v1/events/": (
        "participation",
        "occurred_from",
        "occurred_to",
        "event",
        "person_id",
        "programme",
        "page",
    ),
    "/api/v1/participations/": ("active_on", "state", "region", "measure", "person_id", "page"),
}

value = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d.%m.") + str(d.year)),
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-0", "1e400", "NaN", "' OR 1=1 --", "%00", "..", "∞"]),
)


def queries(names: tuple[str, ...]):
    return st.dictionaries(
        st.sampled_from(names), st.one_of(value, st.lists(value, min_size=2, max_size=3)), max_size=len(names)
    )


@pytest.fixture
def case(world):
    participation = start_journey(world, PersonFactory(last_name="Generiert"))
    enter(world, participation, measure=world.measure_a, stage=world.s3)
    return participation


EXAMPLES = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("url", list(VIEWS))
def test_generated_queries_on_list_pages(world, case, url):
    persona, names = VIEWS[url]
    client = Client(raise_request_exception=False)
    client.force_login(world.personas[persona])

    @EXAMPLES
    @given(query=queries(names))
    def run(query):
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)

    run()


@pytest.mark.parametrize("url", list(API_VIEWS))
def test_generated_filters_on_api_lists(world, case, url):
    client = client_for(world.personas["coordinator"])
    client.raise_request_exception = False

    @EXAMPLES
    @given(query=queries(API_VIEWS[url]))
    def run(query):
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)

    run()
