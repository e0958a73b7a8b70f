"""The standard programme report: the contract rows arranged in sections like the seeds' programme
reports (flow per region, exit status per stage, results per stage, targets, ESF+ by gender,
Eingliederungsbilanz, integrations), with self-checks, definitions and chart data.

The result is a plain dict (JSON-serialisable) so that a background run can store it and every
renderer (web page, XLSX, PDF) reads the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.costs.report import section as costs_section
from stufenweg.indicators import reasons
from stufenweg.indicators.build import STEPS
from stufenweg.indicators.definitions import (
    BY_ID,
    DIMENSION_LABELS,
    FAMILY_LABELS,
    GENDERS,
    INDICATORS,
    Indicator,
)
from stufenweg.indicators.engine import rate_value
from stufenweg.indicators.results import (
    ReportParams,
    engine_for,
    header,
    self_checks,
    suppress,
    target_rows,
)
from stufenweg.indicators.target_groups import TG_IDS, unit_label
from stufenweg.indicators.target_groups import section as target_group_section
from stufenweg.journeys.codes import ExitStatus

FLOW = [i.id for i in INDICATORS if i.family == "flow"]
PROG = [i.id for i in INDICATORS if i.family == "prog" and i.id != "prog.target_attainment"]
ESF = [i.id for i in INDICATORS if i.family == "esf"]
EB = [i.id for i in INDICATORS if i.family == "eb"]
SGB2 = [i.id for i in INDICATORS if i.family == "sgb2"]
EXIT = ["exit.cases", "exit.status", "exit.status_share"]
EXIT_GROUPS = ("dropout", "successful", "neutral")  # the seeds' order: dropouts first
GROUP_LABELS = {
    "successful": gettext_lazy("ohne vorzeitigen Abbruch, erfolgreich"),
    "dropout": gettext_lazy("bei vorzeitigem Abbruch"),
    "neutral": gettext_lazy("vorzeitig neutral beendet"),
}


def label(ind: Indicator) -> str:
    return ind.text("label")


def _lookup(rows):
    return {(r["indicator"], tuple(sorted(r["group"].items()))): r for r in rows}


def _cell(row, ind: Indicator):
    if row is None:
        return {"num": 0, "den": 0, "value": None} if ind.is_rate else 0
    if ind.is_rate:
        return {"num": row["numerator"], "den": row["denominator"], "value": row["value"]}
    return row["value"]


def _matrix(rows, ids, dim, codes, title, sid, note=""):
    """Indicators as rows, total and one column per code of ``dim``."""
    look = _lookup(rows)
    columns = [_("Kennzahl"), _("gesamt"), *[c or "–" for c in codes]]
    table = []
    for ind_id in ids:
        ind = BY_ID[ind_id]
        cells = [_cell(look.get((ind_id, ())), ind)]
        for code in codes:
            cells.append(_cell(look.get((ind_id, ((dim, code),))), ind))
        table.append({"id": ind_id, "label": label(ind), "cells": cells})
    return {"id": sid, "title": title, "note": note, "columns": columns, "rows": table}


def _codes(rows, dim):
    return sorted({r["group"][dim] for r in rows if dim in r["group"] and len(r["group"]) == 1})


def standard_report(params: ReportParams, progress: Callable[[int], None] | None = None) -> dict:
    """The report; ``progress(percent)`` is told after each real step (working tables built, each
    family computed, targets, sections arranged)."""
    step = progress or (lambda percent: None)
    params = params.resolved()
    with engine_for(params) as engine:
        engine.build(*STEPS)  # the report reads every working table: built at once, then counted
        step(40)  # the working tables are the bulk of the work
        flow = engine.rows(FLOW, ("region",))
        step(46)
        exits = engine.rows(EXIT, ("stage", "exit_group", "status"))
        step(52)
        exit_totals = engine.rows(["exit.cases"], ("stage",))
        prog = engine.rows(PROG, ("stage",))
        step(60)
        esf = engine.rows(ESF)
        step(66)
        eb = engine.rows(EB, ("region",))
        step(72)
        sgb2 = engine.rows(SGB2, ("region",))
        tg = engine.rows(TG_IDS, ("stage",))
        step(78)
        breakdown = engine.rows(None, params.by) if params.by else []
        leavers = engine.esf_leavers()
        entries_by_region = engine.rows(["flow.stage_entries"], ("region",))
        step(84)
        targets = target_rows(params, engine=engine)
        reason_sections = reasons.sections(params, engine)  # from the same run's working tables
    step(90)
    checks = self_checks([*flow, *exits, *prog, *esf, *eb, *sgb2, *tg], esf_leavers=leavers)
    if params.suppress_below:
        n = params.suppress_below
        flow, exits, exit_totals, prog, esf, eb, sgb2, tg, breakdown = (
            suppress(rows, n) for rows in (flow, exits, exit_totals, prog, esf, eb, sgb2, tg, breakdown)
        )
    regions = _codes(flow, "region")
    stages = _codes(exit_totals, "stage") or _codes(prog, "stage")
    sections = [
        _matrix(flow, FLOW, "region", regions, f"{FAMILY_LABELS['flow']} {_('nach Region')}", "flow"),
        *_exit_sections(exits, stages),
        _matrix(
            prog, PROG, "stage", _codes(prog, "stage"), f"{FAMILY_LABELS['prog']} {_('je Stufe')}", "prog"
        ),
        _target_section(targets),
        _matrix(
            esf,
            ESF,
            "gender",
            list(GENDERS),
            f"{FAMILY_LABELS['esf']} {_('nach Geschlecht')}",
            "esf",
            note=_(
                "Teilnehmende = Person × ESF-Vorhaben; Merkmale beim ersten Eintritt, Ergebnisse beim letzten Austritt."
            ),
        ),
        _matrix(eb, EB, "region", _codes(eb, "region"), f"{FAMILY_LABELS['eb']} {_('nach Region')}", "eb"),
        _matrix(
            sgb2,
            SGB2,
            "region",
            _codes(sgb2, "region"),
            f"{FAMILY_LABELS['sgb2']} {_('nach Region')}",
            "sgb2",
        ),
        target_group_section(tg, _matrix),  # Zielgruppenmerkmale je Stufe
    ]
    sections.extend(reason_sections)  # extensions and early exits by reason code per stage
    sections.append(costs_section(params))  # Kosten und Einsparungen (costs/report.py)
    if params.by:
        sections.append(_breakdown_section(breakdown, params.by))
    charts = {
        "entries": {
            "title": _("Eintritte in Stufen je Region"),
            "labels": [r["group"].get("region") or "–" for r in entries_by_region if r["group"]],
            "values": [r["value"] for r in entries_by_region if r["group"]],
        },
        "exit_status": _exit_chart(exits, stages),
        "targets": {
            "title": _("Soll und Ist"),
            "labels": [_target_label(r) for r in targets],
            "ids": [r["group"]["indicator"] for r in targets],
            "actual": [r["numerator"] for r in targets],
            "target": [r["denominator"] for r in targets],
        },
    }
    return {
        **header(params),
        "programme_name": params.programme.name,
        "filters": {
            "by": list(params.by),
            "regions": list(params.region_codes),
            "suppress_below": params.suppress_below,
        },
        "sections": sections,
        "checks": checks,
        "charts": charts,
        "definitions": [
            {
                "id": i.id,
                "label": label(i),
                "definition": i.text("definition"),
                "numerator": i.text("numerator"),
                "denominator": i.text("denominator"),
                "unit": unit_label(i) or (_("Quote") if i.is_rate else _("Anzahl")),
                "dims": ", ".join(str(DIMENSION_LABELS[d]) for d in i.dims),
            }
            for i in INDICATORS
        ]
        + reasons.definitions(),
    }


def _exit_sections(rows, stages):
    look = _lookup(rows)
    out = []
    for group in EXIT_GROUPS:
        columns = [_("Status beim Austritt")]
        cases = {}  # the exits of the group per stage: the columns' n and the shares' denominator
        for stage in stages:
            row = look.get(("exit.cases", (("exit_group", group), ("stage", stage))))
            cases[stage] = row["value"] if row else 0
            columns.append(f"{stage or '–'} (n={cases[stage]})")
        table = []
        for code, text in ExitStatus.choices:
            cells = []
            for stage in stages:
                r = look.get(("exit.status", (("exit_group", group), ("stage", stage), ("status", code))))
                cells.append(r["value"] if r else 0)
            table.append({"id": code, "label": str(text), "cells": cells})
        for code, text in (
            ("job_seeking", _("Anteil arbeitsuchend")),
            ("employed_svb", _("Anteil SV-beschäftigt")),
        ):
            cells = []
            for stage in stages:
                r = look.get(
                    ("exit.status_share", (("exit_group", group), ("stage", stage), ("status", code)))
                )
                # no row: no exit of the group named the status (0 of the group's exits)
                cells.append(
                    {"num": r["numerator"], "den": r["denominator"], "value": r["value"]}
                    if r
                    else {"num": 0, "den": cases[stage], "value": rate_value(0, cases[stage])}
                )
            table.append({"id": f"share_{code}", "label": str(text), "cells": cells})
        out.append(
            {
                "id": f"exit_{group}",
                "title": _("Status der TN zum Austritt – %(group)s") % {"group": str(GROUP_LABELS[group])},
                "note": _("Mehrfachnennung möglich; Status nicht bekannt, wenn keiner genannt."),
                "columns": columns,
                "rows": table,
            }
        )
    return out


def _exit_chart(rows, stages):
    look = _lookup(rows)
    series = {}
    for code, text in ExitStatus.choices:
        values = []
        for stage in stages:
            total = 0
            for group in EXIT_GROUPS:
                r = look.get(("exit.status", (("exit_group", group), ("stage", stage), ("status", code))))
                total += r["value"] if r and isinstance(r["value"], int) else 0
            values.append(total)
        if any(values):
            series[str(text)] = values
    return {
        "title": _("Status beim Austritt je Stufe"),
        "labels": [s or "–" for s in stages],
        "series": series,
    }


def _target_label(row) -> str:
    g = row["group"]
    parts = [label(BY_ID[g["indicator"]])]
    parts += [g[k] for k in ("region", "stage") if g.get(k)]
    return " / ".join(parts)


def _target_section(rows):
    table = []
    for r in rows:
        g = r["group"]
        table.append(
            {
                "id": g["indicator"],
                "label": _target_label(r),
                "cells": [
                    g["period"].replace("/", " – "),
                    r["denominator"],
                    r["numerator"],
                    {"num": r["numerator"], "den": r["denominator"], "value": r["value"]},
                ],
            }
        )
    return {
        "id": "targets",
        "title": _("Soll-Ist-Vergleich"),
        "note": "" if rows else _("Für diesen Zeitraum sind keine Zielwerte erfasst."),
        "columns": [_("Zielwert"), _("Zeitraum"), _("Soll"), _("Ist"), _("Zielerreichung")],
        "rows": table,
    }


def _breakdown_section(rows, by):
    table = []
    dims = list(by)
    for r in rows:
        ind = BY_ID[r["indicator"]]
        empty = (r["denominator"] == 0) if ind.is_rate else (r["value"] == 0)
        if r["group"] and empty:
            continue  # a missing group means zero
        cells = [(r["group"].get(d) or "–") if r["group"] else _("gesamt") for d in dims]
        cells.append(_cell(r, ind))
        table.append({"id": r["indicator"], "label": label(ind), "cells": cells})
    return {
        "id": "breakdown",
        "title": _("Alle Kennzahlen nach %(dims)s")
        % {"dims": ", ".join(str(DIMENSION_LABELS[d]) for d in dims)},
        "note": _("Fehlende Gruppen bedeuten null."),
        "columns": [_("Kennzahl"), *[str(DIMENSION_LABELS[d]) for d in dims], _("Wert")],
        "rows": table,
    }
