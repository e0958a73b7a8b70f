# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""Coded reasons per stage: extensions and early exits by their reason code (docs/indicators.md,
"Gründe je Stufe").

Counted from the effective events (INDICATORS.md, Conventions: recorded by R, corrections and voids
applied, happened by D), as aggregates of the report's engine run over its working tables
(``sources``), so a run in two sessions counts them in both halves at once:

- ``reason.extensions``: extension events in the period, by the stage of the enrolment they
  extend and their reason code; ``reason.extension_share``: those of a code / all of the stage;
- ``reason.early_exits``: explicit exits in the period with exit kind ``early_positive``,
  ``early_negative`` or ``early_neutral`` that end an enrolment, by its stage and their reason
  code; ``reason.early_exit_share``: those of a code / all early exits of the stage.

The stage (and the region, for the region filter) of an event is that of the enrolment it
belongs to: the latest effective entry or stage change before it, provided no exit came between
(a closure before an entry ends no enrolment and is not counted). An event without a code counts
under the code "" („ohne Angabe“). The implicit exits of stage changes carry no reason and are
not counted here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stufenweg.indicators import sqlfns as f
from stufenweg.indicators.results import ReportParams
from stufenweg.journeys.codes import EventKind, ExitKind
from stufenweg.programmes.models import ReasonCode, Stage

K = EventKind
EARLY = (ExitKind.EARLY_POSITIVE, ExitKind.EARLY_NEGATIVE, ExitKind.EARLY_NEUTRAL)
OPENING = (K.ENTRY, K.STAGE_CHANGE)
BOUNDARY = (K.ENTRY, K.STAGE_CHANGE, K.EXIT)
NO_CODE = ""


def rate_value(num: int, den: int) -> float | None:
    """A share as the other indicators give it: a fraction to four places, None for 0 / 0."""
    return round(num / den, 4) if den else None


TOTAL = "total"
NO_CODE_LABEL = gettext_noop("ohne Angabe")
TOTAL_LABEL = gettext_noop("gesamt")


@dataclass(frozen=True)
class Table:
    """One table: which events, which list of codes, its indicators and texts."""

    id: str  # the section's id
    purpose: str  # ReasonCode.Purpose
    source: str  # the engine source (``sources``)
    count_id: str
    share_id: str
    title: str  # German msgid (the report stores German; presenting translates)
    note: str
    label: tuple[str, str]
    definition: tuple[str, str]
    share_label: tuple[str, str]
    numerator: tuple[str, str]
    denominator: tuple[str, str]


TABLES = (
    Table(
        "reasons_extension",
        ReasonCode.Purpose.EXTENSION,
        "reason_extension",
        "reason.extensions",
        "reason.extension_share",
        gettext_noop("Verlängerungen nach Grund je Stufe"),
        gettext_noop(
            "Verlängerungen im Zeitraum nach dem Grund-Code der Verlängerung und der Stufe der "
            "verlängerten Teilnahme; Anteil an allen Verlängerungen der Stufe."
        ),
        ("Verlängerungen nach Grund", "Extensions by reason"),
        (
            "Verlängerungen im Zeitraum je Stufe der verlängerten Teilnahme und Grund-Code",
            "extension events in the period per stage of the extended enrolment and reason code",
        ),
        ("Anteil der Verlängerungen mit diesem Grund", "Share of extensions with this reason"),
        ("Verlängerungen der Stufe mit diesem Grund-Code", "extensions of the stage with this reason code"),
        ("alle Verlängerungen der Stufe im Zeitraum", "all extensions of the stage in the period"),
    ),
    Table(
        "reasons_exit",
        ReasonCode.Purpose.EXIT,
        "reason_exit",
        "reason.early_exits",
        "reason.early_exit_share",
        gettext_noop("Vorzeitige Austritte nach Grund je Stufe"),
        gettext_noop(
            "Austritte im Zeitraum mit vorzeitiger Austrittsart (positiv, negativ, neutral), die eine "
            "Teilnahme an einer Stufe beenden, nach Grund-Code; Anteil an allen vorzeitigen Austritten "
            "der Stufe. Stufenwechsel zählen hier nicht."
        ),
        ("Vorzeitige Austritte nach Grund", "Early exits by reason"),
        (
            "Austritte im Zeitraum mit Austrittsart early_positive, early_negative oder early_neutral, "
            "die eine Teilnahme beenden, je Stufe und Grund-Code",
            "exits in the period with exit kind early_positive, early_negative or early_neutral that "
            "end an enrolment, per stage and reason code",
        ),
        ("Anteil der vorzeitigen Austritte mit diesem Grund", "Share of early exits with this reason"),
        (
            "vorzeitige Austritte der Stufe mit diesem Grund-Code",
            "early exits of the stage with this reason code",
        ),
        ("alle vorzeitigen Austritte der Stufe im Zeitraum", "all early exits of the stage in the period"),
    ),
)
REASON_IDS = tuple(i for t in TABLES for i in (t.count_id, t.share_id))


