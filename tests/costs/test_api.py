"""Programme costs through the API: list and create through the service (same authority and
validation as the web)."""

from __future__ import annotations

import pytest

from stufenweg.costs.models import CostEntry
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/programme-costs/"


def body(world, **kw):
    data = {
        "programme": world.programme.code,
        "organisation": world.coordination.code,
        "category": "staff",
        "monthly_amount": "1000.00",
        "valid_from": "2024-01-01",
        "valid_to": "2024-06-30",
    }
    return {**data, **kw}


def test_create_and_list(world):
    client = client_for(world.personas["coordinator"])
    response = client.post(URL, body(world), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["monthly_amount"] == "1000.00" and response.json()["region"] is None
    listed = client.get(URL, {"programme": world.programme.code}).json()
    assert [r["valid_to"] for r in listed["results"]] == ["2024-06-30"]
    assert client.get(URL, {"valid_on": "2024-07-01"}).json()["results"] == []


def test_overlap_is_a_400_with_the_german_message(world):
    client = client_for(world.personas["coordinator"])
    client.post(URL, body(world), format="json")
    response = client.post(URL, body(world, valid_from="2024-06-01", valid_to=None), format="json")
    assert response.status_code == 400
    assert "dürfen sich nicht überschneiden" in response.json()["valid_from"][0]
    assert CostEntry.objects.count() == 1


def test_unknown_codes_and_negative_amounts_are_refused(world):
    client = client_for(world.personas["coordinator"])
    response = client.post(URL, body(world, programme="NIX"), format="json")
    assert response.status_code == 400 and "„NIX“ gibt es nicht" in response.json()["programme"][0]
    assert client.post(URL, body(world, monthly_amount="-5"), format="json").status_code == 400
    assert not CostEntry.objects.exists()


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor", "dpo"])
def test_others_neither_read_nor_write(world, persona):
    client = client_for(world.personas[persona])
    assert client.get(URL).status_code == 403
    assert client.post(URL, body(world), format="json").status_code == 403
    assert not CostEntry.objects.exists()
