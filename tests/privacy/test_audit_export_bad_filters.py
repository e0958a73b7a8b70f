"""An invalid filter of the audit export shows the data-protection page again (400) with the
German error next to the field and the rest of the page intact — no export, no 500 (the error
page used to miss the retention count, and an id past 64 bits or a date at the end of the
calendar reached the database)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/datenschutz/protokoll/export/"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-13-45"}, "date_from", "Bitte ein gültiges Datum eingeben."),
        ({"date_to": "9999-12-31"}, "date_to", "Das Datum muss zwischen 1900 und 2199 liegen."),
        ({"date_from": "0001-01-01"}, "date_from", "Das Datum muss zwischen 1900 und 2199 liegen."),
        ({"person": "9" * 25}, "person", "Diese ID gibt es nicht (die Zahl ist zu groß)."),
        ({"person": "-1"}, "person", "Bitte eine gültige ID angeben (eine ganze Zahl ab 1)."),
        ({"person": "abc"}, "person", "Bitte eine gültige ID angeben (eine ganze Zahl ab 1)."),
        ({"action": "drop"}, "action", "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_invalid_filter_shows_the_page_with_the_error(client, scenario, params, field, message):
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(URL, {"format": "csv", **params})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert not response.has_header("Content-Disposition")
    form = response.context["audit_form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert message in response.content.decode()
    assert "Aufbewahrungsfrist überschritten" in response.content.decode()  # the whole page


def test_valid_filters_still_export(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(URL, {"format": "csv", "date_from": "2020-01-01", "date_to": "2199-12-31"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_an_end_before_the_start_is_an_error_not_an_empty_file(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(URL, {"format": "csv", "date_from": "2026-12-31", "date_to": "2026-01-01"})
    assert response.status_code == 400
    assert not response.has_header("Content-Disposition")
    assert "Das Enddatum muss am oder nach dem Anfangsdatum liegen." in response.content.decode()
    assert 'value="2026-12-31"' in response.content.decode()  # the input is kept
