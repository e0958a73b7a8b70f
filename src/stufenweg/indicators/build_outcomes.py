# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""The build steps of a run about what followed the programme (``build.STEPS``): the exit cases of
the period with their six-month point and flags (``sw_xb0``, ``sw_xb``, ``sw_x``), the ESF+ participants
(``sw_esfg``, ``sw_esf0``, ``sw_esf``) and the integrations (``sw_int``). They read the working tables
of ``build.py`` (events, enrolments, spells); ``build.build`` runs them in their order."""

from __future__ import annotations

from stufenweg.indicators import sqlfns as f
from stufenweg.indicators.build import (
    ANY_KINDS,
    EMPLOYED_STATUSES,
    ESF_KINDS,
    ESF_STATUSES,
    EU_COUNTRIES,
    FOLLOW_ON_STATUSES,
    FOLLOW_UP_WINDOW_DAYS,
    INTEGRATION_KINDS,
    Settings,
    _analyze,
    _checked,
    _dates,
)
from stufenweg.indicators.build_enrolments import ENR_DIMS, status_at_entry
from stufenweg.journeys.codes import EmploymentKind, ExitStatus


def _exits(c, s: Settings) -> None:
    """``sw_xb0``, ``sw_xb`` and ``sw_x``: the exit cases of the period."""
    in_kinds = _checked(s.in_work_kinds, EmploymentKind.values)
    in_statuses = _checked(s.in_work_statuses, ExitStatus.values)
    D, F, T = _dates(s)
    days = int(s.upon_leaving_days)
    months = int(s.follow_up_months)
    # exit cases in the period; the facts about each are looked up by joining the exits with
    # the spells, enrolments and events of the same participation and reducing per exit
    # (one pass each instead of a correlated subquery per exit and flag). A fact is only
    # looked up where a flag can depend on it: being enrolled at p only for the six-month
    # cohort (p ≤ D), a new entry only for exits whose statuses do not already say follow-on.
    # The six-month point p is computed once (sw_xb0) and the follow-up looked up with it.
    c.execute(
        f.temp_table(
            "sw_xb0",
            f"""
        SELECT {ENR_DIMS}, n.eid, n.xchange, n.exit_kind, n.xstatuses, n.nod, n.n_ra, n.n_id,
          {f.add_months("n.exit_on", months)} AS p, {f.add_days("n.exit_on", days)} AS w_end
        FROM sw_enr n WHERE n.exit_on >= {F} AND n.exit_on <= {T}
        """,
        )
    )
    c.execute(f.temp_table("sw_xb", f"SELECT x.*, {_fu_for_p('x.pid', 'x.p')} AS fu FROM sw_xb0 x"))
    c.execute("CREATE INDEX sw_xb_eid ON sw_xb (eid)")
    _analyze(c, "sw_xb", "eid, pid")

    sp_emp_in_leave, sp_emp_any_leave = "COALESCE(sp.emp_in_leave, 0)", "COALESCE(sp.emp_any_leave, 0)"
    sp_emp_in_p, sp_emp_any_p = "COALESCE(sp.emp_in_p, 0)", "COALESCE(sp.emp_any_p, 0)"
    sp_emp_svb_p = "COALESCE(sp.emp_svb_p, 0)"
    enrolled_p, new_entry = "COALESCE(en.enrolled_p, 0)", "COALESCE(ne.new_entry, 0)"
    fu = "y.fu"  # the latest reached follow-up dated in [p − 14, p + 14]
    c.execute(
        f.temp_table(
            "sw_x",
            f"""
        SELECT y.*,
          {_flag("y.exit_kind = 'early_negative'")} AS dropout,
          {_flag("y.exit_kind IN ('regular', 'early_positive')")} AS success,
          {_flag(f"y.p <= {D}")} AS cohort6,
          {_flag(f"({f.any_status('y.xstatuses', in_statuses)} OR {sp_emp_in_leave} = 1)")} AS work_leave,
          {_flag(f"({f.any_status('y.xstatuses', FOLLOW_ON_STATUSES)} OR {sp_emp_any_leave} = 1 OR {new_entry} = 1)")} AS follow_on,
          {_flag(f"y.p <= {D} AND ({sp_emp_in_p} = 1 OR ({fu} IS NOT NULL AND {f.any_status(fu, in_statuses)}))")} AS ret6,
          {_flag(f"y.p <= {D} AND {fu} IS NULL AND {sp_emp_any_p} = 0")} AS unreached,
          {_flag(f"y.p <= {D} AND ({sp_emp_any_p} = 1 OR {enrolled_p} = 1 OR ({fu} IS NOT NULL AND {f.any_status(fu, ('education', *EMPLOYED_STATUSES))}))")} AS eb_ret,
          {_flag(f"y.p <= {D} AND ({sp_emp_svb_p} = 1 OR ({fu} IS NOT NULL AND {f.has_status(fu, 'employed_svb')}))")} AS eb_int,
          CASE WHEN y.exit_kind = 'early_negative' THEN 'dropout'
               WHEN y.exit_kind IN ('regular', 'early_positive') THEN 'successful'
               WHEN y.exit_kind = 'early_neutral' THEN 'neutral' ELSE '' END AS exit_group
        FROM sw_xb y
        LEFT JOIN (
          SELECT x.eid,
            {_spell(in_kinds, "x.exit_on", "x.w_end")} AS emp_in_leave,
            {_spell(ANY_KINDS, "x.exit_on", "x.w_end")} AS emp_any_leave,
            {_spell(in_kinds, "x.p", "x.p")} AS emp_in_p,
            {_spell(ANY_KINDS, "x.p", "x.p")} AS emp_any_p,
            {_spell(("svb",), "x.p", "x.p")} AS emp_svb_p
          FROM sw_xb x JOIN sw_sp s ON s.pid = x.pid GROUP BY x.eid
        ) sp ON sp.eid = y.eid
        LEFT JOIN (
          SELECT x.eid, 1 AS enrolled_p FROM sw_xb x JOIN sw_enr o ON o.pid = x.pid
          WHERE x.p <= {D} AND o.entered_on <= x.p AND (o.exit_on IS NULL OR o.exit_on >= x.p) GROUP BY x.eid
        ) en ON en.eid = y.eid
        LEFT JOIN (
          SELECT x.eid, 1 AS new_entry FROM sw_xb x JOIN sw_ev v ON v.pid = x.pid
          WHERE v.kind IN ('reactivation', 'entry', 'stage_change', 'assessment_start')
            AND (v.od, v.ra, v.id) > (x.nod, x.n_ra, x.n_id) AND v.od <= x.w_end
            AND NOT {f.any_status("COALESCE(x.xstatuses, '')", FOLLOW_ON_STATUSES)} GROUP BY x.eid
        ) ne ON ne.eid = y.eid
        """,
        )
    )


def _esf(c, s: Settings) -> None:
    """``sw_esfg``, ``sw_esf0`` and ``sw_esf``: the ESF participants."""
    D, F, T = _dates(s)
    days = int(s.upon_leaving_days)
    months = int(s.follow_up_months)
    # ESF participants: participation × operation
    ltu = (
        f"(e.f_es = 'unemployed' AND e.f_us IS NOT NULL AND e.first_on >= {f.add_months('e.f_us', 12)})"
        if s.ltu_rule != "eu_age"
        else f"(e.f_es = 'unemployed' AND e.f_us IS NOT NULL AND ("
        f"(e.age < 25 AND e.first_on > {f.add_months('e.f_us', 6)}) OR "
        f"(e.age >= 25 AND e.first_on > {f.add_months('e.f_us', 12)})))"
    )
    eu = ", ".join(f"'{code}'" for code in EU_COUNTRIES)
    # the follow-up at the six-month point says employed (one lookup, the flag computed in it)
    esf_fu_p = (
        f"COALESCE({_fu_for_p('e.pid', 'e.p', _flag(f.any_status('fu.statuses', ESF_STATUSES)))}, 0) = 1"
    )
    # characteristics at the first entry and the last exit, only for the participants whose
    # first entry or (final) last exit falls in the period: the two ESF cohorts
    c.execute(
        f.temp_table(
            "sw_esfg",
            f"""
        SELECT pid, operation, MIN(eseq) AS first_seq, MIN(entered_on) AS first_on,
          SUM(CASE WHEN exit_on IS NULL THEN 1 ELSE 0 END) AS open_n, MAX(xseq) AS last_xseq
        FROM sw_enr GROUP BY pid, operation
        HAVING (MIN(entered_on) >= {F} AND MIN(entered_on) <= {T})
          OR (SUM(CASE WHEN exit_on IS NULL THEN 1 ELSE 0 END) = 0
              AND MAX(exit_on) >= {F} AND MAX(exit_on) <= {T})
        """,
        )
    )
    _analyze(c, "sw_esfg", "pid, first_seq, last_xseq")
    first_status, first_since = status_at_entry("fe", "g.pid", "g.first_seq")
    c.execute(
        f.temp_table(
            "sw_esf0",
            f"""
          SELECT g.pid, g.operation, g.first_on, g.open_n, fe.gender, fe.region_id,
            {f.age("fe.birth_date", "g.first_on")} AS age,
            {first_status} AS f_es, {first_since} AS f_us,
            p.isced, p.disability, p.nationality, p.foreign_background, p.minority, p.homeless, p.rural,
            le.exit_on AS last_exit, le.xstatuses, le.xqual,
            {f.add_days("le.exit_on", days)} AS w_end,
            {f.add_months("le.exit_on", months)} AS p
          FROM sw_esfg g
          JOIN sw_enr fe ON fe.pid = g.pid AND fe.eseq = g.first_seq
          JOIN sw_pp p ON p.pid = g.pid
          LEFT JOIN sw_enr le ON le.pid = g.pid AND le.xseq = g.last_xseq
        """,
        )
    )
    c.execute(
        f.temp_table(
            "sw_esf",
            f"""
        SELECT e.pid, e.region_id, e.gender, e.first_on, e.last_exit, e.open_n,
          1 AS o01,
          {_flag("e.f_es = 'unemployed'")} AS o02,
          {_flag(ltu)} AS o03,
          {_flag("e.f_es = 'inactive'")} AS o04,
          {_flag("e.f_es = 'employed'")} AS o05,
          {_flag("e.age < 18")} AS o06,
          {_flag("e.age >= 18 AND e.age <= 29")} AS o07,
          {_flag("e.age >= 55")} AS o08,
          {_flag("e.isced IS NOT NULL AND e.isced <= 2")} AS o09,
          {_flag("e.isced IN (3, 4)")} AS o10,
          {_flag("e.isced >= 5")} AS o11,
          {_flag("e.disability = 'yes'")} AS o12,
          {_flag(f"(e.nationality <> '' AND e.nationality NOT IN ({eu}))")} AS o13,
          {_flag("e.foreign_background = 'yes'")} AS o14,
          {_flag("e.minority = 'yes'")} AS o15,
          {_flag("e.homeless = 'yes'")} AS o16,
          {_flag("e.rural = 'yes'")} AS o17,
          {_flag(f"e.last_exit IS NOT NULL AND e.open_n = 0 AND ({f.any_status('e.xstatuses', ESF_STATUSES)} OR {_emp(ESF_KINDS, 'e.last_exit', 'e.w_end', 'e.pid')})")} AS r04,
          {_flag(f"e.last_exit IS NOT NULL AND e.open_n = 0 AND ({f.has_status('e.xstatuses', 'job_seeking')} OR EXISTS (SELECT 1 FROM sw_ev fu WHERE fu.pid = e.pid AND fu.kind = 'follow_up' AND fu.reached IS NOT FALSE AND fu.od >= e.last_exit AND fu.od <= e.w_end AND {f.has_status('fu.statuses', 'job_seeking')}))")} AS r01_raw,
          {_flag(f"e.last_exit IS NOT NULL AND e.open_n = 0 AND ({f.has_status('e.xstatuses', 'education')} OR {_emp(('vocational_training',), 'e.last_exit', 'e.w_end', 'e.pid')})")} AS r02,
          {_flag("e.last_exit IS NOT NULL AND e.open_n = 0 AND (e.xqual = TRUE OR EXISTS (SELECT 1 FROM sw_ev q WHERE q.pid = e.pid AND q.kind = 'qualification' AND q.od >= e.first_on AND q.od <= e.w_end))")} AS r03,
          {_flag(f"e.last_exit IS NOT NULL AND e.open_n = 0 AND e.p <= {D} AND ({_emp(ESF_KINDS, 'e.p', 'e.p', 'e.pid')} OR {esf_fu_p})")} AS r05
        FROM sw_esf0 e
        """,
        )
    )


def _integrations(c, s: Settings) -> None:
    """``sw_int``: the integrations of the period."""
    D, F, T = _dates(s)
    # integrations: first qualifying employment start per person and calendar month
    c.execute(
        f.temp_table(
            "sw_int",
            f"""
        SELECT y.*,
          {_flag("y.benefit_effect = 'reduced'")} AS reducing,
          {_flag(f"y.benefit_effect = 'ended' OR (y.benefit_effect IN ('', 'unknown') AND y.household_id IS NOT NULL AND EXISTS (SELECT 1 FROM people_householdmonth hm WHERE hm.household_id = y.household_id) AND NOT EXISTS (SELECT 1 FROM people_householdmonth hm WHERE hm.household_id = y.household_id AND hm.month = {f.month_start_after('y.od', 3)} AND (hm.llu + hm.kdu) > 0))")} AS needs_covering,
          {_flag(f"y.employment_kind = 'svb' AND {f.month_end_after('y.od', 6)} <= {D}")} AS cont_den,
          {_flag(f"y.employment_kind = 'svb' AND {f.month_end_after('y.od', 6)} <= {D} AND " + " AND ".join(_emp(("svb",), f.month_end_after("y.od", k), f.month_end_after("y.od", k), "y.pid") for k in range(1, 7)))} AS cont_num
        FROM (
          SELECT e.pid, e.od, e.region_id, e.employment_kind, e.benefit_effect,
            pp.person_id, pp.gender, pp.birth_date, pp.household_id
          FROM sw_emp e JOIN sw_pp pp ON pp.pid = e.pid
          WHERE e.kind = 'employment_start' AND {f.in_list("e.employment_kind", INTEGRATION_KINDS)}
            AND e.od >= {F} AND e.od <= {T}
            AND NOT EXISTS (
              SELECT 1 FROM sw_emp q WHERE q.pid = e.pid AND q.kind = 'employment_start'
                AND {f.in_list("q.employment_kind", INTEGRATION_KINDS)} AND q.seq < e.seq
                AND {f.month_key("q.od")} = {f.month_key("e.od")})
        ) y
        """,
        )
    )


def _emp(kinds, a, b, pid="x.pid"):
    return (
        f"EXISTS (SELECT 1 FROM sw_sp s WHERE s.pid = {pid} AND {f.in_list('s.ekind', kinds)} "
        f"AND s.start <= {b} AND (s.stop IS NULL OR s.stop >= {a}))"
    )


def _flag(cond):
    return f"CASE WHEN {cond} THEN 1 ELSE 0 END"


def _fu_for_p(pid, p, value="fu.statuses"):
    """``value`` of the latest reached follow-up dated within FOLLOW_UP_WINDOW_DAYS of p
    (NULL if none)."""
    w = FOLLOW_UP_WINDOW_DAYS
    return (
        f"(SELECT {value} FROM sw_ev fu WHERE fu.pid = {pid} AND fu.kind = 'follow_up' "
        f"AND fu.reached IS NOT FALSE AND fu.od >= {f.add_days(p, -w)} AND fu.od <= {f.add_days(p, w)} "
        f"ORDER BY fu.od DESC, fu.ra DESC, fu.id DESC LIMIT 1)"
    )


def _spell(kinds, a, b):
    kinds_ok = "1 = 1" if set(kinds) >= set(ANY_KINDS) else f.in_list("s.ekind", kinds)
    return f"MAX({_flag(f'{kinds_ok} AND s.start <= {b} AND (s.stop IS NULL OR s.stop >= {a})')})"