# --- counting ---------------------------------------------------------------------------------


def sources(s) -> dict:
    """The engine sources of the two tables (``s``: the run's ``build.Settings``), read from the
    run's working tables: the effective events (``sw_ev``) and the enrolments (``sw_enr``, an entry
    or stage change up to the next entry, stage change or exit, in the log's order; ``xreason`` is
    the reason code of the exit ending it). A run in two parts adds up: every row belongs to one
    participation.

    - ``reason_extension``: the extensions of the period, each in the enrolment it falls into (after
      its opening event, before its end in the log's order): none if the latest boundary event
      before it is an exit (or there is none);
    - ``reason_exit``: the enrolments whose next boundary event is an exit in the period with an
      early exit kind (a closure before entry ends no enrolment; a stage change is no exit).
    """
    from stufenweg.indicators.sources import Source

    F, T = f.lit_date(s.date_from), f.lit_date(s.date_to)
    early = ", ".join(f"'{k}'" for k in EARLY)
    dims = {"stage": "r.stage_id", "region": "r.region_id", "reason_code": "r.reason_code"}
    extensions = f"""FROM (
        SELECT n.stage_id, n.region_id, v.reason_code
        FROM sw_ev v JOIN sw_enr n ON n.pid = v.pid AND n.entered_on <= v.od
          AND (v.od, v.ra, v.id) > (n.entered_on, n.e_ra, n.eid)
          AND (n.n_id IS NULL OR (v.od, v.ra, v.id) < (n.nod, n.n_ra, n.n_id))
        WHERE v.kind = 'extension' AND v.od >= {F} AND v.od <= {T}
      ) r WHERE 1 = 1"""
    exits = f"""FROM (
        SELECT n.stage_id, n.region_id, n.xreason AS reason_code
        FROM sw_enr n WHERE n.exit_on >= {F} AND n.exit_on <= {T} AND n.exit_kind IN ({early})
          AND n.xreason IS NOT NULL
      ) r WHERE 1 = 1"""
    return {
        "reason_extension": Source(extensions, dims, {"n": "COUNT(*)"}, "r.region_id", needs=("enrolments",)),
        "reason_exit": Source(exits, dims, {"n": "COUNT(*)"}, "r.region_id", needs=("enrolments",)),
    }


def _own_engine(params: ReportParams):
    from stufenweg.indicators.results import engine_for

    return engine_for(params)


def counts(params: ReportParams, table: Table, engine=None) -> dict[tuple[str, str], int]:
    """(stage code, reason code) -> number of counted events. ``engine``: the report's run (its
    settings those of ``params``); without one, a run of its own is built."""
    params = params.resolved()
    if engine is None:
        with _own_engine(params) as own:
            return counts(params, table, own)
    found = engine.aggregate(table.source, ("stage", "reason_code"))
    return {(stage, code or NO_CODE): v["n"] for (stage, code), v in found.items() if v["n"]}


