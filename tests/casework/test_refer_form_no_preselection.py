"""The referral form preselects nothing the referrer must decide and explains its fields."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stufenweg.people.models import Person


def test_gender_programme_and_region_start_empty_and_fields_are_explained(client, world):
    client.force_login(world.personas["jobcenter"])
    html = client.get(reverse("casework:refer")).content.decode()
    for field in ("gender", "programme", "region"):
        select = re.search(rf'<select name="{field}".*?</select>', html, re.S).group(0)
        assert "selected" in select.split("</option>")[0]  # the empty „Bitte wählen“ option
        assert select.count("selected") == 1, field
        assert "Bitte wählen" in select
    for field in ("person_id", "birth_date", "gender", "programme", "region", "referrer", "occurred_on"):
        assert f'id="id_{field}_helptext"' in html, field


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("gender", "Bitte wählen Sie das Geschlecht aus (oder „keine Angabe“)."),
        ("programme", "Bitte wählen Sie das Programm aus."),
        ("region", "Bitte wählen Sie die Region aus."),
    ],
)
def test_a_missing_choice_is_an_error_not_a_default(client, world, field, message):
    client.force_login(world.personas["jobcenter"])
    data = {
        "person_id": "JC-88",
        "last_name": "Weiß",
        "first_name": "Jörg",
        "birth_date": "1975-03-02",
        "gender": "m",
        "programme": world.programme.pk,
        "region": world.region_a.pk,
        "referrer": world.jobcenter_a.pk,
        "occurred_on": "2024-04-02",
    }
    data[field] = ""
    response = client.post(reverse("casework:refer"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not Person.objects.filter(person_id="JC-88").exists()
