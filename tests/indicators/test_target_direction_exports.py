"""The XLSX and the CSV for Excel read a target in its indicator's direction, as the page does: a
dropout rate above its target shows no attainment share („145 %“ would read as overachievement)
and says „Ziel verfehlt“; a count below its target shows its share and „Ziel (noch) nicht
erreicht“. The machine-readable CSV keeps the contract's value (INDICATORS.md).

Hand-counted world (``report_world``): exits in 2023 are A and B (dropout, early_negative) and C
(regular), so the dropout rate is 2/3; a target of 50 % for it is missed. Three stage entries
against targets of 6 (year) and 4 (first half): neither reached.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone, translation

from stufenweg.indicators.render import CSV_EXCEL, CSV_MACHINE, to_csv
from stufenweg.indicators.results import contract_report
from stufenweg.indicators.standard import standard_report
from stufenweg.indicators.xlsx import to_xlsx
from stufenweg.programmes.models import Target
from tests.indicators import report_world

HEADER_ROW = 4  # 1-based, as openpyxl counts
pytestmark = pytest.mark.django_db


@pytest.fixture
def params(w, journey):
    report_world.build(w, journey)
    Target.objects.create(
        programme=w.programme,
        indicator="prog.dropout_rate",
        period_from=dt.date(2023, 1, 1),
        period_to=dt.date(2023, 12, 31),
        target=Decimal("0.5"),
    )
    return report_world.params(w, timezone.now())


def _target_rows(params) -> list[dict]:
    with translation.override("de"):
        wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(standard_report(params))))
    ws = wb["Soll-Ist-Vergleich"]
    header = [c.value for c in ws[HEADER_ROW]]
    return [
        dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    ]


def test_xlsx_a_missed_dropout_target_has_no_share_and_says_missed(params):
    rows = _target_rows(params)
    dropout = next(r for r in rows if r["Zielwert"].startswith("Abbruchquote"))
    assert dropout["Soll"] == 0.5
    assert dropout["Ist"] == pytest.approx(2 / 3, abs=1e-4)
    assert dropout["Zielerreichung"] is None  # not 133 %
    assert dropout["Bewertung"] == "Ziel verfehlt"


def test_xlsx_a_count_below_its_target_keeps_its_share(params):
    rows = _target_rows(params)
    entries = [r for r in rows if r["Zielwert"].startswith("Eintritte in Stufen")]
    assert sorted((r["Soll"], r["Ist"], r["Zielerreichung"]) for r in entries) == [(4, 3, 0.75), (6, 3, 0.5)]
    assert {r["Bewertung"] for r in entries} == {"Ziel (noch) nicht erreicht"}


def _csv_target_rows(params, variant) -> list[dict]:
    report = contract_report(params)
    with translation.override("de"):
        text = to_csv(report, variant).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if variant == CSV_EXCEL else ",")
    return [r for r in reader if r.get("Kennzahl-ID", r.get("indicator")) == "prog.target_attainment"]


def test_excel_csv_reads_the_dropout_target_in_its_direction(params):
    rows = _csv_target_rows(params, CSV_EXCEL)
    dropout = next(r for r in rows if r["Zielwert für"].startswith("Abbruchquote"))
    assert dropout["Wert"] == ""
    assert dropout["Zähler"].startswith("0,666")
    assert dropout["Nenner"] == "0,5"
    assert dropout["Bewertung"] == "Ziel verfehlt"
    entries = [r for r in rows if r["Zielwert für"].startswith("Eintritte in Stufen")]
    assert sorted(r["Wert"] for r in entries) == ["0,5", "0,75"]
    assert {r["Bewertung"] for r in entries} == {"Ziel (noch) nicht erreicht"}


def test_the_machine_csv_keeps_the_contract_value(params):
    rows = _csv_target_rows(params, CSV_MACHINE)
    dropout = next(r for r in rows if r["group_indicator"] == "prog.dropout_rate")
    assert float(dropout["value"]) == pytest.approx((2 / 3) / 0.5, abs=1e-4)
    assert "Bewertung" not in dropout
