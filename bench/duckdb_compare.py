# ruff: noqa: S608 - SQL composed from integers and date literals of the benchmark only
"""A hand-written DuckDB query over the same events, for comparison with the report's engine.

Used by ``report_bench.py --duckdb`` in the same process run as the report timing: the programme's
events (only the columns the core indicators need) are exported from the database (PostgreSQL
``COPY … TO STDOUT``; SQLite row by row) into a CSV file, DuckDB turns that into a Parquet file,
and the timed part is one DuckDB connection answering the core indicators from the Parquet file:

- flow counts in the period by region (referrals, not arrived, programme entries, stage entries,
  stage changes, extensions, reactivations),
- exit cases by exit group × stage × status on leaving,
- dropout rate (dropouts / exit cases) per stage,

with the engine's rules at (D, R): events recorded by R and happened by D, minus those superseded
or voided by an event recorded by R; an enrolment is an entry or stage change up to the next
entry, stage change or exit of the participation in log order (date, recorded_at, id), ended by
an exit or a stage change (a stage change is an implicit exit with status ``education``, regular
if planned, else early neutral). The numbers are checked against the report's sections.

Two floors are timed beside it, to tell what the ratio can be for PostgreSQL at all: one scan of
the live event log (counting the events recorded by R and happened by D: the least any engine
reading the log must do), and on PostgreSQL the same hand-written query over the same exported
columns loaded into a narrow table of their own (``run_postgres``): what PostgreSQL's row store
costs for exactly DuckDB's work.

DuckDB is an optional extra (``pip install -e '.[bench]'``), not a dependency of the product.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time

from django.db import connection

EXPORT_SQL = """
SELECT e.id, e.participation_id AS pid, e.kind, e.occurred_on AS od, e.recorded_at AS ra,
  COALESCE(e.supersedes_id, 0) AS sup, COALESCE(r.code, '') AS region, COALESCE(s.code, '') AS stage,
  e.change, e.exit_kind, e.statuses
FROM journeys_journeyevent e
JOIN journeys_participation pa ON pa.id = e.participation_id
LEFT JOIN programmes_measure m ON m.id = e.measure_id
LEFT JOIN organisations_region r ON r.id = COALESCE(e.region_id, m.region_id)
LEFT JOIN programmes_stage s ON s.id = e.stage_id
WHERE pa.programme_id = {programme}
"""

FLOW_KINDS = {
    "flow.referrals": ("referral",),
    "flow.not_arrived": ("not_arrived",),
    "flow.programme_entries": ("assessment_start", "reactivation"),
    "flow.stage_entries": ("entry", "stage_change"),
    "flow.stage_changes": ("stage_change",),
    "flow.extensions": ("extension",),
    "flow.reactivations": ("reactivation",),
}
EXIT_GROUP = {"early_negative": "dropout", "regular": "successful", "early_positive": "successful"}


def export(programme_id: int, path: str) -> int:
    """The programme's events into ``path`` (CSV with a header); returns the number of rows."""
    sql = EXPORT_SQL.format(programme=int(programme_id))
    header = "id,pid,kind,od,ra,sup,region,stage,change,exit_kind,statuses\n"
    with open(path, "wb") as out, connection.cursor() as c:
        out.write(header.encode())
        if connection.vendor == "postgresql":
            with c.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
                for block in copy:
                    out.write(block)
            c.execute(f"SELECT COUNT(*) FROM ({sql}) q")
            return c.fetchone()[0]
        import csv
        import io

        c.execute(sql)
        n = 0
        while rows := c.fetchmany(50000):
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            out.write(buf.getvalue().encode())
            n += len(rows)
        return n


def _lit(value: dt.date) -> str:
    return f"DATE '{value.isoformat()}'"


