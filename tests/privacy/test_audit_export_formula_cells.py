"""The audit-trail CSV neutralises every formula start of the shared list (``core.spreadsheet``),
user names and free text included."""

from __future__ import annotations

import csv
import io

import pytest

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://x")', "+1", "-1+1", "@SUM(A1)", "\tTab", "\rCR", "|cmd", "%macro"]


def test_every_formula_start_is_neutralised_in_the_audit_csv(client, world):
    for payload in PAYLOADS:
        audit_write(actor=None, action=AuditEntry.Action.IMPORT, object_type="x", summary=payload)
    client.force_login(world.personas["dpo"])
    response = client.get("/datenschutz/protokoll/export/", {"format": "csv", "action": "import"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
    assert sorted(row[8] for row in rows) == sorted("'" + payload for payload in PAYLOADS)
    assert all(row[0].isdigit() for row in rows)  # the id stays a number
