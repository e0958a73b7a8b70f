"""The standard report as an XLSX workbook (XlsxWriter): a cover sheet with the report's
parameters and checks, one formatted sheet per section, and a definitions sheet.

Every value is a real cell value with a number format: a count is an integer (``#,##0``, shown
with the reader's thousands separator), a rate is written as three columns — the share (``0.0%``),
its numerator and its denominator — so that every share can be checked. A column that mixes counts
and rates (the exit-status tables, the breakdown's „Wert“) gets the same three columns; a count
stands in the first of them. Dates are Excel dates with a date format. Sheet names come from
``SHEET_NAMES`` (one source, each fits Excel's 31 characters in every language). Texts are in the
reader's language (``presenting``)."""

from __future__ import annotations

import datetime as dt
import io
import re

import xlsxwriter
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from stufenweg.indicators.charts import CHARTS, pixels, render_chart
from stufenweg.indicators.presenting import attainment_share, attainment_verdict, header_display, localise

SHEET_NAME_LIMIT = 31  # Excel's limit
SHEET_NAME_FORBIDDEN = "[]:*?/\\"
# The workbook's sheets: section id (standard.py) → sheet name, plus the cover and the definitions.
SHEET_NAMES = {
    "cover": gettext_lazy("Bericht"),
    "flow": gettext_lazy("Programmverlauf"),
    "exit_dropout": gettext_lazy("Austritte – Abbruch"),
    "exit_successful": gettext_lazy("Austritte – erfolgreich"),
    "exit_neutral": gettext_lazy("Austritte – neutral beendet"),
    "prog": gettext_lazy("Programmergebnisse"),
    "targets": gettext_lazy("Soll-Ist-Vergleich"),
    "esf": gettext_lazy("ESF+-Indikatoren"),
    "eb": gettext_lazy("Eingliederungsbilanz"),
    "sgb2": gettext_lazy("Integrationen"),
    "tg": gettext_lazy("Zielgruppenmerkmale"),
    "reasons_extension": gettext_lazy("Gründe für Verlängerungen"),  # indicators/reasons.py
    "reasons_exit": gettext_lazy("Gründe vorzeitiger Austritte"),
    "costs": gettext_lazy("Kosten und Einsparungen"),  # costs/report.py
    "breakdown": gettext_lazy("Alle Kennzahlen"),
    "definitions": gettext_lazy("Definitionen"),
}
HEADER_ROW = 3  # 0-based: title, note, blank, header
_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})$")
_MONTH_ID = re.compile(r"^(\d{4})-(\d{2})$")  # a row per calendar month (the cost section)


def fit_sheet_name(text: str) -> str:
    """``text`` without the characters Excel forbids, shortened at a word boundary to the limit."""
    name = " ".join("".join(ch for ch in str(text) if ch not in SHEET_NAME_FORBIDDEN).split())
    if len(name) <= SHEET_NAME_LIMIT:
        return name or _("Tabelle")
    words, kept = name.split(" "), ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > SHEET_NAME_LIMIT:
            break
        kept = candidate
    return kept.rstrip(" –-") or name[:SHEET_NAME_LIMIT]


def sheet_name(key: str, fallback: str, used: set[str]) -> str:
    """The sheet name of ``key`` (``SHEET_NAMES``, else ``fallback`` fitted), unique in the book."""
    base = fit_sheet_name(SHEET_NAMES.get(key, fallback))
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" {n}"
        name = fit_sheet_name(base[: SHEET_NAME_LIMIT - len(suffix)]) + suffix
        n += 1
    used.add(name.casefold())
    return name


def _date_format() -> str:
    return "yyyy-mm-dd" if translation.get_language() == "en" else "dd.mm.yyyy"


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _moment(text: str | None) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    if moment is not None and timezone.is_aware(moment):
        moment = timezone.localtime(moment).replace(tzinfo=None)
    return moment


