"""The list's filter selects read their choices with plain queries: on PostgreSQL a model
choice field would otherwise open a server-side cursor per select (three round trips each)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_list_page_opens_no_server_side_cursor(client, world, journey):
    client.force_login(world.personas["coordinator"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("casework:participant_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{world.measure_a.pk}">{world.measure_a.code}</option>' in html
    assert f'<option value="{world.region_a.pk}">{world.region_a.name}</option>' in html
    assert not [q["sql"] for q in ctx.captured_queries if "DECLARE" in q["sql"].upper()]
