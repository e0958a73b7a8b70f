"""Renderers: the contract's JSON and CSV, and the standard report as XLSX and PDF."""

from __future__ import annotations

import csv
import io
import json

from stufenweg.core.spreadsheet import neutralise
from stufenweg.indicators.definitions import DIMENSIONS
from stufenweg.indicators.results import ReportParams, contract_report


def to_json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_csv(report: dict) -> bytes:
    used = [d for d in (*DIMENSIONS, "indicator", "period") if any(d in r["group"] for r in report["rows"])]
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
                *[row["group"].get(d, "") for d in used],
                "" if row["numerator"] is None else row["numerator"],
                "" if row["denominator"] is None else row["denominator"],
                "" if row["value"] is None else row["value"],
            ]
        )
    return buffer.getvalue().encode("utf-8")


def render(params: ReportParams, fmt: str) -> bytes:
    if fmt == "json":
        return to_json(contract_report(params))
    if fmt == "csv":
        return to_csv(contract_report(params))
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
