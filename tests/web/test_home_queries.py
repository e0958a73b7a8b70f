"""Start pages run a fixed number of queries: more people must not mean more queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import enter, start_journey
from tests.factories import MeasureFactory, PersonFactory

# session + user + scope + organisations in the header (4), the open group-work notices (1), then the
# persona's own queries
MAX_QUERIES = {
    "coordinator": 8,  # + programmes, participation states, entries/exits
    "regional": 11,  # + totals, waiting per stage, planned ends, inactive, regions, audit insert
    "provider": 11,  # + organisation kinds, organisations, measures, active count, active list, audit insert
    "mentor": 12,  # + the due mentees of the after-placement support (mentoring: one query)
    "jobcenter": 8,  # + states, latest referrals, audit insert
    "dpo": 6,  # + latest audit entries
    "outsider": 5,  # session, user, scope, header organisations, notices
}


def _count(client, user) -> int:
    client.force_login(user)
    client.get("/")  # warm-up: first-request caches (sessions, content types) are not the page's cost
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def queries_of(client) -> list:
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return queries.captured_queries


def _more_people(world, n: int) -> None:
    """n more journeys of each kind in region A, referred by JC A; big measures so places suffice."""
    big_a = MeasureFactory(
        code="MA-GROSS",
        programme=world.programme,
        provider=world.provider_a,
        region=world.region_a,
        stages=[world.s3],
        places=100,
        start=dt.date(2020, 1, 1),
    )
    big_m = MeasureFactory(
        code="MM-GROSS",
        programme=world.programme,
        provider=world.mentoring,
        region=world.region_a,
        stages=[world.s4],
        places=100,
        start=dt.date(2020, 1, 1),
    )
    for _ in range(n):
        part = start_journey(world, PersonFactory(), on=dt.date(2025, 3, 1))
        enter(
            world,
            part,
            measure=big_a,
            stage=world.s3,
            on=dt.date(2025, 3, 10),
            planned_end=dt.date(2025, 7, 1),
        )
        part = start_journey(world, PersonFactory(), on=dt.date(2025, 3, 1))
        enter(world, part, measure=big_m, stage=world.s4, on=dt.date(2025, 3, 10))
        start_journey(world, PersonFactory(), on=dt.date(2025, 1, 2))


@pytest.mark.parametrize("persona", sorted(MAX_QUERIES))
def test_query_count_does_not_grow_with_data(client, scenario, persona, django_assert_max_num_queries):
    user = scenario.world.personas[persona]
    small = _count(client, user)
    _more_people(scenario.world, 4)
    large = _count(client, user)
    assert large == small, [q["sql"][:120] for q in queries_of(client)]
    with django_assert_max_num_queries(MAX_QUERIES[persona]):
        client.get("/")
