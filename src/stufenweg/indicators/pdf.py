"""The standard report as PDF (WeasyPrint), laid out like a programme report: title block with
the parameters, charts, one table per section, checks and definitions."""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from stufenweg.indicators.charts import CHARTS, render_chart
from stufenweg.indicators.presenting import present

CSS_PATH = Path(__file__).resolve().parent / "static" / "indicators" / "report_pdf.css"


def to_pdf(report: dict) -> bytes:
    from weasyprint import CSS, HTML

    charts = {
        name: "data:image/png;base64," + base64.b64encode(render_chart(report, name, dpi=150)).decode("ascii")
        for name in CHARTS
    }
    html = render_to_string("indicators/report_pdf.html", {"report": present(report), "charts": charts})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(CSS_PATH))])
