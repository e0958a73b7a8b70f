# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""The enrolment steps of a run (``build.STEPS``): the enrolments derived from the entries, stage
changes and exits of the event log (``sw_enr``, on SQLite via ``sw_ese``), those overlapping the
period (``sw_ov``) and those entered in it (``sw_en``), and the employment status at an entry
(``status_at_entry``). They read the events of ``build.py``; ``build.build`` runs them in order."""

from __future__ import annotations

from stufenweg.indicators import sqlfns as f
from stufenweg.indicators.build import Settings, _analyze, _dates

# what the enrolment-based sources of the engine group and count by (sources._enrolment_dims)
ENR_DIMS = (
    "n.pid, n.region_id, n.stage_id, n.measure_id, n.provider_id, n.echange, n.gender, n.age_band, n.exit_on"
)


def _enrolments(c, s: Settings) -> None:
    """``sw_enr`` (on SQLite via ``sw_ese``): the enrolments."""
    # enrolments (entry or stage_change → next exit or stage_change); ``seq`` numbers the
    # entries, stage changes and exits in log order, eseq is an enrolment's own number, nseq
    # that of the next of those events and xseq that of the exit or stage change ending it
    ends = "n_kind IN ('exit', 'stage_change')"
    enr_select = f"""
        SELECT e.id AS eid, e.pid, pp.person_id, e.kind AS ekind, e.od AS entered_on, e.ra AS e_ra, e.seq AS eseq,
          e.stage_id, e.measure_id, e.region_id, e.provider_id, e.operation, e.change AS echange,
          e.employment_status, e.unemployed_since, pp.gender, pp.birth_date,
          {f.age_band("pp.birth_date", "e.od", "pp")} AS age_band,
          CASE WHEN {ends} THEN n_od END AS exit_on,
          CASE WHEN {ends} THEN n_seq END AS xseq,
          n_seq AS nseq, n_od AS nod, n_ra, n_id,
          CASE WHEN n_kind = 'exit' THEN n_exit_kind
               WHEN n_kind = 'stage_change' AND n_change = 'planned' THEN 'regular'
               WHEN n_kind = 'stage_change' THEN 'early_neutral' END AS exit_kind,
          CASE WHEN n_kind = 'exit' THEN n_statuses
               WHEN n_kind = 'stage_change' THEN 'education' END AS xstatuses,
          CASE WHEN n_kind = 'exit' THEN n_qualification END AS xqual,
          CASE WHEN n_kind = 'exit' THEN n_reason_code END AS xreason,
          CASE WHEN n_kind = 'stage_change' THEN n_change ELSE '' END AS xchange"""
    if f.is_postgres():
        # numbered per participation and joined to the next event in the same sort (window
        # functions over one window), instead of a numbered table joined to itself
        nxt = ("kind", "od", "ra", "id", "exit_kind", "change", "statuses", "qualification", "reason_code")
        leads = ", ".join(f"LEAD({col}) OVER w AS n_{col}" for col in nxt)
        c.execute(
            f.temp_table(
                "sw_enr",
                f"""{enr_select}
        FROM (
          SELECT v.*, CASE WHEN v.n_id IS NOT NULL THEN v.seq + 1 END AS n_seq FROM (
            SELECT ROW_NUMBER() OVER w AS seq, {leads}, id, pid, kind, od, ra, stage_id, measure_id,
              region_id, provider_id, operation, change, employment_status, unemployed_since
            FROM sw_ev WHERE kind IN ('entry', 'stage_change', 'exit')
            WINDOW w AS (PARTITION BY pid ORDER BY od, ra, id)
          ) v WHERE v.kind IN ('entry', 'stage_change')
        ) e
        JOIN sw_pp pp ON pp.pid = e.pid
        """,
            )
        )
    else:
        for sql in f.numbered_table(
            "sw_ese",
            (
                "id",
                "pid",
                "kind",
                "od",
                "ra",
                "stage_id",
                "measure_id",
                "region_id",
                "provider_id",
                "operation",
                "change",
                "employment_status",
                "unemployed_since",
                "exit_kind",
                "statuses",
                "qualification",
                "reason_code",
            ),
            "FROM sw_ev WHERE kind IN ('entry', 'stage_change', 'exit')",
            "pid, od, ra, id",
        ):
            c.execute(sql)
        c.execute("CREATE UNIQUE INDEX sw_ese_seq ON sw_ese (pid, seq)")
        c.execute(
            f.temp_table(
                "sw_enr",
                f"""
        {enr_select}
        FROM (
          SELECT e.*, n.kind AS n_kind, n.od AS n_od, n.ra AS n_ra, n.id AS n_id, n.seq AS n_seq,
            n.exit_kind AS n_exit_kind, n.change AS n_change, n.statuses AS n_statuses,
            n.qualification AS n_qualification, n.reason_code AS n_reason_code
          FROM sw_ese e LEFT JOIN sw_ese n ON n.pid = e.pid AND n.seq = e.seq + 1
          WHERE e.kind IN ('entry', 'stage_change')
        ) e
        JOIN sw_pp pp ON pp.pid = e.pid
        """,
            )
        )
    # an enrolment by number, and the latest one before a number, straight from the index
    c.execute("CREATE INDEX sw_enr_pid ON sw_enr (pid, eseq)")
    c.execute("CREATE INDEX sw_enr_exit ON sw_enr (exit_on)")
    _analyze(c, "sw_enr", "pid, eseq, xseq, entered_on, exit_on")


def _overlap(c, s: Settings) -> None:
    """``sw_ov``: enrolments overlapping the period."""
    D, F, T = _dates(s)
    # enrolments overlapping the period (with a first-labour-market internship in the
    # enrolment) and enrolments entered in the period (with an extension in the enrolment)
    c.execute(
        f.temp_table(
            "sw_ov",
            f"""
        SELECT {ENR_DIMS}, CASE WHEN EXISTS (
            SELECT 1 FROM sw_ev i WHERE i.pid = n.pid AND i.kind = 'internship'
            AND i.first_labour_market = {f.bool_true()} AND i.od >= n.entered_on
            AND i.od <= COALESCE(n.exit_on, {D})) THEN 1 ELSE 0 END AS intern
        FROM sw_enr n WHERE n.entered_on <= {T} AND (n.exit_on IS NULL OR n.exit_on >= {F})
        """,
        )
    )


def _entered(c, s: Settings) -> None:
    """``sw_en``: enrolments entered in the period."""
    D, F, T = _dates(s)
    c.execute(
        f.temp_table(
            "sw_en",
            f"""
        SELECT {ENR_DIMS}, CASE WHEN EXISTS (
            SELECT 1 FROM sw_ev v WHERE v.pid = n.pid AND v.kind = 'extension'
            AND (v.od, v.ra, v.id) > (n.entered_on, n.e_ra, n.eid)
            AND (n.n_id IS NULL OR (v.od, v.ra, v.id) < (n.nod, n.n_ra, n.n_id))) THEN 1 ELSE 0 END AS extended
        FROM sw_enr n WHERE n.entered_on >= {F} AND n.entered_on <= {T}
        """,
        )
    )


def status_at_entry(a: str, pid: str, seq: str) -> tuple[str, str]:
    """SQL of the employment status and the unemployed-since date at an entry: those the enrolment
    ``a`` (of ``sw_enr``) gives, else those of the latest earlier enrolment of the participation
    ``pid`` (enrolment number below ``seq``) that gives them. Read by the ESF+ participants and the
    target groups alike."""

    def earlier(column: str, given: str) -> str:
        return (
            f"(SELECT v.{column} FROM sw_enr v WHERE v.pid = {pid} AND v.eseq < {seq} AND {given} "
            "ORDER BY v.eseq DESC LIMIT 1)"
        )

    earlier_status = earlier("employment_status", "v.employment_status <> ''")
    earlier_since = earlier("unemployed_since", "v.unemployed_since IS NOT NULL")
    status = f"COALESCE(NULLIF({a}.employment_status, ''), {earlier_status}, '')"
    since = f"COALESCE({a}.unemployed_since, {earlier_since})"
    return status, since