class _Formats:
    def __init__(self, book):
        day = _date_format()
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.head = book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.count = book.add_format({"num_format": "#,##0", "border": 1})
        self.decimal = book.add_format({"num_format": "#,##0.00", "border": 1})
        self.share = book.add_format({"num_format": "0.0%", "border": 1})
        self.text = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        self.right = book.add_format({"border": 1, "align": "right"})
        self.day = book.add_format({"num_format": day, "border": 1, "align": "left"})
        self.plain_day = book.add_format({"num_format": day, "align": "left"})
        self.plain_moment = book.add_format({"num_format": f"{day} hh:mm", "align": "left"})
        self.warn = book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.money = book.add_format({"num_format": '#,##0.00 "€"', "border": 1})
        month = "yyyy-mm" if translation.get_language() == "en" else "mm/yyyy"
        self.month = book.add_format({"num_format": month, "border": 1, "align": "left"})


def to_xlsx(report: dict) -> bytes:
    report = localise(report)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    f = _Formats(book)
    used: set[str] = set()
    _cover(book, f, report, used)
    for section in report["sections"]:
        _section(book.add_worksheet(sheet_name(section["id"], section["title"], used)), f, section)
    _definitions(book.add_worksheet(sheet_name("definitions", "", used)), f, report)
    book.close()
    return buffer.getvalue()


def _cover(book, f: _Formats, report: dict, used: set[str]) -> None:
    shown = header_display(report)
    cover = book.add_worksheet(sheet_name("cover", "", used))
    cover.set_column(0, 0, 28)
    cover.set_column(1, 1, 70)
    cover.write(0, 0, _("Kennzahlenbericht"), f.title)
    meta = [
        (_("Programm"), f"{report['programme']} – {report.get('programme_name', '')}", None),
        (_("Zeitraum von"), _day(report.get("from")) or shown["from"], f.plain_day),
        (_("Zeitraum bis"), _day(report.get("to")) or shown["to"], f.plain_day),
        (_("Stichtag"), _day(report.get("as_of")) or shown["as_of"], f.plain_day),
        (_("Erfassungsstand"), _moment(report.get("recorded_on")) or shown["recorded_on"], f.plain_moment),
        (_("Aufschlüsselung"), shown["by"], None),
        (_("Regionen"), shown["regions"], None),
        (_("Kleinzellen unterdrückt unter"), report["filters"]["suppress_below"] or "–", None),
    ]
    for i, (key, value, fmt) in enumerate(meta, start=2):
        cover.write(i, 0, key, f.bold)
        if isinstance(value, dt.datetime):
            cover.write_datetime(i, 1, value, fmt)
        elif isinstance(value, dt.date):
            cover.write_datetime(i, 1, dt.datetime.combine(value, dt.time()), fmt)
        elif isinstance(value, str):
            cover.write_string(i, 1, value)
        else:
            cover.write_number(i, 1, value)
    row = len(meta) + 3
    cover.write(row, 0, _("Prüfungen"), f.bold)
    if report["checks"]:
        for i, problem in enumerate(report["checks"], start=row + 1):
            cover.write_string(i, 1, problem, f.warn)
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


def column_kinds(section: dict) -> list[str]:
    """Per value column: ``rate`` (share, numerator, denominator — counts stand in the first),
    ``period`` (two date columns) or ``value`` (one column)."""
    kinds = []
    for c in range(len(section["columns"]) - 1):
        cells = [r["cells"][c] for r in section["rows"] if c < len(r["cells"])]
        if any(isinstance(v, dict) for v in cells):
            kinds.append("rate")
        elif cells and all(isinstance(v, str) and _PERIOD.match(v) for v in cells):
            kinds.append("period")
        else:
            kinds.append("value")
    return kinds


def _header(sheet, f: _Formats, section: dict, kinds: list[str]) -> None:
    sheet.write(HEADER_ROW, 0, section["columns"][0], f.head)
    sheet.set_column(0, 0, 42)
    col = 1
    for name, kind in zip(section["columns"][1:], kinds, strict=True):
        if kind == "rate":
            names = [name, f"{name}: {_('Zähler')}", f"{name}: {_('Nenner')}"]
        elif kind == "period":
            names = [f"{name}: {_('von')}", f"{name}: {_('bis')}"]
        else:
            names = [name]
        for i, text in enumerate(names):
            sheet.write_string(HEADER_ROW, col + i, text, f.head)
        sheet.set_column(col, col + len(names) - 1, 14)
        col += len(names)