def core_queries(
    source: str,
    *,
    date_from: dt.date,
    date_to: dt.date,
    as_of: dt.date,
    recorded_on: dt.datetime,
    dialect: str = "duckdb",
) -> tuple[list[str], str, str, str]:
    """The hand-written core query over ``source`` (a table or table function of the exported
    columns): the statements that build ``ev`` and ``ex``, then the flow, status and dropout
    queries. ``dialect`` "duckdb" or "postgresql": the same SQL, only the spelling of the few
    functions that differ."""
    F, T, D = _lit(date_from), _lit(date_to), _lit(as_of)
    R = f"TIMESTAMPTZ '{recorded_on.isoformat()}'"
    duck = dialect == "duckdb"
    flow_cols = ",\n  ".join(
        f'COUNT(*) FILTER (WHERE kind IN ({", ".join(repr(k) for k in kinds)})) AS "{ind}"'
        for ind, kinds in FLOW_KINDS.items()
    )
    temp = "CREATE OR REPLACE TEMP TABLE" if duck else "CREATE TEMP TABLE"
    setup = [] if duck else ["DROP TABLE IF EXISTS ex", "DROP TABLE IF EXISTS ev"]
    setup += [
        f"""
    {temp} ev AS
    SELECT * FROM {source} e
    WHERE ra <= {R} AND od <= {D} AND kind <> 'void'
      AND id NOT IN (SELECT sup FROM {source} s WHERE sup > 0 AND ra <= {R})""",
        f"""
    {temp} ex AS
    WITH ese AS (
      SELECT pid, kind, od, stage, change, exit_kind, statuses,
        LEAD(kind) OVER w AS n_kind, LEAD(od) OVER w AS n_od, LEAD(change) OVER w AS n_change,
        LEAD(exit_kind) OVER w AS n_exit_kind, LEAD(statuses) OVER w AS n_statuses
      FROM ev WHERE kind IN ('entry', 'stage_change', 'exit')
      WINDOW w AS (PARTITION BY pid ORDER BY od, ra, id)
    )
    SELECT stage,
      CASE WHEN n_kind = 'exit' THEN n_exit_kind WHEN n_change = 'planned' THEN 'regular'
           ELSE 'early_neutral' END AS exit_kind,
      CASE WHEN n_kind = 'exit' THEN n_statuses ELSE 'education' END AS statuses
    FROM ese
    WHERE kind IN ('entry', 'stage_change') AND n_kind IN ('exit', 'stage_change') AND n_od BETWEEN {F} AND {T}""",
    ]
    flow = f"""
    SELECT GROUPING(region) AS total, COALESCE(region, '') AS region, {flow_cols}
    FROM ev WHERE od BETWEEN {F} AND {T} GROUP BY ROLLUP (region)
    """
    split = "UNNEST(string_split(statuses, '|'))" if duck else "UNNEST(string_to_array(statuses, '|'))"
    status = f"""
    SELECT CASE exit_kind WHEN 'early_negative' THEN 'dropout' WHEN 'early_neutral' THEN 'neutral'
             WHEN 'regular' THEN 'successful' WHEN 'early_positive' THEN 'successful' ELSE '' END AS grp,
      COALESCE(stage, '') AS stage, code, COUNT(*) AS n
    FROM (SELECT exit_kind, stage, {split} AS code FROM ex WHERE statuses <> '' AND exit_kind IN ('early_negative', 'early_neutral', 'regular', 'early_positive')) c
    WHERE code <> '' GROUP BY 1, 2, 3
    """
    dropout = """
    SELECT GROUPING(stage) AS total, COALESCE(stage, '') AS stage,
      COUNT(*) FILTER (WHERE exit_kind = 'early_negative') AS dropouts, COUNT(*) AS cases
    FROM ex GROUP BY ROLLUP (stage)
    """
    return setup, flow, status, dropout


def _numbers(flow_rows, status_rows, dropout_rows) -> dict:
    """The core numbers of the three queries' rows, in the keys ``report_numbers`` gives."""
    names = list(FLOW_KINDS)
    out: dict = {}
    for total, region, *values in flow_rows:
        for name, v in zip(names, values, strict=True):
            out[(name, None if total else region)] = v
    for grp, stage, code, n in status_rows:
        out[("exit.status", grp, stage, code)] = n
    for total, stage, dropouts, cases in dropout_rows:
        out[("prog.dropout_rate", None if total else stage)] = (dropouts, cases)
    return out


def run_duckdb(parquet: str, **period) -> tuple[float, dict]:
    import duckdb

    setup, flow, status, dropout = core_queries(f"read_parquet('{parquet}')", **period)
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        t = time.perf_counter()
        for sql in setup:
            con.execute(sql)
        rows = [con.execute(sql).fetchall() for sql in (flow, status, dropout)]
        elapsed = time.perf_counter() - t
    finally:
        con.close()
    return elapsed, _numbers(*rows)


PG_TABLE = "bench_core_events"


