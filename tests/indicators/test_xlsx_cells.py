"""The XLSX report read back cell by cell with openpyxl: every count and rate of the contract JSON
of the same report stands as a number in its cell (counts were blank in columns that mix counts
and rates), dates are Excel dates, sheet names are whole words within Excel's 31 characters.
Expected values come from the contract JSON and from the hand-counted world in ``report_world``."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import openpyxl
import pytest
from django.utils import timezone, translation

from stufenweg.indicators.definitions import BY_ID
from stufenweg.indicators.results import contract_report
from stufenweg.indicators.standard import EXIT, FLOW, PROG, SGB2, standard_report
from stufenweg.indicators.xlsx import SHEET_NAMES, fit_sheet_name, to_xlsx
from stufenweg.journeys.codes import ExitStatus
from tests.indicators import report_world

HEADER_ROW = 4  # 1-based, as openpyxl counts
SHARE_LABELS = {"job_seeking": "Anteil arbeitsuchend", "employed_svb": "Anteil SV-beschäftigt"}
EXIT_SHEETS = {
    "dropout": "Austritte – Abbruch",
    "successful": "Austritte – erfolgreich",
    "neutral": "Austritte – neutral beendet",
}


@pytest.fixture
def book(w, journey):
    report_world.build(w, journey)
    now = timezone.now()

    def _book(by=()):
        report = standard_report(report_world.params(w, now, by=by))
        data = to_xlsx(report)
        return openpyxl.load_workbook(io.BytesIO(data)), now

    return _book


def _contract(w, now, by, indicators):
    return contract_report(report_world.params(w, now, by=by, indicators=indicators))["rows"]


def _table(ws) -> dict[str, list[dict]]:
    header = [c.value for c in ws[HEADER_ROW]]
    rows: dict[str, list[dict]] = {}
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        rows.setdefault(row[0], []).append(dict(zip(header, row, strict=True)))
    return rows


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _assert_cells(cells: dict, col: str, row: dict) -> None:
    if row["numerator"] is None:  # a count
        assert _is_number(cells[col]) and cells[col] == row["value"], (col, row, cells)
        return
    if row["value"] is None:
        assert cells[col] is None
    else:
        assert _is_number(cells[col]) and cells[col] == pytest.approx(row["value"]), (col, row)
    assert cells[f"{col}: Zähler"] == row["numerator"], (col, row)
    assert cells[f"{col}: Nenner"] == row["denominator"], (col, row)


def _check_matrix(ws, rows, dim) -> int:
    table = _table(ws)
    checked = 0
    for row in rows:
        if set(row["group"]) - {dim}:
            continue
        col = row["group"][dim] or "–" if row["group"] else "gesamt"
        [cells] = table[BY_ID[row["indicator"]].label]
        _assert_cells(cells, col, row)
        checked += 1
    return checked


def test_every_count_and_rate_of_the_json_is_a_number_in_its_cell(w, book):
    wb, now = book()
    flow = _contract(w, now, ("region",), FLOW)
    assert _check_matrix(wb["Programmverlauf"], flow, "region") == len(flow)
    prog = _contract(w, now, ("stage",), PROG)
    assert _check_matrix(wb["Programmergebnisse"], prog, "stage") == len(prog)
    sgb2 = _contract(w, now, ("region",), SGB2)
    assert _check_matrix(wb["Integrationen"], sgb2, "region") == len(sgb2)

    # exit status tables: the statuses (counts) and the shares of the same stage column
    exits = _contract(w, now, ("stage", "exit_group", "status"), EXIT)
    tables = {group: _table(wb[name]) for group, name in EXIT_SHEETS.items()}
    columns = {}
    for row in exits:
        g = row["group"]
        if row["indicator"] == "exit.cases" and set(g) == {"stage", "exit_group"}:
            columns[(g["exit_group"], g["stage"])] = f"{g['stage'] or '–'} (n={row['value']})"
    checked = 0
    for row in exits:
        g = row["group"]
        if set(g) != {"stage", "exit_group", "status"}:
            continue
        if row["indicator"] == "exit.status":
            label = ExitStatus(g["status"]).label
        elif g["status"] in SHARE_LABELS:
            label = SHARE_LABELS[g["status"]]
        else:
            continue
        with translation.override("de"):
            [cells] = tables[g["exit_group"]][str(label)]
        _assert_cells(cells, columns[(g["exit_group"], g["stage"])], row)
        checked += 1
    assert checked >= 4


def test_the_breakdown_sheet_has_every_row_of_the_json_with_its_number(w, book):
    wb, now = book(by=("region",))
    json_rows = _contract(w, now, ("region",), ())
    ws = wb["Alle Kennzahlen"]
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == ["Kennzahl", "Region", "Wert", "Wert: Zähler", "Wert: Nenner"]
    sheet = Counter()
    for label, region, value, num, den in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        assert _is_number(value) or (value is None and den == 0), (label, region)  # no blank counts
        sheet[(label, region, value, num, den)] += 1
    expected = Counter()
    for row in json_rows:
        ind = BY_ID.get(row["indicator"])
        if ind is None or ind.id == "prog.target_attainment":
            continue
        empty = row["denominator"] == 0 if ind.is_rate else row["value"] == 0
        if row["group"] and empty:
            continue  # a missing group means zero (the sheet says so)
        region = (row["group"].get("region") or "–") if row["group"] else "gesamt"
        expected[(ind.label, region, row["value"], row["numerator"], row["denominator"])] += 1
    assert sheet == expected
    counts = sum(n for key, n in expected.items() if key[3] is None)
    assert counts > 20  # the rows that were blank before: counts next to rates


def test_hand_counted_world(w, book):
    wb, _ = book()
    dropout = _table(wb["Austritte – Abbruch"])
    assert dropout["arbeitsuchend"][0]["S3 (n=2)"] == 1
    assert dropout["Minijob"][0]["S3 (n=2)"] == 1
    assert dropout["sozialversicherungspflichtig beschäftigt"][0]["S3 (n=2)"] == 0
    share = dropout["Anteil arbeitsuchend"][0]
    assert (share["S3 (n=2)"], share["S3 (n=2): Zähler"], share["S3 (n=2): Nenner"]) == (0.5, 1, 2)
    successful = _table(wb["Austritte – erfolgreich"])
    assert successful["sozialversicherungspflichtig beschäftigt"][0]["S3 (n=1)"] == 1
    flow = _table(wb["Programmverlauf"])
    referrals = flow[BY_ID["flow.referrals"].label][0]
    assert (referrals["gesamt"], referrals["RA"], referrals["RB"]) == (4, 3, 1)
    integrations = _table(wb["Integrationen"])[BY_ID["sgb2.integrations"].label][0]
    assert integrations["gesamt"] == 1
    # number formats: counts as integers with separators, shares in per cent
    ws = wb["Austritte – Abbruch"]
    assert ws.cell(HEADER_ROW + 1, 2).number_format == "#,##0"
    share_row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "Anteil arbeitsuchend")
    assert share_row[1].number_format == "0.0%"


def test_dates_are_excel_dates(w, book):
    wb, _ = book()
    targets = _table(wb["Soll-Ist-Vergleich"])
    label = BY_ID["flow.stage_entries"].label
    periods = {(r["Zeitraum: von"], r["Zeitraum: bis"]): r for r in targets[label]}
    year = periods[(dt.datetime(2023, 1, 1), dt.datetime(2023, 12, 31))]
    half = periods[(dt.datetime(2023, 1, 1), dt.datetime(2023, 6, 30))]
    assert (year["Soll"], year["Ist"], year["Zielerreichung"]) == (6, 3, 0.5)
    assert (half["Soll"], half["Ist"]) == (4, 3)  # all three entries lie in the first half
    ws = wb["Soll-Ist-Vergleich"]
    assert ws.cell(HEADER_ROW + 1, 2).is_date and ws.cell(HEADER_ROW + 1, 2).number_format == "dd.mm.yyyy"
    cover = {row[0]: row[1] for row in wb["Bericht"].iter_rows(min_row=1, max_col=2, values_only=True)}
    assert cover["Zeitraum von"] == dt.datetime(2023, 1, 1)
    assert cover["Zeitraum bis"] == dt.datetime(2023, 12, 31)
    assert cover["Stichtag"] == dt.datetime(2024, 6, 30)
    assert isinstance(cover["Erfassungsstand"], dt.datetime)


def test_sheet_names_are_whole_words_within_31_characters(w, book):
    wb, _ = book(by=("region", "stage"))
    assert wb.sheetnames == [
        "Bericht",
        "Programmverlauf",
        "Austritte – Abbruch",
        "Austritte – erfolgreich",
        "Austritte – neutral beendet",
        "Programmergebnisse",
        "Soll-Ist-Vergleich",
        "ESF+-Indikatoren",
        "Eingliederungsbilanz",
        "Integrationen",
        "Zielgruppenmerkmale",
        "Gründe für Verlängerungen",
        "Gründe vorzeitiger Austritte",
        "Kosten und Einsparungen",
        "Alle Kennzahlen",
        "Definitionen",
    ]
    for language in ("de", "en"):
        with translation.override(language):
            for name in SHEET_NAMES.values():
                assert 0 < len(str(name)) <= 31 and not set(str(name)) & set("[]:*?/\\"), name
    long = "Alle Kennzahlen nach Region, Stufe, Maßnahme, Träger, Geschlecht"
    fitted = fit_sheet_name(long)
    assert len(fitted) <= 31 and long.startswith(fitted) and long[len(fitted)] == " "
