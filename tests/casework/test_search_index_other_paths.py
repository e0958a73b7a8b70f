"""Persons created through the API or an import are found by the participant search at once."""

import datetime as dt

from rest_framework.test import APIClient

from stufenweg.casework.models import PersonSearch
from stufenweg.interchange.services import persons_import
from stufenweg.interchange.upsert import Row


def test_a_person_created_through_the_api_is_indexed(world):
    client = APIClient()
    client.force_authenticate(world.personas["regional"])
    response = client.post(
        "/api/v1/persons/",
        {
            "person_id": "API-1",
            "first_name": "Jürgen",
            "last_name": "Weiß",
            "birth_date": "1979-03-04",
            "gender": "m",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert "weiss" in PersonSearch.objects.get(person__person_id="API-1").text


def test_persons_written_by_an_import_are_indexed(world):
    rows = [
        Row(
            ref=2,
            key="IMP-1",
            values={
                "person_id": "IMP-1",
                "first_name": "Öznur",
                "last_name": "Güler",
                "birth_date": dt.date(1985, 1, 2),
                "gender": "f",
            },
        )
    ]
    result = persons_import(rows=rows, by=None)
    assert not result.errors
    assert "guler" in PersonSearch.objects.get(person__person_id="IMP-1").text
