"""The list's count ignores the sort: sorted by last contact, the participations are counted
without grouping all contacts (the aggregate is only needed to order the page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stufenweg.casework import services
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sort", ["last_contact", "-last_contact", "next_appointment", "-next_appointment"])
def test_count_of_a_list_sorted_by_a_per_row_date_does_not_aggregate(client, world, sort):
    for i, contacts in enumerate([0, 1, 3]):
        participation = start_journey(world, make_person(f"Name{i}", "X", f"C-{i}"), on=dt.date(2024, 1, 8))
        for day in range(1, contacts + 1):
            services.contact_record(
                participation=participation, kind="phone", on=dt.date(2024, 2, day), by=None
            )
    client.force_login(world.personas["coordinator"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("casework:participant_list"), {"sort": sort, "status": ""})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert not [sql for sql in counts if "GROUP BY" in sql.upper()]