def _section(sheet, f: _Formats, section: dict) -> None:
    sheet.write(0, 0, section["title"], f.title)
    if section.get("note"):
        sheet.write(1, 0, section["note"])
    kinds = column_kinds(section)
    _header(sheet, f, section, kinds)
    targets = section["id"] == "targets"
    if targets:  # the verdict in words after the last column (Soll-Ist-Vergleich)
        verdict_col = 1 + sum({"rate": 3, "period": 2}.get(k, 1) for k in kinds)
        sheet.write_string(HEADER_ROW, verdict_col, _("Bewertung"), f.head)
        sheet.set_column(verdict_col, verdict_col, 24)
    money = set(section.get("money") or ())  # euro cells (the cost section)
    for r, item in enumerate(section["rows"], start=HEADER_ROW + 1):
        month = _MONTH_ID.match(str(item["id"]))
        if month:  # a calendar month as a date (its first day), shown as month and year
            first = dt.datetime.combine(dt.date(int(month[1]), int(month[2]), 1), dt.time())
            sheet.write_datetime(r, 0, first, f.month)
        else:
            sheet.write_string(r, 0, item["label"], f.text)
        col = 1
        for i, (value, kind) in enumerate(zip(item["cells"], kinds, strict=True)):
            if i in money:
                _write(sheet, r, col, value, f.money, f)
                col += 1
                continue
            if kind == "rate":
                if isinstance(value, dict):
                    share = attainment_share(item["id"], value["value"]) if targets else value["value"]
                    _write(sheet, r, col, share, f.share, f)
                    _write(sheet, r, col + 1, value["num"], f.count, f)
                    _write(sheet, r, col + 2, value["den"], f.count, f)
                else:
                    _write(sheet, r, col, value, f.count, f)
                    sheet.write_blank(r, col + 1, None, f.count)
                    sheet.write_blank(r, col + 2, None, f.count)
                col += 3
            elif kind == "period":
                start, end = _PERIOD.match(value).groups()
                for i, text in enumerate((start, end)):
                    day = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
                    sheet.write_datetime(r, col + i, day, f.day)
                col += 2
            else:
                _write(sheet, r, col, value, f.count, f)
                col += 1
        if targets:
            attained = item["cells"][-1]
            if isinstance(attained, dict):
                sheet.write_string(
                    r, col, attainment_verdict(item["id"], attained["num"], attained["den"]), f.text
                )
    sheet.freeze_panes(HEADER_ROW + 1, 1)


def _definitions(sheet, f: _Formats, report: dict) -> None:
    columns = [
        _("Kennzahl-ID"),
        pgettext("Kennzahl", "Bezeichnung"),  # with context: another app translates it „Name“
        _("Einheit"),
        _("Definition"),
        _("Zähler"),
        _("Nenner"),
        _("Aufschlüsselungen"),
    ]
    widths = [30, 32, 8, 70, 30, 30, 40]
    for c, (name, width) in enumerate(zip(columns, widths, strict=True)):
        sheet.write(0, c, name, f.head)
        sheet.set_column(c, c, width)
    for r, d in enumerate(report["definitions"], start=1):
        for c, key in enumerate(("id", "label", "unit", "definition", "numerator", "denominator", "dims")):
            if d[key]:
                sheet.write_string(r, c, str(d[key]), f.text)
            else:
                sheet.write_blank(r, c, None, f.text)  # a count has no numerator or denominator


def _write(sheet, r: int, c: int, value, fmt, f: _Formats) -> None:
    """A number with ``fmt`` (a non-integral count gets two decimals); a hidden value ``*`` or a
    group code as text; nothing for ``None``."""
    if value is None or value == "":
        sheet.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        sheet.write_string(r, c, value, f.right if value == "*" else f.text)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value, f.text)
    else:
        if fmt is f.count and isinstance(value, float) and not value.is_integer():
            fmt = f.decimal
        sheet.write_number(r, c, value, fmt)
