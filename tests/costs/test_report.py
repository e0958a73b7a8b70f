"""The section „Kosten und Einsparungen“ of the standard report: the figures of
``test_balance.py`` (hand-counted there), on the web page, in the XLSX and the PDF's input."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from stufenweg.costs.report import section
from stufenweg.indicators.results import ReportParams
from stufenweg.indicators.standard import standard_report
from stufenweg.indicators.xlsx import to_xlsx

pytestmark = pytest.mark.django_db


def params(world, **kw):
    values = {
        "programme": world.programme,
        "date_from": dt.date(2022, 4, 1),
        "date_to": dt.date(2022, 10, 31),
    }
    return ReportParams(**{**values, **kw})


def test_the_section_has_the_hand_counted_months(world, household, costs):
    got = section(params(world))
    assert got["id"] == "costs" and got["title"] == "Kosten und Einsparungen"
    rows = {r["label"]: r["cells"] for r in got["rows"]}
    assert rows["06/2022"] == [1000.0, 500.0, -500.0, -2500.0, 0, 1]
    assert rows["09/2022"] == [600.0, 1800.0, 1200.0, 200.0, 1, 0]
    assert rows["Gesamt"][:3] == [5400.0, 4800.0, -600.0]
    assert "Break-even-Monat (kumulierter Saldo erstmals ≥ 0): 09/2022." in got["note"]


def test_the_period_ends_at_the_as_of_day(world, household, costs):
    got = section(params(world, as_of=dt.date(2022, 8, 15)))
    assert [r["label"] for r in got["rows"]][-2:] == ["08/2022", "Gesamt"]
    assert "nicht erreicht" in got["note"]


def test_small_cells_are_hidden(world, household, costs):
    got = section(params(world, suppress_below=3))
    rows = {r["label"]: r["cells"] for r in got["rows"]}
    assert rows["06/2022"] == [1000.0, "*", "*", "*", "*", "*"]  # one household: its benefits
    assert rows["04/2022"] == [1000.0, 0.0, -1000.0, -1000.0, 0, 0]  # no household counted yet


def test_the_standard_report_and_its_workbook_carry_the_section(world, household, costs):
    report = standard_report(params(world))
    assert [s["id"] for s in report["sections"]].count("costs") == 1
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    sheet = book["Kosten und Einsparungen"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert [dt.datetime(2022, 9, 1), 600, 1800, 1200, 200, 1, 0] in values  # a month is a date
