"""The stored standard report in the active language, and as display strings for templates.

A report run stores the standard report once, in German (the product's language, see
``tasks.generate_report``). Every renderer that shows it to a person (web page, charts, XLSX,
PDF) first passes it through :func:`localise`, which rebuilds its texts in the active language
from the ids the report carries: indicator labels, definitions, numerators and denominators from
the German/English pairs declared in ``definitions.py``, exit statuses from their code, headings
and notes through the catalogue.
Numbers are never touched. In German, ``localise`` returns the report unchanged; in English it
returns what ``standard_report`` would have produced with English active (a test holds both).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stufenweg.indicators import fmt
from stufenweg.indicators.definitions import BY_ID, DIMENSION_LABELS, FAMILY_LABELS, Indicator
from stufenweg.journeys.codes import ExitStatus

# The heading of each family's table: "<family> nach Region" and so on (standard.py's sections).
SECTION_SUFFIX = {
    "flow": gettext_noop("nach Region"),
    "prog": gettext_noop("je Stufe"),
    "esf": gettext_noop("nach Geschlecht"),
    "eb": gettext_noop("nach Region"),
    "sgb2": gettext_noop("nach Region"),
    "tg": gettext_noop("je Stufe"),
}
EXIT_TITLE = gettext_noop("Status der TN zum Austritt – %(group)s")
BREAKDOWN_TITLE = gettext_noop("Alle Kennzahlen nach %(dims)s")
TOTAL = gettext_noop("gesamt")
# The self-checks' messages (results.self_checks), so that a stored German check reads in English.
CHECK_MESSAGES = (
    gettext_noop(
        "ESF (%(group)s): EECO01 = %(o1)s, aber EECO02 + EECO04 + EECO05 = %(sum)s (Erwerbsstatus bei Eintritt fehlt?)."
    ),
    gettext_noop("ESF (%(group)s): EECO03 ist größer als EECO02."),
    gettext_noop("ESF (%(group)s): %(ind)s = %(n)s ist größer als die Austrittskohorte (%(c)s)."),
    gettext_noop("%(ind)s %(group)s: Zähler %(num)s ist größer als der Nenner %(den)s."),
    gettext_noop("%(ind)s %(group)s: Anteil %(value)s ist größer als 1."),
)


def indicator_label(ind: Indicator) -> str:
    """The indicator's label in the active language (declared once, German and English)."""
    return ind.text("label")


def _check_pattern(msgid: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", msgid)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$")


_CHECK_PATTERNS = [(msgid, _check_pattern(msgid)) for msgid in CHECK_MESSAGES]


def _check(text: str) -> str:
    for msgid, pattern in _CHECK_PATTERNS:
        match = pattern.match(text)
        if match:
            values = match.groupdict()
            if values.get("group") == TOTAL:
                values["group"] = _(TOTAL)
            return _(msgid) % values
    return _(text)


def _target_label(text: str, ind_id: str) -> str:
    """``<label> / <region> / <stage>`` with the label in the active language."""
    ind = BY_ID.get(ind_id)
    if ind is None:
        return text
    for known in (ind.label, ind.label_en):
        if text == known or text.startswith(known + " / "):
            return indicator_label(ind) + text[len(known) :]
    return text


def _exit_status_label(code: str, fallback: str) -> str:
    try:
        return str(ExitStatus(code).label)
    except ValueError:
        return _(fallback)


def _exit_status_codes() -> dict[str, str]:
    """Exit status label (in German and in the active language) → code."""
    codes = {}
    with translation.override("de"):
        codes.update({str(label): code for code, label in ExitStatus.choices})
    codes.update({str(label): code for code, label in ExitStatus.choices})
    return codes


def _title(section: dict, by: list[str]) -> str:
    sid = section["id"]
    if sid in SECTION_SUFFIX:
        return f"{FAMILY_LABELS[sid]} {_(SECTION_SUFFIX[sid])}"
    if sid.startswith("exit_"):
        from stufenweg.indicators.standard import GROUP_LABELS

        group = sid.removeprefix("exit_")
        if group in GROUP_LABELS:
            return _(EXIT_TITLE) % {"group": str(GROUP_LABELS[group])}
    if sid == "breakdown" and by:
        return _(BREAKDOWN_TITLE) % {"dims": ", ".join(str(DIMENSION_LABELS[d]) for d in by)}
    return _(section["title"])


