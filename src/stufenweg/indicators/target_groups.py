# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""Target groups: the person dimensions of every report, and the section „Zielgruppenmerkmale je
Stufe“ (docs/indicators.md, "Zielgruppen").

- ``resolve(source, dims)``: the dimensions ``vocational_qualification``, ``single_parent`` (codes
  ``yes``, ``no``, ``""`` not recorded) and ``target_group`` (multi-membership: one row per group
  a counted item's person belongs to, ``none`` for an item in no group) for any engine source
  whose rows carry the participation (``<alias>.pid``) and an age band.
- ``sources(settings)``: the engine sources of the ``tg.*`` indicators, read from the enrolments
  (``sw_enr``) of the run: ``tg_in`` (per stage the first entry of each person in the period) and
  ``tg_x`` (enrolments ended in the period, with their length of stay). Both are built once per
  run into working tables of their own (``sw_tgin``, ``sw_tgx``; in each session) when an
  aggregate first needs them; every breakdown, mean and median then only groups those tables.
- ``indicator_rows(engine, ind, by)``: the contract rows of a mean or a median.
- ``section(rows)``: the section of the standard report.

Everything is an aggregate of the engine (``Engine.aggregate``), so a run in two parts
(participations split by id) adds up exactly: counts and sums add, and the median is taken from
the added counts per number of days.
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.indicators import sqlfns as f
from stufenweg.indicators.build_enrolments import status_at_entry
from stufenweg.indicators.catalogue_target_groups import TARGET_GROUP_INDICATORS
from stufenweg.indicators.indicator import MEAN, MEDIAN, PERSON_DIMS

OWN_UNITS = (MEAN, MEDIAN)
TG_IDS = [i.id for i in TARGET_GROUP_INDICATORS]
STAY_DAYS = "stay_days"  # the internal dimension of the median: days of one ended enrolment

# the target groups of the dimension ``target_group``, in the order of the report
TARGET_GROUPS = {
    "under_25": gettext_lazy("unter 25 Jahre"),
    "long_term_benefit": gettext_lazy("Langzeitleistungsbezug"),
    "returner": gettext_lazy("Berufsrückkehrer/in"),
    "refugee": gettext_lazy("geflüchtet"),
    "single_parent": gettext_lazy("alleinerziehend"),
    "disability": gettext_lazy("mit Behinderung"),
    "foreign_background": gettext_lazy("mit Migrationshintergrund"),
    "none": gettext_lazy("keiner dieser Gruppen"),
}
UNDER_25_BANDS = ("<18", "18-24")


YES_NO_LABELS = {
    "yes": gettext_lazy("ja"),
    "no": gettext_lazy("nein"),
    "": gettext_lazy("nicht erfasst"),
}


def person_group_label(dim: str, code: str) -> str:
    """The name of a group of a person dimension for the CSV for Excel ("" for other dimensions):
    ``ja``/``nein``/``nicht erfasst`` (an empty code is "not recorded", not „ohne Berufsabschluss“)
    and the target groups by name."""
    if dim in ("vocational_qualification", "single_parent") and code in YES_NO_LABELS:
        return str(YES_NO_LABELS[code])
    if dim == "target_group" and code in TARGET_GROUPS:
        return str(TARGET_GROUPS[code])
    return ""


def _false() -> str:
    return "FALSE" if f.is_postgres() else "0"


def _yes_no(column: str) -> str:
    """A yes/no/unknown person attribute as its code: ``yes``, ``no``, ``""`` (not recorded)."""
    return f"(CASE WHEN {column} IS NULL THEN '' WHEN {column} = {f.bool_true()} THEN 'yes' ELSE 'no' END)"


def _memberships(person: str, age_band: str) -> dict[str, str]:
    """Per target group, the condition that the person (alias of ``sw_pp``) belongs to it;
    ``age_band`` is the age band of the counted item (the age on the date of its event, for
    enrolments and exits the entry date)."""
    return {
        "under_25": f"{age_band} IN ({', '.join(repr(b) for b in UNDER_25_BANDS)})",
        "long_term_benefit": f"{person}.long_term_benefit = 'yes'",
        "returner": f"{person}.returner = 'yes'",
        "refugee": f"{person}.refugee = 'yes'",
        "single_parent": f"COALESCE({person}.single_parent, {_false()}) = {f.bool_true()}",
        "disability": f"{person}.disability = 'yes'",
        "foreign_background": f"{person}.foreign_background = 'yes'",
    }


def resolve(src, dims: tuple[str, ...]):
    """``src`` (an engine ``Source``) able to group by the person dimensions among ``dims``: the
    person is joined through the run's participations (``sw_pp``); for ``target_group`` a row of
    the source is joined to each group its person belongs to. The joins go before the source's
    last ``WHERE`` (its filter). Other dimensions: ``src`` unchanged."""
    wanted = [d for d in dims if d in PERSON_DIMS and d not in src.dims]
    if not wanted:
        return src
    alias = src.region_col.split(".", 1)[0]
    joins = f" JOIN sw_pp tgp ON tgp.pid = {alias}.pid"
    extra = {}
    if "vocational_qualification" in wanted:
        extra["vocational_qualification"] = _yes_no("tgp.vocational_qualification")
    if "single_parent" in wanted:
        extra["single_parent"] = _yes_no("tgp.single_parent")
    if "target_group" in wanted:
        conditions = _memberships("tgp", src.dims["age_band"])
        conditions["none"] = "NOT (" + " OR ".join(f"({c})" for c in conditions.values()) + ")"
        codes = " UNION ALL ".join(f"SELECT '{code}' AS code" for code in conditions)
        member = " OR ".join(f"(tgg.code = '{code}' AND {cond})" for code, cond in conditions.items())
        joins += f" JOIN ({codes}) tgg ON ({member})"
        extra["target_group"] = "tgg.code"
    head, where, tail = src.from_sql.rpartition(" WHERE ")
    if not where:
        head, tail = src.from_sql, ""
    return dataclasses.replace(src, from_sql=f"{head}{joins}{where}{tail}", dims={**src.dims, **extra})


def _days(a: str, b: str) -> str:
    """Days from date ``a`` to date ``b``."""
    if f.is_postgres():
        return f"({b} - {a})"
    return f"CAST(julianday({b}) - julianday({a}) AS INTEGER)"


def _count(cond: str) -> str:
    return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _enrolment_dims(a: str) -> dict[str, str]:
    return {
        "region": f"{a}.region_id",
        "stage": f"{a}.stage_id",
        "measure": f"{a}.measure_id",
        "provider": f"{a}.provider_id",
        "change": f"{a}.echange",
        "gender": f"{a}.gender",
        "age_band": f"{a}.age_band",
    }


def sources(s) -> dict:
    """The engine sources of the ``tg.*`` indicators (``s``: the run's ``build.Settings``)."""
    from stufenweg.indicators.sources import Source

    F, T = f.lit_date(s.date_from), f.lit_date(s.date_to)
    # employment status and unemployed-since at the entry: the entry's own, else those of the
    # latest earlier entry of the participation that gives them (as for ESF+)
    es, us = status_at_entry("n", "n.pid", "n.eseq")
    # the numbers of enrolments of the participation (in the stage) and whether an entry is the
    # first in the stage since F, in one pass of window functions (``eseq`` is the log's order,
    # so ``entered_on`` does not decrease with it)
    stage = "COALESCE(o.stage_id, 0)"
    entrants = f"""
        SELECT n.pid, n.region_id, n.stage_id, n.measure_id, n.provider_id, n.echange, n.gender, n.age_band,
          n.entered_on, {f.age("n.birth_date", "n.entered_on")} AS t_age, {es} AS t_es, {us} AS t_us,
          n.t_n_programme, n.t_n_stage,
          p.vocational_qualification AS t_voc, p.single_parent AS t_single, p.disability AS t_dis,
          p.foreign_background AS t_fb, p.returner AS t_ret, p.refugee AS t_ref, p.long_term_benefit AS t_ltb
        FROM (
          SELECT o.pid, o.eseq, o.region_id, o.stage_id, o.measure_id, o.provider_id, o.echange, o.gender,
            o.age_band, o.entered_on, o.birth_date, o.employment_status, o.unemployed_since,
            COUNT(*) OVER (PARTITION BY o.pid) AS t_n_programme,
            COUNT(*) OVER (PARTITION BY o.pid, {stage}) AS t_n_stage,
            ROW_NUMBER() OVER (PARTITION BY o.pid, {stage}, o.entered_on >= {F} ORDER BY o.eseq) AS t_k
          FROM sw_enr o
        ) n JOIN sw_pp p ON p.pid = n.pid
        WHERE n.entered_on >= {F} AND n.entered_on <= {T} AND n.t_k = 1
    """
    ltu = f"n.t_es = 'unemployed' AND n.t_us IS NOT NULL AND n.entered_on >= {f.add_months('n.t_us', 12)}"
    ended = f"""
        SELECT n.pid, n.region_id, n.stage_id, n.measure_id, n.provider_id, n.echange, n.gender, n.age_band,
          {_days("n.entered_on", "n.exit_on")} AS t_days
        FROM sw_enr n WHERE n.exit_on >= {F} AND n.exit_on <= {T}
    """
    return {
        "tg_in": Source(
            "FROM sw_tgin n WHERE 1 = 1",
            _enrolment_dims("n"),
            {
                "entrants": "COUNT(*)",
                "women": _count("n.gender = 'f'"),
                "ltu": _count(ltu),
                "no_voc": _count(f"n.t_voc = {_false()}"),
                "single_parent": _count(f"n.t_single = {f.bool_true()}"),
                "disability": _count("n.t_dis = 'yes'"),
                "foreign_background": _count("n.t_fb = 'yes'"),
                "under_25": _count("n.t_age < 25"),
                "returner": _count("n.t_ret = 'yes'"),
                "refugee": _count("n.t_ref = 'yes'"),
                "long_term_benefit": _count("n.t_ltb = 'yes'"),
                "age_sum": "SUM(n.t_age)",
                "repeated_programme": _count("n.t_n_programme > 1"),
                "repeated_stage": _count("n.t_n_stage > 1"),
            },
            "n.region_id",
            needs=("enrolments",),
            # the entrants with their characteristics, once per run (every breakdown reads them)
            prepare=(("sw_tgin", (f.temp_table("sw_tgin", entrants),)),),
        ),
        "tg_x": Source(
            "FROM sw_tgx n WHERE 1 = 1",
            {**_enrolment_dims("n"), STAY_DAYS: "n.t_days"},
            {"closed": "COUNT(*)", "days_sum": "SUM(n.t_days)"},
            "n.region_id",
            needs=("enrolments",),
            prepare=(("sw_tgx", (f.temp_table("sw_tgx", ended),)),),
        ),
    }


def unit_label(ind) -> str:
    """The unit of a mean or a median in the definitions table ("" for the others)."""
    return {MEAN: _("Mittelwert"), MEDIAN: _("Median")}.get(ind.unit, "")


# the count a mean or median rests on (small-cell suppression)
MEASURE_BASE = {
    "tg.mean_age": "tg.entrants",
    "tg.stay_mean_days": "tg.closed_enrolments",
    "tg.stay_median_days": "tg.closed_enrolments",
}


def suppress_measures(rows: list[dict], limit: int) -> list[dict]:
    """Small-cell suppression of means and medians (after that of the counts, ``results.suppress``):
    the value of a group is shown only where the count it rests on (``MEASURE_BASE``) is among the
    rows of the same group and neither hidden nor below ``limit`` — a mean age over two persons
    would tell their ages. Without its count row a mean or median is hidden. Works in place."""
    from stufenweg.indicators.results import SUPPRESSED, rests_on_too_few  # results imports this module

    counts = {
        (r["indicator"], tuple(sorted(r["group"].items()))): r["value"]
        for r in rows
        if r["indicator"] in MEASURE_BASE.values()
    }
    for row in rows:
        base = MEASURE_BASE.get(row["indicator"])
        if base is None or row["value"] is None:
            continue
        if rests_on_too_few(counts.get((base, tuple(sorted(row["group"].items())))), limit):
            row["value"] = SUPPRESSED
    return rows


def _groups(ind, by) -> list[tuple[str, ...]]:
    dims = tuple(d for d in by if d in ind.dims)
    return [()] if not dims else [(), dims]


def median(counts: dict[int, int]) -> float | None:
    """The median of values given as value → how often (the mean of the middle two for an even
    number); ``None`` without values."""
    n = sum(counts.values())
    if not n:
        return None
    ranks = ((n + 1) // 2, n // 2 + 1)  # 1-based ranks of the middle value(s)
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and seen >= ranks[len(found)]:
            found.append(value)
    return (found[0] + found[1]) / 2 if n % 2 == 0 else float(found[0])


def indicator_rows(engine, ind, by) -> list[dict]:
    """Contract rows of a mean (value = numerator sum / denominator number, rounded to two places)
    or a median; the value only, like a count (``numerator``/``denominator`` empty)."""
    out = []
    for group_dims in _groups(ind, by):
        if ind.unit == MEAN:
            agg = engine.aggregate(ind.source, group_dims)
            values = {
                key: (round(v[ind.num] / v[ind.den], 2) if v[ind.den] else None) for key, v in agg.items()
            }
        else:
            hist = engine.aggregate(ind.source, (*group_dims, STAY_DAYS))
            per_group: dict[tuple, dict[int, int]] = {}
            for key, v in hist.items():
                if key[-1] == "":
                    continue
                per_group.setdefault(key[:-1], {})[int(key[-1])] = v[ind.num]
            values = {key: median(counts) for key, counts in per_group.items()}
        keys = {()} if not group_dims else set(values)
        for key in sorted(keys):
            out.append(
                {
                    "indicator": ind.id,
                    "group": dict(zip(group_dims, key, strict=True)),
                    "numerator": None,
                    "denominator": None,
                    "value": values.get(key),
                }
            )
    return out


def section(rows: list[dict], matrix) -> dict:
    """The section „Zielgruppenmerkmale je Stufe“: the ``tg.*`` indicators as rows, the total and
    one column per stage (``matrix``: ``standard._matrix``)."""
    stages = sorted({r["group"]["stage"] for r in rows if set(r["group"]) == {"stage"}})
    from stufenweg.indicators.definitions import FAMILY_LABELS

    return matrix(
        rows,
        TG_IDS,
        "stage",
        stages,
        f"{FAMILY_LABELS['tg']} {_('je Stufe')}",
        "tg",
        note=_(
            "Teilnehmende: Personen mit einem Eintritt in die Stufe im Zeitraum, je Stufe einmal; "
            "Merkmale beim ersten dieser Eintritte. Unbekannte Angaben zählen im Nenner, nicht im "
            "Zähler. Verweildauer: im Zeitraum beendete Teilnahmen."
        ),
    )
