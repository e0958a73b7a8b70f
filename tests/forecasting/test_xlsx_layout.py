"""The forecast workbook reads well in a spreadsheet: short sheet names (no title cut after „und“),
counts as whole numbers, estimates with one decimal place, hidden values as ``*``, dates as dates,
columns wide enough for their headings and labels."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from stufenweg.forecasting.model import add_months
from stufenweg.forecasting.xlsx import workbook

AS_OF = dt.date(2026, 6, 30)
STAGES = [
    {"id": 1, "code": "S1", "name": "Aktivierungsmaßnahme"},
    {"id": 2, "code": "S2", "name": "Maßnahme beim Arbeitgeber (bis 12 Wochen)"},
]


def _result() -> dict:
    months = [add_months(AS_OF, m) for m in range(1, 13)]
    per_stage = [[[4.0, 1.5] for _m in months] for _level in range(3)]
    stage = {
        "completed": 30,
        "open": 4,
        "months": 3.9,
        "onward_share": 44.7,
        "dropout_share": "*",
        "pooled": False,
    }
    return {
        "programme": {"id": 1, "code": "JPS", "name": "JobPerspektive"},
        "as_of": AS_OF,
        "runs": 200,
        "stages": STAGES,
        "regions": [{"id": 7, "name": "Nordsachsen"}],
        "months": months,
        "capacity": [155] * 12,
        "capacity_by_region": [[155] * 12],
        "stage_band": per_stage,
        "total_band": [[5.5] * 12 for _level in range(3)],
        "waiting_band": [[20.0] * 12 for _level in range(3)],
        "assessment_band": [[1.0] * 12 for _level in range(3)],
        "stage_region_band": [[[[4.0], [1.5]] for _m in months] for _level in range(3)],
        "waiting_region_band": [[[20.0] for _m in months] for _level in range(3)],
        "history": [{"day": AS_OF, "stages": [13, "*"], "total": 15, "waiting": 18}],
        "estimates": [
            {
                "region": "Nordsachsen",
                "referrals_window": 47,
                "referrals_per_month": 3.9,
                "decided": 208,
                "admitted_share": 82.7,
                "wait_days": 17,
                "referral_to_entry_days": "*",
                "stages": [stage, stage],
            }
        ],
        "suppress_below": 3,
        "backtest": None,
    }


def test_sheet_names_formats_and_widths():
    book = load_workbook(io.BytesIO(workbook(_result())))
    assert book.sheetnames == [
        "Prognose",
        "Belegung je Stufe",
        "Warteliste",
        "Beobachtete Belegung",
        "Zuflüsse je Region",
        "Verweildauer je Stufe",
        "Stufe × Region × Monat",
    ]
    history = book["Beobachtete Belegung"]
    assert history["A5"].value == dt.datetime(2026, 6, 30) and history["A5"].number_format == "dd.mm.yyyy"
    assert (history["B5"].value, history["B5"].number_format) == (13, "#,##0")
    assert history["C5"].value == "*"
    flows = book["Zuflüsse je Region"]
    row = [c.value for c in flows[5]]
    assert row == ["Nordsachsen", 3.9, 47, 208, 0.827, 17, "*"]
    assert [flows.cell(5, c).number_format for c in (2, 3, 4, 5, 6)] == [
        "#,##0.0",
        "#,##0",
        "#,##0",
        "0.0%",
        "#,##0",
    ]
    stays = book["Verweildauer je Stufe"]
    assert stays["A5"].value == "Nordsachsen / Aktivierungsmaßnahme"
    assert stays.column_dimensions["A"].width >= 30  # the region / stage labels
    stages = book["Belegung je Stufe"]
    assert stages["B4"].alignment.wrap_text
    assert stages["E5"].number_format == "#,##0.0"  # an estimate (median of the runs)
    detail = book["Stufe × Region × Monat"]
    assert detail.column_dimensions["C"].width >= len("Maßnahme beim Arbeitgeber (bis 12 Wochen)")
    assert detail["G2"].number_format == "#,##0"
