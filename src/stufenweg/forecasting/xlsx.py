"""The forecast as an XLSX workbook (XlsxWriter): a sheet with the parameters and the method, one
sheet per table of ``tables.build`` (a band as three columns: 10 %, median, 90 %) and one sheet
with every stage × region × month of the forecast."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.core.spreadsheet import neutralise
from stufenweg.forecasting import tables
from stufenweg.forecasting.tables import Band, Share
from stufenweg.indicators.xlsx import fit_sheet_name

# table id (``tables.build``) → sheet name: short names that fit Excel's 31 characters in every
# language (the table's full title stands in the sheet's first row)
SHEET_NAMES = {
    "stages": gettext_lazy("Belegung je Stufe"),
    "waiting": gettext_lazy("Warteliste"),
    "regions": gettext_lazy("Belegung je Region"),
    "history": gettext_lazy("Beobachtete Belegung"),
    "flows": gettext_lazy("Zuflüsse je Region"),
    "stays": gettext_lazy("Verweildauer je Stufe"),
    "backtest": gettext_lazy("Rückblick Fehler"),
    "backtest_months": gettext_lazy("Rückblick je Monat"),
}
WIDTH_MIN, WIDTH_MAX = 11, 44


def _width(texts) -> int:
    """A column width (characters) for its heading and cells, within bounds."""
    return max(WIDTH_MIN, min(WIDTH_MAX, max((len(t) for t in texts), default=0) + 2))


def workbook(result: dict) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_date_format": "dd.mm.yyyy"})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "#,##0.0"})
    count = book.add_format({"num_format": "#,##0"})
    percent = book.add_format({"num_format": "0.0%"})
    date = book.add_format({"num_format": "dd.mm.yyyy", "align": "left"})
    right = book.add_format({"align": "right"})

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
                "Fluss-Modell in Wochenschritten; Verweildauern nach Kaplan-Meier aus dem Verlaufsprotokoll; "
                "Annahmen und Grenzen: auf der Seite „Platzprognose“ unten"
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
        sheet = book.add_worksheet(fit_sheet_name(SHEET_NAMES.get(table["id"], table["title"])))
        sheet.write(0, 0, table["title"], bold)
        sheet.write(1, 0, table["note"])
        bands = [any(isinstance(row[c], Band) for row in table["rows"]) for c in range(len(table["columns"]))]
        col, widths = 0, {}
        for c, label in enumerate(table["columns"]):
            cells = [tables.text(row[c]) for row in table["rows"]]
            if bands[c]:
                for suffix in (_("10 %"), _("Median"), _("90 %")):
                    sheet.write(3, col, neutralise(f"{label}: {suffix}"), head)
                    widths[col] = _width([str(label)[:24], *cells])
                    col += 1
            else:
                sheet.write(3, col, neutralise(label), head)
                widths[col] = _width([str(label)[:24] if c else "", *cells])
                col += 1
        for c, width in widths.items():
            sheet.set_column(c, c, width)
        sheet.freeze_panes(4, 1)
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
                    sheet.write_number(r, col, round(float(value) / 100, 6), percent)
                elif hasattr(value, "isoformat"):
                    sheet.write(r, col, value, date)
                elif isinstance(value, int) and not isinstance(value, bool):
                    sheet.write_number(r, col, value, count)  # a count of persons or places
                elif isinstance(value, float):
                    sheet.write_number(r, col, value, number)
                elif value is None:
                    sheet.write_blank(r, col, None)
                else:
                    sheet.write_string(r, col, neutralise(str(value)), right if value == "*" else None)
                col += 1

    detail = book.add_worksheet(fit_sheet_name(_("Stufe × Region × Monat")))
    heads = [_("Monat"), _("Region"), _("Stufe"), _("10 %"), _("Median"), _("90 %"), _("Plätze der Region")]
    for c, label in enumerate(heads):
        detail.write(0, c, label, head)
    detail.set_column(0, 0, 12)
    detail.set_column(1, 1, _width([r["name"] for r in result["regions"]]))
    detail.set_column(2, 2, _width([s["name"] for s in result["stages"]]))
    detail.set_column(3, 6, 11)
    detail.freeze_panes(1, 0)
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
                detail.write_number(line, 6, places, count)
                line += 1
            detail.write(line, 0, day, date)
            detail.write_string(line, 1, neutralise(region["name"]))
            detail.write_string(line, 2, _("Warteliste"))
            for k in range(3):
                detail.write_number(line, 3 + k, result["waiting_region_band"][k][m][i], number)
            line += 1
    book.close()
    return buffer.getvalue()
