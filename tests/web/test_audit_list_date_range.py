"""The audit trail's date filter accepts only dates from 1900 to 2199: a date at the end of the
calendar used to overflow when the day after it or its UTC time was computed (500). Now the
filter shows the German error next to the field and lists nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/protokoll/"


@pytest.mark.parametrize(
    "params",
    [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_from": "31.12.9999"}],
)
def test_dates_outside_the_range_are_a_field_error(client, world, params):
    client.force_login(world.personas["dpo"])
    response = client.get(URL, params)
    assert response.status_code == 200
    (field,) = params
    assert response.context["form"].errors[field] == ["Das Datum muss zwischen 1900 und 2199 liegen."]
    assert "Das Datum muss zwischen 1900 und 2199 liegen." in response.content.decode()
    assert not response.context["page_obj"].object_list


def test_the_last_date_of_the_range_is_accepted(client, world):
    client.force_login(world.personas["dpo"])
    response = client.get(URL, {"date_from": "1900-01-01", "date_to": "2199-12-31"})
    assert response.status_code == 200
    assert response.context["form"].is_valid()