def _breakdown_cell(dim: str, code: str) -> str:
    """A group cell of the breakdown: „gesamt“ translated; yes/no person attributes and the target
    groups by their names (stage, region and other codes stay as they are)."""
    if code == TOTAL:
        return _(TOTAL)
    from stufenweg.indicators.target_groups import person_group_label

    # "–" marks a group without a value: for a yes/no attribute that is „nicht erfasst“
    return person_group_label(dim, "" if code == "–" else code) or code


def _section(section: dict, by: list[str]) -> dict:
    sid = section["id"]
    columns = list(section["columns"])
    # headings through the catalogue; stage and region codes (and "S3 (n=44)") stay as they are
    translated = {"targets": len(columns), "breakdown": len(columns), "costs": len(columns)}.get(sid, 2)
    if sid.startswith("exit_"):
        translated = 1
    columns = [_(c) if i < translated else c for i, c in enumerate(columns)]
    rows = []
    for row in section["rows"]:
        label, cells = row["label"], row["cells"]
        if sid == "targets":
            label = _target_label(label, row["id"])
        elif sid.startswith("exit_"):
            label = _exit_status_label(row["id"], label)
        elif row["id"] in BY_ID:
            label = indicator_label(BY_ID[row["id"]])
        else:
            label = _(label)
        if sid == "breakdown":
            cells = [_breakdown_cell(by[i], c) if i < len(by) else c for i, c in enumerate(cells)]
        rows.append({**row, "label": label, "cells": cells})
    return {
        **section,
        "title": _title(section, by),
        "note": _note(section),
        "columns": columns,
        "rows": rows,
    }


def compose_note(parts) -> str:
    """A note composed of parts (pairs of msgid and values, e.g. the cost section's break-even
    month) in the active language."""
    return " ".join(_(text) % values if values else _(text) for text, values in parts)


def _note(section: dict) -> str:
    """A section's note in the active language (``note_parts`` part by part)."""
    if section.get("note_parts"):
        return compose_note(section["note_parts"])
    return _(section["note"]) if section.get("note") else section.get("note", "")


def _charts(charts: dict) -> dict:
    out = {name: dict(data) for name, data in charts.items()}
    for data in out.values():
        if data.get("title"):
            data["title"] = _(data["title"])
    if "exit_status" in out:
        codes = _exit_status_codes()
        out["exit_status"]["series"] = {
            (_exit_status_label(codes[name], name) if name in codes else name): values
            for name, values in charts["exit_status"].get("series", {}).items()
        }
    return out


def _definition(d: dict) -> dict:
    ind = BY_ID.get(d["id"])
    if ind is None:
        from stufenweg.indicators.reasons import localise_definition  # the reason indicators

        return localise_definition(d)
    return {
        **d,
        "label": ind.text("label"),
        "definition": ind.text("definition"),
        "numerator": ind.text("numerator"),
        "denominator": ind.text("denominator"),
        "unit": _(d["unit"]),
        "dims": ", ".join(str(DIMENSION_LABELS[x]) for x in ind.dims),
    }


def localise(report: dict) -> dict:
    """The standard report with its texts in the active language (a new dict; numbers as stored)."""
    by = list(report.get("filters", {}).get("by") or [])
    sections = [_section(s, by) for s in report.get("sections", [])]
    charts = _charts(report.get("charts", {}))
    targets = next((s for s in sections if s["id"] == "targets"), None)
    if targets is not None and "targets" in charts:
        charts["targets"]["labels"] = [
            _target_label(text, row["id"])
            for text, row in zip(charts["targets"]["labels"], targets["rows"], strict=False)
        ] + list(charts["targets"]["labels"][len(targets["rows"]) :])
    return {
        **report,
        "sections": sections,
        "charts": charts,
        "checks": [_check(text) for text in report.get("checks", [])],
        "definitions": [_definition(d) for d in report.get("definitions", [])],
    }


def _moment(text: str | None) -> str:
    if not text:
        return "–"
    try:
        return fmt.moment(dt.datetime.fromisoformat(text))
    except ValueError:
        return text


def _day(text: str | None) -> str:
    if not text:
        return "–"
    try:
        return fmt.day(dt.date.fromisoformat(text))
    except ValueError:
        return text


def _period(text) -> str:
    """A target's period cell ``2021-01-01 – 2026-10-31`` with the dates in the active format."""
    if not isinstance(text, str):
        return fmt.cell(text)
    parts = text.split(" – ")
    if len(parts) == 2:
        return " – ".join(_day(p) for p in parts)
    return text