def run_postgres(csv_path: str, **period) -> tuple[list[float], dict]:
    """The same hand-written query in PostgreSQL, over the same exported columns loaded into a
    table of their own (narrow, unlogged, analysed; loading not timed), in this process's
    connection with the engine's ``work_mem``, three times. The floor of any engine that reads a
    copy of the log in PostgreSQL: what PostgreSQL's row store costs for the same work."""
    setup, flow, status, dropout = core_queries(PG_TABLE, dialect="postgresql", **period)
    runs, numbers = [], {}
    with connection.cursor() as c:
        c.execute(f"DROP TABLE IF EXISTS {PG_TABLE}")
        c.execute(
            f"CREATE UNLOGGED TABLE {PG_TABLE} (id bigint, pid bigint, kind varchar(20), od date, "
            "ra timestamptz, sup bigint, region varchar(32), stage varchar(32), change varchar(16), "
            "exit_kind varchar(16), statuses varchar(200))"
        )
        with (
            open(csv_path, "rb") as src,
            c.cursor.copy(f"COPY {PG_TABLE} FROM STDIN (FORMAT csv, HEADER)") as cp,
        ):
            while block := src.read(1 << 20):
                cp.write(block)
        c.execute(f"VACUUM ANALYZE {PG_TABLE}" if connection.get_autocommit() else f"ANALYZE {PG_TABLE}")
        c.execute("SET work_mem = '256MB'")
        try:
            for _ in range(3):
                t = time.perf_counter()
                for sql in setup:
                    c.execute(sql)
                rows = []
                for sql in (flow, status, dropout):
                    c.execute(sql)
                    rows.append(c.fetchall())
                runs.append(time.perf_counter() - t)
                numbers = _numbers(*rows)
        finally:
            c.execute("DROP TABLE IF EXISTS ex")
            c.execute("DROP TABLE IF EXISTS ev")
            c.execute(f"DROP TABLE IF EXISTS {PG_TABLE}")
            c.execute("RESET work_mem")
    return runs, numbers


def scan_log(programme_id: int, *, as_of: dt.date, recorded_on: dt.datetime) -> list[float]:
    """Three times the least any engine reading the live log must do: one pass over the programme's
    events recorded by R and happened by D, counting them (PostgreSQL may use parallel workers)."""
    sql = (
        "SELECT COUNT(*) FROM journeys_journeyevent e JOIN journeys_participation pa "
        "ON pa.id = e.participation_id WHERE pa.programme_id = %s AND e.recorded_at <= %s AND e.occurred_on <= %s"
    )
    runs = []
    with connection.cursor() as c:
        for _ in range(3):
            t = time.perf_counter()
            c.execute(sql, [programme_id, recorded_on, as_of])
            c.fetchone()
            runs.append(time.perf_counter() - t)
    return runs


def report_numbers(report: dict) -> dict:
    """The same core numbers read from the standard report's sections."""
    sections = {s["id"]: s for s in report["sections"]}
    out: dict = {}
    flow = sections["flow"]
    regions = flow["columns"][2:]
    for row in flow["rows"]:
        if row["id"] in FLOW_KINDS:
            out[(row["id"], None)] = row["cells"][0]
            for region, v in zip(regions, row["cells"][1:], strict=True):
                out[(row["id"], "" if region == "–" else region)] = v
    for grp in ("dropout", "successful", "neutral"):
        sec = sections[f"exit_{grp}"]
        stages = [c.split(" (n=")[0] for c in sec["columns"][1:]]
        for row in sec["rows"]:
            if row["id"].startswith("share_"):
                continue
            for stage, v in zip(stages, row["cells"], strict=True):
                out[("exit.status", grp, "" if stage == "–" else stage, row["id"])] = v
    prog = sections["prog"]
    stages = prog["columns"][2:]
    for row in prog["rows"]:
        if row["id"] == "prog.dropout_rate":
            out[("prog.dropout_rate", None)] = (row["cells"][0]["num"], row["cells"][0]["den"])
            for stage, cell in zip(stages, row["cells"][1:], strict=True):
                out[("prog.dropout_rate", "" if stage == "–" else stage)] = (cell["num"], cell["den"])
    return out


def run_engine(params) -> tuple[float, dict]:
    """The same core indicators from the report's engine alone (a run that builds only the
    working tables they read: the events, the flow events, enrolments, spells and exit cases),
    in the keys of ``run_duckdb``."""
    from stufenweg.indicators.results import engine_for

    t = time.perf_counter()
    with engine_for(params) as engine:
        flow_rows = engine.rows(list(FLOW_KINDS), ("region",))
        status_rows = engine.rows(["exit.status"], ("stage", "exit_group", "status"))
        dropout_rows = engine.rows(["prog.dropout_rate"], ("stage",))
    elapsed = time.perf_counter() - t
    out: dict = {}
    for row in flow_rows:
        out[(row["indicator"], row["group"].get("region"))] = row["value"]
    for row in status_rows:
        g = row["group"]
        if len(g) == 3 and g["exit_group"]:
            out[("exit.status", g["exit_group"], g["stage"], g["status"])] = row["value"]
    for row in dropout_rows:
        out[("prog.dropout_rate", row["group"].get("stage"))] = (row["numerator"], row["denominator"])
    return elapsed, out


