"""The data-protection officer browses and exports the audit trail (CSV/XLSX, formula-safe)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from stufenweg.core.audit import audit_read, audit_write
from stufenweg.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return [line.split(";") for line in text.strip().splitlines()]


def test_csv_export_with_filters(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(
        "/datenschutz/protokoll/export/", {"format": "csv", "person": scenario.p1.pk, "action": "read"}
    )
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert rows[0][:3] == ["ID", "Zeitpunkt", "Benutzer"]
    assert len(rows) == 2  # header + the one read of p1 in the scenario
    assert rows[1][2] == "regional" and rows[1][7] == "Fallarbeit"


def test_formulas_are_neutralised(client, scenario):
    audit_write(
        actor=None, action=AuditEntry.Action.IMPORT, object_type="x", summary='=HYPERLINK("http://evil")'
    )
    audit_write(actor=None, action=AuditEntry.Action.IMPORT, object_type="x", summary="+1+2")
    audit_write(actor=None, action=AuditEntry.Action.IMPORT, object_type="x", summary="@SUM(A1)")
    client.force_login(scenario.world.personas["dpo"])
    csv_text = client.get(
        "/datenschutz/protokoll/export/", {"format": "csv", "action": "import"}
    ).content.decode()
    for payload in ["=HYPERLINK", "+1+2", "@SUM"]:
        assert f"'{payload}" in csv_text.replace('""', '"')
    xlsx = client.get("/datenschutz/protokoll/export/", {"format": "xlsx", "action": "import"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(v.startswith("'") for v in values)
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row[1:])


def test_date_filter(client, scenario):
    audit_read(actor=scenario.world.personas["regional"], person=scenario.p2, purpose="Fallarbeit")
    client.force_login(scenario.world.personas["dpo"])
    rows = _csv_rows(client.get("/datenschutz/protokoll/export/", {"format": "csv", "date_to": "2000-01-01"}))
    assert len(rows) == 1


@pytest.mark.parametrize(
    "persona", ["coordinator", "regional", "provider", "jobcenter", "mentor", "outsider"]
)
def test_only_the_data_protection_officer(client, scenario, persona):
    client.force_login(scenario.world.personas[persona])
    assert client.get("/datenschutz/protokoll/export/", {"format": "csv"}).status_code == 403
    assert client.get("/datenschutz/").status_code == 403
    assert client.get("/datenschutz/aufbewahrung/").status_code == 403


def test_dpo_pages_render(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    assert client.get("/datenschutz/").status_code == 200
    response = client.post("/datenschutz/", {"person_id": "P-ZYX-1"})
    assert response["Location"] == f"/datenschutz/personen/{scenario.p1.pk}/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/datenschutz/aufbewahrung/").status_code == 200


def test_dpo_anonymises_only_the_due(client, scenario, monkeypatch):
    from stufenweg.privacy.models import Anonymisation, RetentionRule

    RetentionRule.objects.update(keep_until="2099-12-31")
    client.force_login(scenario.world.personas["dpo"])
    client.post(f"/datenschutz/personen/{scenario.p1.pk}/anonymisieren/")
    assert not Anonymisation.objects.exists()
    RetentionRule.objects.update(keep_until=None)
    client.post(f"/datenschutz/personen/{scenario.p1.pk}/anonymisieren/")
    assert Anonymisation.objects.filter(person=scenario.p1).exists()