def target_value(ind_id: str, value) -> str:
    """A Soll or Ist: a rate's as a percentage (10 %, not 0,1), a count as a number."""
    ind = BY_ID.get(ind_id)
    return fmt.percent(value) if ind is not None and ind.is_rate else fmt.number(value)


def lower_is_better(ind_id: str) -> bool:
    ind = BY_ID.get(ind_id)
    return ind is not None and ind.lower_is_better


def attainment_verdict(ind_id: str, actual, target) -> str:
    """Whether a target is met, in words, read in the indicator's direction: where less is better
    (dropout rate) an actual above the target misses it; elsewhere an actual below the target has
    not (yet) reached it. Empty where a value is hidden or missing. The page, the XLSX and the
    CSV for Excel all say it with these words."""
    if not isinstance(actual, int | float) or not isinstance(target, int | float):
        return ""
    if lower_is_better(ind_id):
        return _("Ziel verfehlt") if actual > target else _("Ziel erreicht")
    return _("Ziel erreicht") if actual >= target else _("Ziel (noch) nicht erreicht")


def attainment_share(ind_id: str, share):
    """The share of the target reached, or ``None`` where less is better: there a share above
    100 % would read as overachievement (a dropout rate 45 % above its target is not „145 %
    Zielerreichung“)."""
    return None if lower_is_better(ind_id) else share


def attainment_text(ind_id: str, actual, target, share) -> str:
    """The attainment of one target. Where more is better: the share of the target reached
    (``145,0 % (Ist 145 / Soll 100)``). Where less is better (dropout rate, ``lower_is_better``)
    the target is called met or missed (``attainment_verdict``)."""
    values = {"actual": target_value(ind_id, actual), "target": target_value(ind_id, target)}
    if lower_is_better(ind_id) and isinstance(actual, int | float):
        if isinstance(target, int | float) and actual > target:
            return _("Ziel verfehlt (Ist %(actual)s > Soll %(target)s)") % values
        return _("Ziel erreicht (Ist %(actual)s ≤ Soll %(target)s)") % values
    return _("%(share)s (Ist %(actual)s / Soll %(target)s)") % {**values, "share": fmt.percent(share)}


def _cell_text(section_id: str, row_id: str, i: int, v) -> str:
    if section_id == "targets":
        if i == 0:
            return _period(v)
        if i in (1, 2):
            return target_value(row_id, v)
        if isinstance(v, dict):
            return attainment_text(row_id, v["num"], v["den"], v["value"])
    return fmt.cell(v)


def present(report: dict) -> dict:
    """Localised report with display strings: formatted cells, dates and the breakdown names."""
    report = localise(report)
    sections = []
    for section in report["sections"]:
        money = set(section.get("money") or ())  # euro cells (the cost section): to the cent
        rows = [
            {
                "label": item["label"],
                "id": item["id"],
                "cells": [
                    {
                        "text": fmt.amount(v) if i in money else _cell_text(section["id"], item["id"], i, v),
                        "rate": isinstance(v, dict),
                        # a number (or a hidden one, "*") is right-aligned, a group code or period not
                        "number": not isinstance(v, str) or v == "*",
                    }
                    for i, v in enumerate(item["cells"])
                ],
            }
            for item in section["rows"]
        ]
        # a column whose cells are all numbers is right-aligned, its heading too
        width = len(section["columns"]) - 1
        numeric = [
            bool(rows) and all(r["cells"][i]["number"] for r in rows if i < len(r["cells"]))
            for i in range(width)
        ]
        headings = [{"text": c, "number": i > 0 and numeric[i - 1]} for i, c in enumerate(section["columns"])]
        sections.append({**section, "rows": rows, "headings": headings})
    return {**report, "sections": sections, "display": header_display(report)}


def header_display(report: dict) -> dict:
    """The report's parameters as display strings (dates in the active format, breakdown names)."""
    filters = report.get("filters", {})
    return {
        "from": _day(report.get("from")),
        "to": _day(report.get("to")),
        "as_of": _day(report.get("as_of")),
        "recorded_on": _moment(report.get("recorded_on")),
        "by": ", ".join(str(DIMENSION_LABELS.get(d, d)) for d in filters.get("by") or []) or "–",
        "regions": ", ".join(filters.get("regions") or []) or _("alle"),
    }
