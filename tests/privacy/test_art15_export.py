"""Art. 15: the data-protection officer exports everything about a person as JSON and PDF."""

from __future__ import annotations

import json

import pytest

from stufenweg.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_json_export_holds_everything(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(f"/datenschutz/personen/{scenario.p1.pk}/auskunft.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Zyxwander" not in response["Content-Disposition"]  # no name in the file name
    data = json.loads(response.content)
    assert data["person"]["last_name"] == "Zyxwander"
    assert data["person"]["postcode"] == "01067"
    assert data["household"]["household_id"] == "BG-778899"
    assert len(data["household"]["months"]) == 12
    models = {s["model"]: s for s in data["sections"]}
    assert len(models["journeys.journeyevent"]["rows"]) == 5  # referral, assessment, entry, exit, employment
    reasons = [r["reason"] for r in models["journeys.journeyevent"]["rows"]]
    assert "Umzug-nach-Koeln-0815" in reasons
    assert models["casework.contact"]["rows"][0]["notes"] == "Diabetes-Vermerk-4711"  # decrypted
    assert models["casework.goal"]["rows"][0]["title"] == "Fuehrerschein-Ziel-42"
    assert any(a["purpose"] == "Fallarbeit" and a["actor"] == "regional" for a in data["audit"])
    # the export itself is recorded
    assert AuditEntry.objects.filter(
        person=scenario.p1, action=AuditEntry.Action.EXPORT, actor=scenario.world.personas["dpo"]
    ).exists()


def test_other_persons_are_not_in_the_export(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    data = json.loads(client.get(f"/datenschutz/personen/{scenario.p1.pk}/auskunft.json").content)
    text = json.dumps(data, ensure_ascii=False)
    assert "Offenbleib" not in text and "Bernd" not in text


def test_pdf_export_is_a_readable_pdf(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    response = client.get(f"/datenschutz/personen/{scenario.p1.pk}/auskunft.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 3000


@pytest.mark.parametrize(
    "persona", ["coordinator", "regional", "provider", "jobcenter", "mentor", "outsider"]
)
def test_only_the_data_protection_officer_exports(client, scenario, persona):
    client.force_login(scenario.world.personas[persona])
    assert client.get(f"/datenschutz/personen/{scenario.p1.pk}/auskunft.json").status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_an_unknown_format_is_refused(client, scenario):
    client.force_login(scenario.world.personas["dpo"])
    assert client.get(f"/datenschutz/personen/{scenario.p1.pk}/auskunft.exe").status_code == 403
