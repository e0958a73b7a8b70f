"""The API's measure names the occupations it prepares for, as a list of KldB codes (empty: none)."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_measure_lists_its_occupations(world):
    world.measure_m.occupations = "29302, 63301"
    world.measure_m.save()
    client = client_for(world.personas["regional"])
    assert client.get("/api/v1/measures/MM/").json()["occupations"] == ["29302", "63301"]
    assert client.get("/api/v1/measures/MA/").json()["occupations"] == []


def test_the_form_stores_one_spelling_and_refuses_a_wrong_code(world):
    from django.core.exceptions import ValidationError

    measure = world.measure_m
    measure.occupations = "29302;63301  29302"
    measure.full_clean()
    assert measure.occupations == "29302, 63301"
    measure.occupations = "29302, 2930"
    with pytest.raises(ValidationError) as exc:
        measure.full_clean()
    assert "„2930“: Der Beruf ist ein fünfstelliger Schlüssel der KldB 2010" in str(exc.value)