def _codes(params: ReportParams, table: Table, found: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """The rows of a table: the programme's codes (a deactivated one only where it was used), a
    code no longer in the list, then „ohne Angabe“."""
    used = {code for _stage, code in found}
    listed = [
        (c.code, c.label)
        for c in ReasonCode.objects.filter(programme=params.programme, purpose=table.purpose).order_by(
            "position", "code"
        )
        if c.active or c.code in used
    ]
    known = {code for code, _label in listed}
    rest = sorted(used - known - {NO_CODE})
    return [*listed, *((code, code) for code in rest), (NO_CODE, NO_CODE_LABEL)]


def _stages(params: ReportParams, found) -> list[str]:
    codes = list(
        Stage.objects.filter(programme=params.programme).order_by("position").values_list("code", flat=True)
    )
    extra = sorted({stage for stage, _code in found} - set(codes))
    return [*codes, *extra]


# --- the report's sections and the contract rows --------------------------------------------------


def _hide(value: int, limit: int | None):
    return "*" if limit and 0 < value < limit else value


def section(params: ReportParams, table: Table, engine=None) -> dict:
    """The table of ``table`` as a section of the standard report: one row per code with count,
    share of the column (``{"num", "den", "value"}``), the total row; columns „gesamt“ and one
    per stage (``S2 (n=…)``). Small counts are hidden as in the other sections (``*``; where one
    count of a column is hidden, the next smallest one too)."""
    params = params.resolved()
    found = counts(params, table, engine)
    stages = _stages(params, found)
    codes = _codes(params, table, found)
    totals = {stage: sum(n for (s, _c), n in found.items() if s == stage) for stage in stages}
    total = sum(found.values())
    columns = [_("Grund"), _("gesamt"), *[f"{stage or '–'} (n={totals[stage]})" for stage in stages]]
    grid = {
        code: [
            sum(n for (_s, c), n in found.items() if c == code),
            *[found.get((s, code), 0) for s in stages],
        ]
        for code, _label in codes
    }
    dens = [total, *[totals[s] for s in stages]]
    hidden = _suppressed(grid, params.suppress_below)
    rows = []
    for code, label in codes:
        cells = []
        for i, n in enumerate(grid[code]):
            if (code, i) in hidden:
                cells.append({"num": "*", "den": dens[i], "value": "*"})
            else:
                cells.append({"num": n, "den": dens[i], "value": rate_value(n, dens[i])})
        rows.append({"id": code or "none", "label": _(label), "cells": cells})
    rows.append({"id": TOTAL, "label": _(TOTAL_LABEL), "cells": dens})
    # texts in the active language, as the other sections write them (presenting translates again)
    return {"id": table.id, "title": _(table.title), "note": _(table.note), "columns": columns, "rows": rows}


def _suppressed(grid: dict[str, list[int]], limit: int | None) -> set[tuple[str, int]]:
    if not limit:
        return set()
    hidden = set()
    width = len(next(iter(grid.values()), []))
    for i in range(width):
        column = {code: values[i] for code, values in grid.items()}
        primary = {code for code, n in column.items() if 0 < n < limit}
        hidden |= {(code, i) for code in primary}
        if len(primary) == 1:
            rest = sorted((n, code) for code, n in column.items() if n > 0 and code not in primary)
            if rest:
                hidden.add((rest[0][1], i))
    return hidden


def sections(params: ReportParams, engine=None) -> list[dict]:
    """Both tables; ``engine``: the report's run (else one run of their own for both)."""
    params = params.resolved()
    if engine is None:
        with _own_engine(params) as own:
            return sections(params, own)
    return [section(params, table, engine) for table in TABLES]


def contract_rows(params: ReportParams, ids=REASON_IDS, engine=None) -> list[dict]:
    """The rows of the output contract (INDICATORS.md, Output contract) for the reason indicators
    among ``ids``: per stage and reason code (``""``: none given), and per stage. ``engine``: the
    report's run (else one of their own, only if a reason indicator is asked for)."""
    params = params.resolved()
    if engine is None:
        if not any(i in ids for t in TABLES for i in (t.count_id, t.share_id)):
            return []
        with _own_engine(params) as own:
            return contract_rows(params, ids, own)
    out = []
    for table in TABLES:
        if table.count_id not in ids and table.share_id not in ids:
            continue
        found = counts(params, table, engine)
        stages = sorted({s for s, _c in found})
        totals = {s: sum(n for (st, _c), n in found.items() if st == s) for s in stages}
        for (stage, code), n in sorted(found.items()):
            group = {"stage": stage, "reason_code": code}
            if table.count_id in ids:
                out.append(
                    {
                        "indicator": table.count_id,
                        "group": group,
                        "numerator": None,
                        "denominator": None,
                        "value": n,
                    }
                )
            if table.share_id in ids:
                out.append(
                    {
                        "indicator": table.share_id,
                        "group": group,
                        "numerator": n,
                        "denominator": totals[stage],
                        "value": rate_value(n, totals[stage]),
                    }
                )
    return out


def definitions() -> list[dict]:
    """The definitions sheet's rows of the reason indicators, in the active language (as
    ``standard_report`` writes the others)."""
    from django.utils import translation

    pick = 1 if translation.get_language() == "en" else 0
    out = []
    for t in TABLES:
        dims = f"{_('Stufe')}, {_('Grund (Code)')}"
        out.append(
            {
                "id": t.count_id,
                "label": t.label[pick],
                "definition": t.definition[pick],
                "numerator": "",
                "denominator": "",
                "unit": _("Anzahl"),
                "dims": dims,
            }
        )
        out.append(
            {
                "id": t.share_id,
                "label": t.share_label[pick],
                "definition": t.definition[pick],
                "numerator": t.numerator[pick],
                "denominator": t.denominator[pick],
                "unit": _("Quote"),
                "dims": dims,
            }
        )
    return out


def _texts() -> dict[str, dict[str, tuple[str, str]]]:
    out = {}
    for t in TABLES:
        out[t.count_id] = {"label": t.label, "definition": t.definition}
        out[t.share_id] = {
            "label": t.share_label,
            "definition": t.definition,
            "numerator": t.numerator,
            "denominator": t.denominator,
        }
    return out


def localise_definition(d: dict) -> dict:
    """A stored definition row of a reason indicator in the active language (others unchanged)."""
    from django.utils import translation

    texts = _texts().get(d["id"])
    if texts is None:
        return d
    english = translation.get_language() == "en"
    return {
        **d,
        **{name: pair[1] if english else pair[0] for name, pair in texts.items()},
        "unit": _(d["unit"]),
        "dims": f"{_('Stufe')}, {_('Grund (Code)')}",
    }
