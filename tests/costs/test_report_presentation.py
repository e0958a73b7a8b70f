"""The cost section as a reader gets it: euro amounts to the cent on the page and the PDF (not
„65 000“ beside „84 368,54“), a currency format and month dates in the XLSX, empty cells (not
text) where the total row has nothing, and months after the last benefit data with their cost and
„–“ instead of savings of 0 and a falling balance."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from stufenweg.costs.report import section
from stufenweg.indicators.presenting import present
from stufenweg.indicators.standard import standard_report
from stufenweg.indicators.xlsx import to_xlsx
from tests.costs.test_report import params

pytestmark = pytest.mark.django_db


def _costs(report: dict) -> dict:
    return next(s for s in report["sections"] if s["id"] == "costs")


def test_amounts_on_the_page_are_to_the_cent(world, household, costs):
    shown = _costs(present(standard_report(params(world))))
    rows = {r["label"]: [c["text"] for c in r["cells"]] for r in shown["rows"]}
    assert rows["06/2022"][:4] == ["1\u202f000,00", "500,00", "-500,00", "-2\u202f500,00"]
    assert rows["06/2022"][4:] == ["0", "1"]  # households stay counts


def test_the_workbook_has_month_dates_euro_amounts_and_empty_total_cells(world, household, costs):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(standard_report(params(world)))))
    sheet = book["Kosten und Einsparungen"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=5)}
    september = rows[dt.datetime(2022, 9, 1)]
    assert september[0].number_format == "mm/yyyy"
    assert [c.value for c in september[1:]] == [600, 1800, 1200, 200, 1, 0]
    assert {c.number_format for c in september[1:5]} == {'#,##0.00 "€"'}
    assert september[5].number_format == "#,##0"
    total = rows["Gesamt"]
    assert [c.value for c in total[1:4]] == [5400, 4800, -600]
    assert [c.data_type for c in total[4:7]] == ["n", "n", "n"] and [c.value for c in total[4:7]] == [
        None
    ] * 3


def test_months_after_the_benefit_data_are_unknown_not_zero(world, household, costs):
    got = section(params(world, date_to=dt.date(2022, 12, 31)))
    rows = {r["label"]: r["cells"] for r in got["rows"]}
    assert rows["10/2022"][1] is not None  # the last month with benefit data
    assert rows["11/2022"] == [600.0, None, None, None, None, None]
    assert rows["12/2022"] == [600.0, None, None, None, None, None]
    assert rows["Gesamt"][:3] == [6600.0, 4800.0, None]
    assert "Leistungsdaten liegen bis 10/2022 vor" in got["note"]


def test_a_small_count_of_ended_or_reduced_households_is_hidden(world, monkeypatch):
    from decimal import Decimal

    from stufenweg.costs import report
    from stufenweg.costs.balance import Balance, Month

    month = Month(
        dt.date(2022, 5, 1), cost=Decimal(1000), savings=Decimal(2000), ended=1, reduced=9, households=12
    )
    month.cumulative = Decimal(1000)
    balance = Balance(months=[month], households=12, compared=12, data_month=dt.date(2022, 5, 1))
    monkeypatch.setattr(report, "programme_balance", lambda *a, **kw: balance)
    got = section(params(world, date_to=dt.date(2022, 5, 31), suppress_below=3))
    assert got["rows"][0]["cells"] == [1000.0, 2000.0, 1000.0, 1000.0, "*", 9]  # 1 of 12 ended
    got = section(params(world, date_to=dt.date(2022, 5, 31)))
    assert got["rows"][0]["cells"][4:] == [1, 9]
