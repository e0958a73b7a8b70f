# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""The engine's own sources: for each, the working table rows it reads (``from_sql``), the
dimensions a breakdown may group them by, and the aggregates the indicators of the catalogue name
(``definitions``: an indicator's numerator and denominator are aggregates of one source). The
target groups and the reasons add sources of their own (``target_groups.sources``,
``reasons.sources``); ``Engine`` asks each source for one query per breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from stufenweg.indicators import build
from stufenweg.indicators import sqlfns as f


def _sum(cond: str) -> str:
    return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"


@dataclass(frozen=True)
class Distinct:
    """An aggregate ``COUNT(DISTINCT key)`` over the rows meeting ``cond``. ``Engine.aggregate``
    counts it as the distinct (group, key) pairs in a query of its own, which PostgreSQL hashes;
    a ``COUNT(DISTINCT …)`` in the query of the other aggregates sorts every group."""

    key: str
    cond: str = "1 = 1"


def _persons(cond: str, key: str) -> Distinct:
    return Distinct(key, cond)


@dataclass
class Source:
    from_sql: str
    dims: dict[str, str]
    aggs: dict[str, str | Distinct]
    region_col: str = ""
    # the build steps (``build.STEPS``) whose working tables ``from_sql`` reads: built once per run,
    # in every session, when a source first needs them (``Engine.aggregate``)
    needs: tuple[str, ...] = ()
    # working tables of its own that ``from_sql`` reads: (name, statements) built once per run in
    # every session, when a source first needs them (``Engine.aggregate``)
    prepare: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _enrolment_dims(a: str, change: str) -> dict[str, str]:
    return {
        "region": f"{a}.region_id",
        "stage": f"{a}.stage_id",
        "measure": f"{a}.measure_id",
        "provider": f"{a}.provider_id",
        "change": change,
        "gender": f"{a}.gender",
        "age_band": f"{a}.age_band",
    }


def sources(s: build.Settings) -> dict[str, Source]:
    F, T = f.lit_date(s.date_from), f.lit_date(s.date_to)
    pe = "e.kind IN ('assessment_start', 'reactivation')"
    se = "e.kind IN ('entry', 'stage_change')"
    x_dims = {**_enrolment_dims("x", "x.xchange"), "exit_group": "x.exit_group"}
    x_aggs = {
        "cases": "COUNT(*)",
        "with_status": "SUM(CASE WHEN x.xstatuses <> '' THEN 1 ELSE 0 END)",
        "dropout": "SUM(x.dropout)",
        "success": "SUM(x.success)",
        "work_leave": "SUM(x.work_leave)",
        "success_work": "SUM(x.success * x.work_leave)",
        "success_follow_on": "SUM(x.success * x.follow_on)",
        "cohort6": "SUM(x.cohort6)",
        "ret6": "SUM(x.ret6)",
        "unreached": "SUM(x.unreached)",
        "eb_ret": "SUM(x.eb_ret)",
        "eb_int": "SUM(x.eb_int)",
    }
    esf_o = {f"o{i:02d}": f"SUM(e.o{i:02d})" for i in range(1, 18)}
    esf_r = {
        "leavers": "COUNT(*)",
        "r01": "SUM(CASE WHEN e.r01_raw = 1 AND e.r04 = 0 THEN 1 ELSE 0 END)",
        **{f"r0{i}": f"SUM(e.r0{i})" for i in range(2, 6)},
    }
    return {
        "ev": Source(
            "FROM sw_evp e WHERE 1 = 1",
            _enrolment_dims("e", "e.change"),
            {
                "referrals": _sum("e.kind = 'referral'"),
                "referred_persons": _persons("e.kind = 'referral'", "e.pid"),
                "not_arrived": _sum("e.kind = 'not_arrived'"),
                "programme_entries": _sum(pe),
                "programme_first_entries": "SUM(e.first_pe)",
                "stage_entries": _sum(se),
                "persons_started_stage": _persons(se, "e.pid"),
                "stage_changes": _sum("e.kind = 'stage_change'"),
                "extensions": _sum("e.kind = 'extension'"),
                "reactivations": _sum("e.kind = 'reactivation'"),
                "closures_before_entry": "SUM(e.closure)",
            },
            "e.region_id",
            needs=("flow",),
        ),
        "active": Source(
            "FROM sw_enr n WHERE n.exit_on IS NULL",
            _enrolment_dims("n", "n.echange"),
            {"active": Distinct("n.pid")},
            "n.region_id",
            needs=("enrolments",),
        ),
        "wait": Source(
            "FROM sw_wait e WHERE 1 = 1",
            _enrolment_dims("e", "e.change"),
            {"waiting": Distinct("e.pid")},
            "e.region_id",
            needs=("waiting",),
        ),
        "x": Source("FROM sw_x x WHERE 1 = 1", x_dims, x_aggs, "x.region_id", needs=("exits",)),
        "xs": Source(
            f"FROM sw_x x JOIN sw_codes c ON {f.names_code('x.xstatuses', 'c.code')} WHERE 1 = 1",  # a row per status
            {**x_dims, "status": "c.code"},
            {"status_n": "COUNT(*)"},
            "x.region_id",
            needs=("exits",),
        ),
        "ov": Source(
            "FROM sw_ov n WHERE 1 = 1",
            _enrolment_dims("n", "n.echange"),
            {"participants": Distinct("n.pid"), "interns": _persons("n.intern = 1", "n.pid")},
            "n.region_id",
            needs=("overlap",),
        ),
        "en": Source(
            "FROM sw_en n WHERE 1 = 1",
            _enrolment_dims("n", "n.echange"),
            {"entered": "COUNT(*)", "extended": "SUM(n.extended)"},
            "n.region_id",
            needs=("entered",),
        ),
        "esf_o": Source(
            f"FROM sw_esf e WHERE e.first_on >= {F} AND e.first_on <= {T}",
            {"gender": "e.gender"},
            esf_o,
            "e.region_id",
            needs=("esf",),
        ),
        "esf_r": Source(
            f"FROM sw_esf e WHERE e.open_n = 0 AND e.last_exit >= {F} AND e.last_exit <= {T}",
            {"gender": "e.gender"},
            esf_r,
            "e.region_id",
            needs=("esf",),
        ),
        "integ": Source(
            "FROM sw_int y WHERE 1 = 1",
            {
                "region": "y.region_id",
                "gender": "y.gender",
                "age_band": f.age_band("y.birth_date", "y.od"),
            },
            {
                "integrations": "COUNT(*)",
                "needs_covering": "SUM(y.needs_covering)",
                "reducing": "SUM(y.reducing)",
                "cont_num": "SUM(y.cont_num)",
                "cont_den": "SUM(y.cont_den)",
            },
            "y.region_id",
            needs=("integrations",),
        ),
    }
