"""One report run: parameters → the contract's JSON (rows), targets, self-checks, suppression."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.indicators.definitions import BY_ID, INDICATORS
from stufenweg.indicators.engine import Engine, rate_value, settings_for
from stufenweg.indicators.target_groups import suppress_measures

SUPPRESSED = "*"


@dataclass
class ReportParams:
    programme: object
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date | None = None
    recorded_on: dt.datetime | None = None
    by: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    suppress_below: int | None = None
    region_ids: tuple[int, ...] | None = None
    region_codes: tuple[str, ...] = field(default_factory=tuple)
    # the programme's report settings stored with a run (``Programme.report_settings``); None: the
    # programme's current ones
    settings: dict | None = None

    def resolved(self) -> ReportParams:
        """Defaults filled in: as-of = to, recorded-on = now."""
        return ReportParams(
            programme=self.programme,
            date_from=self.date_from,
            date_to=self.date_to,
            as_of=self.as_of or self.date_to,
            recorded_on=self.recorded_on or timezone.now(),
            by=tuple(self.by),
            indicators=tuple(self.indicators),
            suppress_below=self.suppress_below,
            region_ids=self.region_ids,
            region_codes=self.region_codes,
            settings=self.settings,
        )


def engine_for(params: ReportParams, *, date_from=None, date_to=None, as_of=None) -> Engine:
    return Engine(
        settings_for(
            params.programme,
            date_from=date_from or params.date_from,
            date_to=date_to or params.date_to,
            as_of=as_of or params.as_of,
            recorded_on=params.recorded_on,
            region_ids=params.region_ids,
            settings=params.settings,
        )
    )


def header(params: ReportParams) -> dict:
    return {
        "programme": params.programme.code,
        "from": params.date_from.isoformat(),
        "to": params.date_to.isoformat(),
        "as_of": params.as_of.isoformat(),
        "recorded_on": timezone.localtime(params.recorded_on).isoformat(),
    }


def contract_report(params: ReportParams) -> dict:
    """The output contract: header and rows (INDICATORS.md, Output contract)."""
    params = params.resolved()
    ids = list(params.indicators or [i.id for i in INDICATORS])
    # the reason indicators are counted on their own (``reasons.py``), by stage and reason code
    from stufenweg.indicators import reasons

    reason_ids = [i for i in ids if i in reasons.REASON_IDS] if params.indicators else reasons.REASON_IDS
    ids = [i for i in ids if i not in reasons.REASON_IDS]
    with engine_for(params) as engine:
        rows = engine.rows(ids, params.by) if ids else []
        if "prog.target_attainment" in ids:
            rows.extend(target_rows(params, engine=engine))
        rows.extend(reasons.contract_rows(params, reason_ids, engine))
    if params.suppress_below:
        rows = suppress(rows, params.suppress_below)
    return {**header(params), "rows": rows}


# --- targets (Soll) -------------------------------------------------------------------------


def targets_for(params: ReportParams):
    from stufenweg.programmes.models import Target

    qs = Target.objects.filter(
        programme=params.programme, period_from__lte=params.date_to, period_to__gte=params.date_from
    ).select_related("region", "stage")
    if params.region_ids is not None:
        qs = qs.filter(region_id__in=params.region_ids)
    return [
        t
        for t in qs.order_by("indicator", "period_from", "region__code", "stage__code")
        if t.indicator in BY_ID
    ]


def target_rows(params: ReportParams, *, engine: Engine | None = None) -> list[dict]:
    """Actual (over the target's own period, as of min(D, period end)) against each target.
    ``engine``: the report's own run, used for targets whose period and as-of are the report's
    (the usual case, a target for the report's year) instead of building the same tables again."""
    params = params.resolved()
    targets = targets_for(params)
    by_period: dict[tuple, list] = {}
    for target in targets:
        by_period.setdefault((target.period_from, target.period_to), []).append(target)
    own = (engine.settings.date_from, engine.settings.date_to, engine.settings.as_of) if engine else None
    rows = []
    for (start, end), group in by_period.items():
        as_of = min(params.as_of, end)
        if own == (start, end, as_of):
            rows.extend(_attainment_rows(engine, group, start, end))
            continue
        with engine_for(params, date_from=start, date_to=end, as_of=as_of) as period_engine:
            rows.extend(_attainment_rows(period_engine, group, start, end))
    return rows


def _attainment_rows(engine: Engine, targets, start, end) -> list[dict]:
    rows = []
    for target in targets:
        ind = BY_ID[target.indicator]
        dims = tuple(d for d in ("region", "stage") if getattr(target, f"{d}_id"))
        wanted = {
            "region": target.region.code if target.region_id else None,
            "stage": target.stage.code if target.stage_id else None,
        }
        actual_rows = engine.indicator_rows(ind, dims)
        want = {d: wanted[d] for d in dims}
        actual = next((r for r in actual_rows if r["group"] == want), None)
        value = actual["value"] if actual else 0
        value = 0 if value is None else value
        target_value = float(target.target) if isinstance(target.target, Decimal) else target.target
        group = {"indicator": ind.id, "period": f"{start.isoformat()}/{end.isoformat()}", **want}
        rows.append(
            {
                "indicator": "prog.target_attainment",
                "group": group,
                "numerator": value,
                "denominator": target_value,
                "value": rate_value(value, target_value),
            }
        )
    return rows


# --- small-cell suppression ---------------------------------------------------------------------


def _small(x, limit) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and 0 < x < limit


def is_small(value, limit: int | None) -> bool:
    """Whether a count is a small cell: 1 … ``limit`` − 1 (no limit: never)."""
    return bool(limit) and _small(value, limit)


def small_cells(values: list, limit: int | None) -> set[int]:
    """The positions of the cells of one breakdown to hide: the small counts and, where that hides
    exactly one, the next smallest positive count too, so that the total cannot reveal it
    (secondary suppression; ``suppress`` hides an indicator's groups by this rule)."""
    if not limit:
        return set()
    hidden = {i for i, v in enumerate(values) if _small(v, limit)}
    if len(hidden) == 1:
        rest = sorted(
            (v, i)
            for i, v in enumerate(values)
            if i not in hidden and isinstance(v, int | float) and not isinstance(v, bool) and v > 0
        )
        if rest:
            hidden.add(rest[0][1])
    return hidden


def rests_on_too_few(count, limit: int | None) -> bool:
    """Whether a mean, median or share resting on ``count`` cases must be hidden: below ``limit``
    or the count itself hidden (also the rule of ``target_groups.suppress_measures``)."""
    if not limit:
        return False
    return not isinstance(count, int) or isinstance(count, bool) or count < limit


def suppress(rows: list[dict], limit: int) -> list[dict]:
    """Values 1..limit-1 become ``*``; if one cell of an indicator's breakdown is hidden, the next
    smallest one is hidden too, so that the total cannot reveal it (secondary suppression)."""
    out = [dict(r) for r in rows]
    by_indicator: dict[str, list[dict]] = {}
    for row in out:
        if row["indicator"] == "prog.target_attainment":
            continue
        by_indicator.setdefault(row["indicator"], []).append(row)
    for ind_id, ind_rows in by_indicator.items():
        fields = ("numerator", "denominator") if BY_ID[ind_id].is_rate else ("value",)
        for fld in fields:
            groups = [r for r in ind_rows if r["group"]]
            hidden = [r for r in ind_rows if not r["group"] and _small(r[fld], limit)]
            hidden += [groups[i] for i in sorted(small_cells([r[fld] for r in groups], limit))]
            for row in hidden:
                row[fld] = SUPPRESSED
                if fld != "value":
                    row["value"] = SUPPRESSED
    return suppress_measures(out, limit)  # means and medians: by the count they rest on


# --- self-checks ------------------------------------------------------------------------------


def self_checks(rows: list[dict], *, esf_leavers: dict | None = None) -> list[str]:
    """The checks of INDICATORS.md that a correct report always passes; returns violations (German)."""
    problems: list[str] = []
    esf: dict[tuple, dict[str, int]] = {}
    for row in rows:
        if row["indicator"].startswith("esf.") and isinstance(row["value"], int):
            key = tuple(sorted(row["group"].items()))
            esf.setdefault(key, {})[row["indicator"][4:]] = row["value"]
    for key, v in esf.items():
        label = dict(key).get("gender", _("gesamt"))
        if {"EECO01", "EECO02", "EECO04", "EECO05"} <= set(v) and v["EECO01"] != v["EECO02"] + v[
            "EECO04"
        ] + v["EECO05"]:
            problems.append(
                _(
                    "ESF (%(group)s): EECO01 = %(o1)s, aber EECO02 + EECO04 + EECO05 = %(sum)s (Erwerbsstatus bei Eintritt fehlt?)."
                )
                % {"group": label, "o1": v["EECO01"], "sum": v["EECO02"] + v["EECO04"] + v["EECO05"]}
            )
        if {"EECO02", "EECO03"} <= set(v) and v["EECO03"] > v["EECO02"]:
            problems.append(_("ESF (%(group)s): EECO03 ist größer als EECO02.") % {"group": label})
        cohort = (esf_leavers or {}).get(dict(key).get("gender", ""))
        if cohort is not None:
            for r in ("EECR01", "EECR02", "EECR03", "EECR04", "EECR05"):
                if r in v and v[r] > cohort:
                    problems.append(
                        _("ESF (%(group)s): %(ind)s = %(n)s ist größer als die Austrittskohorte (%(c)s).")
                        % {"group": label, "ind": r, "n": v[r], "c": cohort}
                    )
    for row in rows:
        num, den, value = row["numerator"], row["denominator"], row["value"]
        if row["indicator"] == "prog.target_attainment" or not isinstance(num, int | float):
            continue
        if isinstance(den, int | float) and num > den:
            problems.append(
                _("%(ind)s %(group)s: Zähler %(num)s ist größer als der Nenner %(den)s.")
                % {"ind": row["indicator"], "group": _group_text(row["group"]), "num": num, "den": den}
            )
        elif isinstance(value, float) and value > 1:
            problems.append(
                _("%(ind)s %(group)s: Anteil %(value)s ist größer als 1.")
                % {"ind": row["indicator"], "group": _group_text(row["group"]), "value": value}
            )
    return problems


def _group_text(group: dict) -> str:
    return "(" + ", ".join(f"{k}={v or '–'}" for k, v in group.items()) + ")" if group else ""
