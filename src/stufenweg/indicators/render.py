"""Renderers: the contract's JSON and CSV, the CSV for German Excel, and the standard report as
XLSX and PDF.

Two CSV variants of the contract rows (``CSV_VARIANTS``):

- ``excel`` (the web's default): for German Excel — ``;``, UTF-8 with BOM, decimal comma, dates
  ``31.12.2024``, headers and labels in the reader's language (German by default): the
  indicator's label next to its id, exit statuses and groups by name, „Gesamt“ in a breakdown
  column over which the row is not grouped (the total) and „ohne Region“ (…) for the group of
  items that lack the dimension (code ``""``); a last column „Bewertung“ says for a target row
  whether the target is met, read in its direction (no attainment share where less is better).
- ``maschinell`` (the contract's CSV, the command line's default): ``,``, UTF-8 without BOM,
  codes, decimal point. An empty group cell means the row is not grouped by that dimension (the
  total row has every group cell empty); the group whose code is the empty string is written
  ``NO_CODE`` so that it differs from the total.

Text cells of both pass through ``core.spreadsheet.neutralise`` (formula cells).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.utils.translation import gettext as _

from stufenweg.core.spreadsheet import neutralise
from stufenweg.indicators import fmt as display
from stufenweg.indicators.definitions import BY_ID, DIMENSION_LABELS, DIMENSIONS
from stufenweg.indicators.presenting import attainment_share, attainment_verdict, indicator_label
from stufenweg.indicators.results import ReportParams, contract_report
from stufenweg.indicators.target_groups import person_group_label

CSV_EXCEL, CSV_MACHINE = "excel", "maschinell"
CSV_VARIANTS = (CSV_EXCEL, CSV_MACHINE)
NO_CODE = "(none)"  # the machine variant's cell for the group whose code is "" (INDICATORS.md)
BOM = "\ufeff"


def to_json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _group_dims(report: dict) -> list[str]:
    dims = (*DIMENSIONS, "reason_code", "indicator", "period")  # reason_code: ``reasons.py``
    return [d for d in dims if any(d in r["group"] for r in report["rows"])]


def _machine_group(group: dict, dim: str) -> str:
    if dim not in group:
        return ""
    return group[dim] if group[dim] != "" else NO_CODE


def to_csv(report: dict, variant: str = CSV_MACHINE) -> bytes:
    if variant == CSV_EXCEL:
        return to_csv_excel(report)
    if variant != CSV_MACHINE:
        raise ValueError(variant)
    used = _group_dims(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "programme",
            "from",
            "to",
            "as_of",
            "recorded_on",
            "indicator",
            *[f"group_{d}" for d in used],
            "numerator",
            "denominator",
            "value",
        ]
    )
    for row in report["rows"]:
        writer.writerow(
            # codes (programme, region, measure …) are text from users: formula-safe; numbers as they are
            neutralise(cell)
            for cell in [
                report["programme"],
                report["from"],
                report["to"],
                report["as_of"],
                report["recorded_on"],
                row["indicator"],
                *[_machine_group(row["group"], d) for d in used],
                "" if row["numerator"] is None else row["numerator"],
                "" if row["denominator"] is None else row["denominator"],
                "" if row["value"] is None else row["value"],
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _excel_number(value) -> str:
    """A number for German Excel: decimal comma, no thousands separator; ``*`` (hidden) as is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _excel_day(text: str | None) -> str:
    try:
        return display.day(dt.date.fromisoformat(text)) if text else ""
    except ValueError:
        return text


def _excel_group(group: dict, dim: str) -> str:
    from stufenweg.indicators.standard import GROUP_LABELS
    from stufenweg.journeys.codes import Change, ExitStatus

    if dim not in group:
        return _("Gesamt")
    code = group[dim]
    person_label = person_group_label(dim, code)  # yes/no/not recorded, target groups by name
    if person_label:
        return person_label
    if code == "":
        return _("ohne %(dimension)s") % {"dimension": DIMENSION_LABELS.get(dim, dim)}
    if dim == "indicator":
        return indicator_label(BY_ID[code]) if code in BY_ID else code
    if dim == "period":
        return " – ".join(_excel_day(part) for part in code.split("/"))
    labels = {"status": ExitStatus, "change": Change}
    if dim in labels and code in labels[dim].values:
        return str(labels[dim](code).label)
    if dim == "exit_group" and code in GROUP_LABELS:
        return str(GROUP_LABELS[code])
    return code


def to_csv_excel(report: dict) -> bytes:
    """The contract rows as CSV for German Excel (see the module's docstring)."""
    used = _group_dims(report)
    dim_labels = {
        "indicator": _("Zielwert für"),
        "period": _("Zielzeitraum"),
        "reason_code": _("Grund (Code)"),
    }
    try:
        recorded = display.moment(dt.datetime.fromisoformat(report["recorded_on"]))
    except (TypeError, ValueError):
        recorded = report["recorded_on"] or ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Programm"),
            _("Zeitraum von"),
            _("Zeitraum bis"),
            _("Stichtag"),
            _("Erfassungsstand"),
            _("Kennzahl-ID"),
            _("Kennzahl"),
            *[str(dim_labels.get(d) or DIMENSION_LABELS[d]) for d in used],
            _("Zähler"),
            _("Nenner"),
            _("Wert"),
            _("Bewertung"),
        ]
    )
    head = [
        report["programme"],
        _excel_day(report["from"]),
        _excel_day(report["to"]),
        _excel_day(report["as_of"]),
        recorded,
    ]
    for row in report["rows"]:
        ind = BY_ID.get(row["indicator"])
        value, verdict = row["value"], ""
        if row["indicator"] == "prog.target_attainment":
            # read in the target's direction: a dropout rate above its target is missed, not 145 %
            target_of = row["group"].get("indicator", "")
            value = attainment_share(target_of, value)
            verdict = attainment_verdict(target_of, row["numerator"], row["denominator"])
        writer.writerow(
            neutralise(cell)
            for cell in [
                *head,
                row["indicator"],
                indicator_label(ind) if ind else row["indicator"],
                *[_excel_group(row["group"], d) for d in used],
                _excel_number(row["numerator"]),
                _excel_number(row["denominator"]),
                _excel_number(value),
                verdict,
            ]
        )
    return (BOM + buffer.getvalue()).encode("utf-8")


def render(params: ReportParams, fmt: str, *, csv_variant: str = CSV_MACHINE) -> bytes:
    if fmt == "json":
        return to_json(contract_report(params))
    if fmt == "csv":
        return to_csv(contract_report(params), csv_variant)
    from stufenweg.indicators.standard import standard_report

    report = standard_report(params)
    return render_standard(report, fmt)


def render_standard(report: dict, fmt: str) -> bytes:
    if fmt == "xlsx":
        from stufenweg.indicators.xlsx import to_xlsx

        return to_xlsx(report)
    if fmt == "pdf":
        from stufenweg.indicators.pdf import to_pdf

        return to_pdf(report)
    if fmt == "json":
        return to_json(report)
    raise ValueError(fmt)
