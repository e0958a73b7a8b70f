"""The standard report as an XLSX workbook (XlsxWriter): a cover sheet with the report's
parameters and checks, one formatted sheet per section, and a definitions sheet. Rates are
written as three columns (numerator, denominator, share) so that every share can be checked.
Texts are in the reader's language (``presenting``), numbers stay numbers."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from stufenweg.indicators.charts import CHARTS, pixels, render_chart
from stufenweg.indicators.presenting import header_display, localise


def _sheet_name(text: str, used: set[str]) -> str:
    name = "".join(ch for ch in text if ch not in "[]:*?/\\")[:28] or "Tabelle"
    base, n = name, 2
    while name in used:
        name = f"{base[:25]} {n}"
        n += 1
    used.add(name)
    return name


def to_xlsx(report: dict) -> bytes:
    report = localise(report)
    shown = header_display(report)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
    )
    num = book.add_format({"num_format": "#,##0", "border": 1})
    pct = book.add_format({"num_format": "0.0%", "border": 1})
    text = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    warn = book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
    used: set[str] = set()

    cover = book.add_worksheet(_sheet_name(_("Bericht"), used))
    cover.set_column(0, 0, 28)
    cover.set_column(1, 1, 70)
    cover.write(0, 0, _("Kennzahlenbericht"), title)
    meta = [
        (_("Programm"), f"{report['programme']} – {report.get('programme_name', '')}"),
        (_("Zeitraum"), f"{shown['from']} – {shown['to']}"),
        (_("Stichtag"), shown["as_of"]),
        (_("Erfassungsstand"), shown["recorded_on"]),
        (_("Aufschlüsselung"), shown["by"]),
        (_("Regionen"), shown["regions"]),
        (_("Kleinzellen unterdrückt unter"), report["filters"]["suppress_below"] or "–"),
    ]
    for i, (k, v) in enumerate(meta, start=2):
        cover.write(i, 0, k, bold)
        cover.write(i, 1, v)
    row = len(meta) + 3
    cover.write(row, 0, _("Prüfungen"), bold)
    if report["checks"]:
        for i, problem in enumerate(report["checks"], start=row + 1):
            cover.write(i, 1, problem, warn)
        row += len(report["checks"]) + 2
    else:
        cover.write(row, 1, _("Alle Prüfungen bestanden."))
        row += 2
    for chart in CHARTS:
        cover.insert_image(
            row,
            0,
            f"{chart}.png",
            {"image_data": io.BytesIO(render_chart(report, chart)), "x_scale": 0.8, "y_scale": 0.8},
        )
        width, height = pixels(report, chart, 110)
        row += round(height * 0.8 / 20) + 2  # rows of 20 px under the scaled picture

    for section in report["sections"]:
        sheet = book.add_worksheet(_sheet_name(section["title"], used))
        sheet.write(0, 0, section["title"], title)
        if section.get("note"):
            sheet.write(1, 0, section["note"])
        # header: a rate column becomes three columns
        rate_cols = [
            any(isinstance(r["cells"][c], dict) for r in section["rows"])
            for c in range(len(section["columns"]) - 1)
        ]
        col = 0
        sheet.write(3, col, section["columns"][0], head)
        sheet.set_column(0, 0, 42)
        for c, name in enumerate(section["columns"][1:]):
            col += 1
            if rate_cols[c]:
                sheet.write(3, col, f"{name}: {_('Zähler')}", head)
                sheet.write(3, col + 1, f"{name}: {_('Nenner')}", head)
                sheet.write(3, col + 2, f"{name}: {_('Quote')}", head)
                sheet.set_column(col, col + 2, 12)
                col += 2
            else:
                sheet.write(3, col, name, head)
                sheet.set_column(col, col, 14)
        for r, item in enumerate(section["rows"], start=4):
            sheet.write(r, 0, item["label"], text)
            col = 0
            for c, value in enumerate(item["cells"]):
                col += 1
                if rate_cols[c]:
                    if isinstance(value, dict):
                        for k, key in enumerate(("num", "den")):
                            _write(sheet, r, col + k, value[key], num)
                        _write(sheet, r, col + 2, value["value"], pct)
                    col += 2
                else:
                    _write(sheet, r, col, value, num if not isinstance(value, str) else text)
        sheet.freeze_panes(4, 1)

    defs = book.add_worksheet(_sheet_name(_("Definitionen"), used))
    columns = [
        _("Kennzahl-ID"),
        _("Bezeichnung"),
        _("Einheit"),
        _("Definition"),
        _("Zähler"),
        _("Nenner"),
        _("Aufschlüsselungen"),
    ]
    widths = [30, 32, 8, 70, 30, 30, 40]
    for c, (name, width) in enumerate(zip(columns, widths, strict=True)):
        defs.write(0, c, name, head)
        defs.set_column(c, c, width)
    for r, d in enumerate(report["definitions"], start=1):
        for c, key in enumerate(("id", "label", "unit", "definition", "numerator", "denominator", "dims")):
            defs.write(r, c, d[key], text)
    book.close()
    return buffer.getvalue()


def _write(sheet, r, c, value, fmt):
    if value is None:
        sheet.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        sheet.write_string(r, c, value, fmt)
    else:
        sheet.write_number(r, c, value, fmt)
