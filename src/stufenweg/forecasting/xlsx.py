"""The forecast as an XLSX workbook (XlsxWriter): a sheet with the parameters and the method, one
sheet per table of ``tables.build`` (a band as three columns: 10 %, median, 90 %) and one sheet
with every stage × region × month of the forecast."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from stufenweg.core.spreadsheet import neutralise
from stufenweg.forecasting import tables
from stufenweg.forecasting.tables import Band, Share
from stufenweg.indicators.xlsx import fit_sheet_name


def workbook(result: dict) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_date_format": "dd.mm.yyyy"})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "#,##0.0"})
    percent = book.add_format({"num_format": "0.0%"})
    date = book.add_format({"num_format": "dd.mm.yyyy"})

    cover = book.add_worksheet(fit_sheet_name(_("Prognose")))
    cover.set_column(0, 0, 34)
    cover.set_column(1, 1, 60)
    cover.write(0, 0, _("Platzprognose"), bold)
    facts = [
        (_("Programm"), f"{result['programme']['name']} ({result['programme']['code']})"),
        (_("Stichtag"), result["as_of"]),
        (_("Regionen"), ", ".join(r["name"] for r in result["regions"])),
        (_("Läufe (Monte-Carlo)"), result["runs"]),
        (_("Kleinzellen unterdrückt unter"), result["suppress_below"] or "–"),
        (
            _("Verfahren"),
            _(
                "Fluss-Modell in Wochenschritten; Verweildauern nach Kaplan-Meier aus dem Verlaufsprotokoll; siehe docs/forecasting.md"
            ),
        ),
    ]
    for i, (label, value) in enumerate(facts, start=2):
        cover.write(i, 0, label, bold)
        if hasattr(value, "isoformat"):
            cover.write_datetime(i, 1, value, date) if hasattr(value, "hour") else cover.write(
                i, 1, value, date
            )
        else:
            cover.write(i, 1, neutralise(value), wrap)

    for table in tables.build(result):
        sheet = book.add_worksheet(fit_sheet_name(table["title"]))
        sheet.write(0, 0, table["title"], bold)
        sheet.write(1, 0, table["note"])
        bands = [any(isinstance(row[c], Band) for row in table["rows"]) for c in range(len(table["columns"]))]
        col = 0
        for c, label in enumerate(table["columns"]):
            if bands[c]:
                for suffix in (_("10 %"), _("Median"), _("90 %")):
                    sheet.write(3, col, neutralise(f"{label}: {suffix}"), bold)
                    col += 1
            else:
                sheet.write(3, col, neutralise(label), bold)
                col += 1
        sheet.set_column(0, col, 16)
        for r, row in enumerate(table["rows"], start=4):
            col = 0
            for c, value in enumerate(row):
                if bands[c]:
                    for v in value if isinstance(value, Band) else (None, None, None):
                        sheet.write_number(r, col, v, number) if v is not None else sheet.write_blank(
                            r, col, None
                        )
                        col += 1
                    continue
                if isinstance(value, Share):
                    sheet.write_number(r, col, float(value) / 100, percent)
                elif hasattr(value, "isoformat"):
                    sheet.write(r, col, value, date)
                elif isinstance(value, int | float):
                    sheet.write_number(r, col, value, number)
                elif value is None:
                    sheet.write_blank(r, col, None)
                else:
                    sheet.write_string(r, col, neutralise(str(value)))
                col += 1

    detail = book.add_worksheet(fit_sheet_name(_("Stufe × Region × Monat")))
    heads = [_("Monat"), _("Region"), _("Stufe"), _("10 %"), _("Median"), _("90 %"), _("Plätze der Region")]
    for c, label in enumerate(heads):
        detail.write(0, c, label, bold)
    detail.set_column(0, 6, 16)
    line = 1
    levels = result["stage_region_band"]
    for m, day in enumerate(result["months"]):
        for i, region in enumerate(result["regions"]):
            places = result["capacity_by_region"][i][m]
            for j, stage in enumerate(result["stages"]):
                detail.write(line, 0, day, date)
                detail.write_string(line, 1, neutralise(region["name"]))
                detail.write_string(line, 2, neutralise(stage["name"]))
                for k in range(3):
                    detail.write_number(line, 3 + k, levels[k][m][j][i], number)
                detail.write_number(line, 6, places)
                line += 1
            detail.write(line, 0, day, date)
            detail.write_string(line, 1, neutralise(region["name"]))
            detail.write_string(line, 2, _("Warteliste"))
            for k in range(3):
                detail.write_number(line, 3 + k, result["waiting_region_band"][k][m][i], number)
            line += 1
    book.close()
    return buffer.getvalue()
