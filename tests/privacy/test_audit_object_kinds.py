"""The audit trail names the kind of record in German („Person 101“), on the page and in the CSV
and XLSX export, instead of the internal model code (``people.person``)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from stufenweg.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(db):
    AuditEntry.objects.create(
        actor_label="tester", action="read", object_type="people.person", object_id="101"
    )
    AuditEntry.objects.create(
        actor_label="tester", action="create", object_type="journeys.journeyevent", object_id="55"
    )
    AuditEntry.objects.create(actor_label="system", action="create", object_type="stufenweg.demo")


def test_the_page_names_the_kind(client, world, entries):
    client.force_login(world.personas["dpo"])
    html = client.get("/protokoll/").content.decode()
    assert "<td>Person 101</td>" in html
    assert "people.person" not in html and "journeys.journeyevent" not in html
    assert "stufenweg.demo" in html  # no model: shown as it is


def test_the_exports_name_the_kind(client, world, entries):
    client.force_login(world.personas["dpo"])
    response = client.get("/datenschutz/protokoll/export/", {"format": "csv", "actor": "tester"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    kinds = {row[4] for row in rows[1:]}
    assert "Person" in kinds and "people.person" not in kinds
    assert len(kinds) == 2 and not any("." in kind for kind in kinds)
    xlsx = client.get("/datenschutz/protokoll/export/", {"format": "xlsx", "actor": "tester"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)} == kinds
