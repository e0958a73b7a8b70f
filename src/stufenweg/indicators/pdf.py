"""The standard report as PDF (WeasyPrint), laid out like a programme report: title block with
the parameters, checks and charts, one table per section, definitions. In the reader's language
(``presenting.present``), the page footer included."""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from stufenweg.indicators.charts import CHARTS, render_chart
from stufenweg.indicators.presenting import present

CSS_PATH = Path(__file__).resolve().parent / "static" / "indicators" / "report_pdf.css"
CHART_DPI = 150


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def page_css(report: dict) -> str:
    """The running footer: report name and programme left, page of pages right (translated)."""
    left = _css_text(f"Stufenweg – {_('Kennzahlenbericht')} {report['programme']}")
    counters = {"page": '" counter(page) "', "pages": '" counter(pages) "'}
    right = _css_text(_("Seite %(page)s von %(pages)s")) % counters
    return f'@page {{ @bottom-left {{ content: "{left}"; }} @bottom-right {{ content: "{right}"; }} }}'


def html_for(report: dict) -> str:
    """The report as the HTML page the PDF is printed from (charts embedded as PNG)."""
    shown = present(report)
    charts = {
        name: "data:image/png;base64,"
        + base64.b64encode(render_chart(shown, name, dpi=CHART_DPI)).decode("ascii")
        for name in CHARTS
    }
    return render_to_string(
        "indicators/report_pdf.html",
        {"report": shown, "charts": charts, "LANGUAGE_CODE": translation.get_language() or "de"},
    )


def to_pdf(report: dict) -> bytes:
    from weasyprint import CSS, HTML

    stylesheets = [CSS(filename=str(CSS_PATH)), CSS(string=page_css(report))]
    return HTML(string=html_for(report)).write_pdf(stylesheets=stylesheets)
