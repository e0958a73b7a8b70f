"""Pagination (50 per page, at most 500) and a fixed number of queries per list page (no N+1)."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for
from tests.conftest import start_journey
from tests.factories import PersonFactory

LISTS = [
    "/api/v1/persons/",
    "/api/v1/participations/",
    "/api/v1/events/",
    "/api/v1/measures/",
    "/api/v1/programmes/",
]


def _more_journeys(world, n: int):
    for _ in range(n):
        start_journey(world, PersonFactory())


def test_pages_of_fifty_by_default_and_page_size_up_to_500(world, journeys, as_persona):
    _more_journeys(world, 53)  # 55 participations, 2 * 53 + 6 = 112 events
    client = as_persona("coordinator")
    first = client.get("/api/v1/participations/").json()
    assert first["count"] == 55 and len(first["results"]) == 50
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    ids = [p["id"] for p in first["results"] + second["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 55  # stable order, nothing twice
    big = client.get("/api/v1/events/?page_size=1000").json()
    assert len(big["results"]) == 112  # capped at 500, and all 112 fit
    assert client.get("/api/v1/events/?page_size=7").json()["results"].__len__() == 7
    assert client.get("/api/v1/events/?page=99").status_code == 404


def test_events_come_in_journey_order(journeys, as_persona):
    results = as_persona("coordinator").get("/api/v1/events/").json()["results"]
    keys = [(e["date"], e["recorded_at"], e["id"]) for e in results]
    assert keys == sorted(keys)


@pytest.mark.parametrize("url", LISTS)
def test_the_number_of_queries_does_not_grow_with_the_rows(
    url, world, journeys, django_assert_max_num_queries
):
    client = client_for(world.personas["regional"])
    client.get(url)  # warm up: nothing cached across requests, but the token row exists now
    # token + user, memberships (scope), count, rows, at most two prefetches, audit insert
    with django_assert_max_num_queries(7) as few:
        assert client.get(url).status_code == 200
    _more_journeys(world, 12)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(url)
    assert response.status_code == 200
    if url in ("/api/v1/persons/", "/api/v1/participations/", "/api/v1/events/"):
        assert response.json()["count"] > 1  # the extra journeys are in region A: visible
    assert len(many.captured_queries) == len(few.captured_queries)