def _differences(mine: dict, theirs: dict) -> list:
    out = []
    for key, value in mine.items():
        other = theirs.get(key, (0, 0) if key[0] == "prog.dropout_rate" else 0)
        if other != value:
            out.append((key, value, other))
    for key, value in theirs.items():
        if key not in mine and value not in (0, (0, 0)):
            out.append((key, None, value))
    return out


def compare(report: dict, params, report_seconds: float, *, date_from, date_to, as_of, recorded_on) -> bool:
    """Export, run DuckDB, print both times and the ratio; True if the core numbers agree."""
    with tempfile.TemporaryDirectory(prefix="sw-duck-") as tmp:
        csv_path, parquet = os.path.join(tmp, "events.csv"), os.path.join(tmp, "events.parquet")
        t = time.perf_counter()
        n = export(params.programme.id, csv_path)
        t_export = time.perf_counter() - t
        import duckdb

        t = time.perf_counter()
        con = duckdb.connect()
        con.execute(
            f"COPY (SELECT * FROM read_csv('{csv_path}', header = true, "
            "types = {'ra': 'TIMESTAMPTZ', 'od': 'DATE', 'region': 'VARCHAR', 'stage': 'VARCHAR', "
            "'change': 'VARCHAR', 'exit_kind': 'VARCHAR', 'statuses': 'VARCHAR'})) "
            f"TO '{parquet}' (FORMAT parquet)"
        )
        con.close()
        t_parquet = time.perf_counter() - t
        runs = []
        for _ in range(3):
            elapsed, numbers = run_duckdb(
                parquet, date_from=date_from, date_to=date_to, as_of=as_of, recorded_on=recorded_on
            )
            runs.append(elapsed)
        pg_runs, pg_numbers = [], {}
        if connection.vendor == "postgresql":
            pg_runs, pg_numbers = run_postgres(
                csv_path, date_from=date_from, date_to=date_to, as_of=as_of, recorded_on=recorded_on
            )
    duck = min(runs)
    scans = scan_log(params.programme.id, as_of=as_of, recorded_on=recorded_on)
    mine = report_numbers(report)
    mismatches = _differences(mine, numbers)
    engine_runs, engine_numbers = [], {}
    for _ in range(3):
        elapsed, engine_numbers = run_engine(params)
        engine_runs.append(elapsed)
    engine_best = min(engine_runs)
    engine_mismatches = _differences(engine_numbers, numbers)
    print(
        f"duckdb {duckdb.__version__}: exported {n} events in {t_export:.1f} s (CSV → Parquet {t_parquet:.1f} s); "
        f"core indicators in {', '.join(f'{r:.2f}' for r in runs)} s (best {duck:.2f} s); "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"the engine on the same core indicators: {', '.join(f'{r:.2f}' for r in engine_runs)} s "
        f"(best {engine_best:.2f} s) = {engine_best / duck:.1f}× DuckDB; "
        f"the full standard report {report_seconds:.2f} s = {report_seconds / duck:.1f}× DuckDB's core query"
    )
    print(
        f"one scan of the event log in {connection.vendor} (events of the programme recorded by R and "
        f"happened by D, counted): {', '.join(f'{r:.2f}' for r in scans)} s (best {min(scans):.2f} s) "
        f"= {min(scans) / duck:.1f}× DuckDB's core query"
    )
    pg_mismatches = _differences(pg_numbers, numbers) if pg_runs else []
    if pg_runs:
        print(
            "the same hand-written query in PostgreSQL over the same exported columns (a narrow table): "
            f"{', '.join(f'{r:.2f}' for r in pg_runs)} s (best {min(pg_runs):.2f} s) = "
            f"{min(pg_runs) / duck:.1f}× DuckDB; its numbers "
            + (
                "all agree"
                if not pg_mismatches
                else f"differ in {len(pg_mismatches)}, e.g. {pg_mismatches[:5]}"
            )
        )
    print(
        f"core numbers compared: report {len(mine)}, "
        + ("all agree" if not mismatches else f"{len(mismatches)} differ, e.g. {mismatches[:5]}")
        + f"; engine alone {len(engine_numbers)}, "
        + (
            "all agree"
            if not engine_mismatches
            else f"{len(engine_mismatches)} differ, e.g. {engine_mismatches[:5]}"
        )
    )
    return not mismatches and not engine_mismatches and not pg_mismatches
