"""The Art. 15 PDF is written for the person it is about: German field names, German dates and
kinds of records — not the JSON's column names, ISO time stamps or model codes."""

from __future__ import annotations

import re

import pytest

from stufenweg.privacy import export

pytestmark = pytest.mark.django_db


def _pdf_html(client, scenario, monkeypatch) -> str:
    seen = []
    original = export.render_to_string

    def capture(template, context=None, *args, **kwargs):
        html = original(template, context, *args, **kwargs)
        seen.append(html)
        return html

    monkeypatch.setattr(export, "render_to_string", capture)
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(f"/datenschutz/personen/{scenario.p1.pk}/auskunft.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    return seen[0]


def test_field_names_are_german(client, scenario, monkeypatch):
    html = _pdf_html(client, scenario, monkeypatch)
    for label in (
        "Geburtsdatum",
        "Nachname",
        "Vorname",
        "Staatsangehörigkeit",
        "Teilnahme",
        "Förderprogramm",
    ):
        assert f"<th>{label}</th>" in html, label
    for column in ("birth_date", "first_name", "last_name", "person_id", "occurred_on", "participation"):
        assert f"<th>{column}</th>" not in html, column


def test_dates_and_times_are_german_and_records_are_named(client, scenario, monkeypatch):
    html = _pdf_html(client, scenario, monkeypatch)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", html)  # no ISO time stamps
    assert not re.search(r"<td>\d{4}-\d{2}-\d{2}</td>", html)  # no ISO dates
    assert re.search(r"<td>\d{2}\.\d{2}\.\d{4}</td>", html)
    assert "people.person" not in html and "journeys.journeyevent" not in html
    assert "(Person)" in html  # the audit trail names the kind of record
