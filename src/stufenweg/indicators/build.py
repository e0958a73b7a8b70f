# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""The working tables of one report run, built in the database from the event log at (D, R).

``sw_ev``    effective events of the programme of the kinds an indicator reads: recorded by R,
             happened by D, not superseded or voided by an event recorded by R. Unsorted; later
             steps order their own kinds by (date, recording time, id), the log's order.
``sw_pp``    the programme's participations with the person's characteristics.
``sw_evp``   flow events of the period; ``sw_wait`` participations waiting at D.
``sw_emp``   employment events numbered in log order; ``sw_sp`` employment spells: start →
             ``end_date``, else the next ``employment_end``, else open.
``sw_ese``   entries, stage changes and exits numbered in log order; ``sw_enr`` enrolments: an
             entry or stage change → the next of those events (an exit or a stage change ends it).
``sw_ov``    enrolments overlapping the period; ``sw_en`` enrolments entered in the period.
``sw_xb0``   exit cases in the period with their six-month point; ``sw_xb`` the same with the
             follow-up at that point; ``sw_x`` the same with the flags the exit indicators need.
``sw_esf*``  ESF participants (participation × operation) with characteristics and results.
``sw_int``   integrations (first qualifying employment start per person and calendar month).

The enrolment steps (``sw_ese``, ``sw_enr``, ``sw_ov``, ``sw_en``) are in ``build_enrolments``, those
about what followed the programme (``sw_x*``, ``sw_esf*``, ``sw_int``) in ``build_outcomes``.

A participation is one person in one programme, so the participation id is the person key of
every per-person rule. Nothing here reads the ``Enrolment`` projection or participation state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from stufenweg.indicators import sqlfns as f
from stufenweg.journeys.codes import EmploymentKind, ExitStatus

TABLES = (
    "sw_int",
    "sw_esf",
    "sw_esf0",
    "sw_esfg",
    "sw_en",
    "sw_ov",
    "sw_x",
    "sw_xb",
    "sw_xb0",
    "sw_enr",
    "sw_ese",
    "sw_sp",
    "sw_emp",
    "sw_wait",
    "sw_evp",
    "sw_pp",
    "sw_ev",
    "sw_codes",
)
# the person's characteristics in ``sw_pp``: those of the breakdowns, the ESF+ and the target groups
PERSON_COLUMNS = (
    "gender",
    "birth_date",
    "household_id",
    "isced",
    "disability",
    "nationality",
    "foreign_background",
    "minority",
    "homeless",
    "rural",
    "vocational_qualification",
    "single_parent",
    "long_term_benefit",
    "refugee",
    "returner",
)
# the working tables the indicator modules build themselves (``Source.prepare``)
OWN_TABLES = ("sw_tgin", "sw_tgx")
# The event kinds any indicator reads; the others (assessment result, interruption, resumption)
# and voids never reach the working tables.
REPORTED_KINDS = (
    "referral",
    "not_arrived",
    "assessment_start",
    "reactivation",
    "waitlist",
    "entry",
    "stage_change",
    "extension",
    "internship",
    "exit",
    "employment_start",
    "employment_end",
    "qualification",
    "follow_up",
)
# A follow-up counts for a six-month point p if it is dated within this many days of p.
FOLLOW_UP_WINDOW_DAYS = 14
# Kinds read only from FOLLOW_UP_WINDOW_DAYS before the period's start: referrals, not-arrived and
# extensions as flow events of the period (an extension also within an enrolment entered in it),
# follow-ups around a six-month point or after an exit, both in the period at the earliest.
# Earlier events of these kinds never reach the working tables; the others are read back to the start.
RECENT_KINDS = ("referral", "not_arrived", "extension", "follow_up")
HISTORY_KINDS = tuple(k for k in REPORTED_KINDS if k not in RECENT_KINDS)

ESF_KINDS = ("svb", "minijob", "self_employed")
INTEGRATION_KINDS = ("svb", "vocational_training", "self_employed")
ESF_STATUSES = ("employed_svb", "minijob", "self_employed")
ANY_KINDS = tuple(EmploymentKind.values)
EMPLOYED_STATUSES = ("employed_svb", "minijob", "self_employed")
FOLLOW_ON_STATUSES = ("education", "employed_svb", "minijob", "self_employed")
EU_COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "EL",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]


@dataclass(frozen=True)
class Settings:
    programme_id: int
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date
    recorded_on: dt.datetime
    ltu_rule: str = "12m"
    in_work_kinds: tuple[str, ...] = ("svb", "self_employed")
    in_work_statuses: tuple[str, ...] = ("employed_svb", "self_employed")
    upon_leaving_days: int = 28
    follow_up_months: int = 6
    region_ids: tuple[int, ...] | None = None  # restrict to these regions (regional offices)
    # (k, n): only the participations with id mod n = k. Every indicator counts participations
    # (or rows of one participation), so the aggregates of the n parts add up to the whole.
    part: tuple[int, int] = (0, 1)


def _checked(codes, allowed) -> tuple[str, ...]:
    bad = [c for c in codes if c not in allowed]
    if bad:
        raise ValueError(f"unknown code in programme settings: {bad}")
    return tuple(codes)


def drop_all(cursor) -> None:
    """Drop the working tables that exist in this session: those of an enclosing run (a run for
    a target's own period inside a report's run, in its savepoint). A run of its own finds none
    (an earlier run's transaction was rolled back), and one catalogue query costs less than a
    ``DROP TABLE IF EXISTS`` per table."""
    names = ", ".join(f"'{name}'" for name in (*TABLES, *OWN_TABLES))
    if f.is_postgres():
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relpersistence = 't' AND pg_table_is_visible(oid) "
            f"AND relkind = 'r' AND relname IN ({names})"
        )
    else:
        cursor.execute(f"SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name IN ({names})")
    existing = [row[0] for row in cursor.fetchall()]
    if existing and f.is_postgres():
        cursor.execute("DROP TABLE " + ", ".join(existing))
    else:
        for name in existing:
            cursor.execute(f"DROP TABLE {name}")


# The steps of a run in the order they are built, each with the steps whose tables it reads. A run
# builds only what the indicators it is asked for need (``Engine.aggregate``: ``Source.needs``).
STEPS: dict[str, tuple[str, ...]] = {
    "events": (),
    "waiting": ("events",),
    "spells": ("events",),
    "enrolments": ("events",),
    "flow": ("enrolments",),
    "overlap": ("enrolments",),
    "entered": ("enrolments",),
    "exits": ("enrolments", "spells"),
    "esf": ("enrolments", "spells"),
    "integrations": ("spells",),
}


def plan(wanted, done=()) -> tuple[str, ...]:
    """The steps to build, in order, so that ``wanted`` and what they read exist; ``done``: built."""
    need: set[str] = set()
    todo = list(wanted)
    while todo:
        step = todo.pop()
        if step not in need and step not in done:
            need.add(step)
            todo.extend(STEPS[step])
    return tuple(step for step in STEPS if step in need)


def build(s: Settings, steps: tuple[str, ...] | None = None) -> None:
    """Build ``steps`` (default: all) of the run ``s`` in this session, in ``STEPS`` order; what
    they read must exist (``plan``). ``events`` starts a run: it drops any earlier run's tables."""
    with connection.cursor() as c:
        for step in plan(STEPS) if steps is None else steps:
            _step_function(step)(c, s)


def _dates(s: Settings) -> tuple[str, str, str]:
    """The literals of D (as of), F and T (the period) of the run."""
    return f.lit_date(s.as_of), f.lit_date(s.date_from), f.lit_date(s.date_to)


def _mine(s: Settings) -> str:
    """The condition on ``pa`` (journeys_participation) of the run's participations."""
    k, n = (int(v) for v in s.part)
    return f"pa.programme_id = {int(s.programme_id)}" + (f" AND pa.id % {n} = {k}" if n > 1 else "")


def _events(c, s: Settings) -> None:
    """``sw_codes``, ``sw_ev`` and ``sw_pp`` (every other step reads them)."""
    D = f.lit_date(s.as_of)
    R = f.lit_timestamp(s.recorded_on)
    mine = _mine(s)
    drop_all(c)
    c.execute(_codes_sql())
    # effective events at (D, R), only the kinds an indicator reads. Not sorted: every later
    # step orders its own few kinds by (od, ra, id), and compares events of different kinds
    # by that triple, which is the log's order (journeys.rules.effective).
    c.execute(
        f.temp_table(
            "sw_ev",
            f"""
        SELECT e.id, e.participation_id AS pid, e.kind, e.occurred_on AS od, e.recorded_at AS ra,
          COALESCE(e.region_id, m.region_id) AS region_id, e.measure_id, e.stage_id,
          m.provider_id, COALESCE(m.operation, '') AS operation,
          e.change, e.exit_kind, e.statuses, e.qualification, e.employment_kind, e.end_date,
          e.first_labour_market, e.benefit_effect, e.reached, e.employment_status, e.unemployed_since,
          e.reason_code
        FROM journeys_journeyevent e
        JOIN journeys_participation pa ON pa.id = e.participation_id
        LEFT JOIN programmes_measure m ON m.id = e.measure_id
        WHERE {mine} AND e.recorded_at <= {R} AND {f.in_list("e.kind", REPORTED_KINDS)}
          AND e.occurred_on <= {D}
          AND (e.occurred_on >= {f.lit_date(s.date_from - dt.timedelta(days=FOLLOW_UP_WINDOW_DAYS))}
            OR {f.in_list("e.kind", HISTORY_KINDS)})
        """,
        )
    )
    # minus the events superseded or voided by R (few: removing them afterwards is cheaper than
    # an anti-join probe for every event)
    c.execute(
        f"DELETE FROM sw_ev WHERE id IN (SELECT s.supersedes_id FROM journeys_journeyevent s "
        f"WHERE s.supersedes_id > 0 AND {f.unindexed('s.recorded_at')} <= {R})"
    )
    c.execute("CREATE INDEX sw_ev_pid_kind ON sw_ev (pid, kind, od)")
    _analyze(c, "sw_ev", "pid, kind, od")
    # the programme's participations with the person's characteristics (every step and indicator
    # module reads the person from here, not from the person table: one read per run)
    person = ", ".join(f"p.{name}" for name in PERSON_COLUMNS)
    c.execute(
        f.temp_table(
            "sw_pp",
            f"""
        SELECT pa.id AS pid, pa.person_id, {person}{f.age_thresholds("p.birth_date")}
        FROM journeys_participation pa JOIN people_person p ON p.id = pa.person_id
        WHERE {mine}
        """,
        )
    )
    c.execute("CREATE UNIQUE INDEX sw_pp_pid ON sw_pp (pid)")
    _analyze(c, "sw_pp", "pid")


def _flow(c, s: Settings) -> None:
    """``sw_evp``: the flow events of the period."""
    D, F, T = _dates(s)
    # the flow events of the period, with their breakdown values, whether a programme entry
    # is the participation's first and whether an exit is a closure before entry (an exit
    # with no enrolment open: no entry or stage change since the last exit, that is, an exit
    # that ends no enrolment of ``sw_enr``, whose ends are the next boundary event in log order)
    c.execute(
        f.temp_table(
            "sw_evp",
            f"""
        SELECT e.pid, e.kind, e.region_id, e.stage_id, e.measure_id, e.provider_id, e.change, pp.gender,
          {f.age_band("pp.birth_date", "e.od", "pp")} AS age_band,
          CASE WHEN e.kind IN ('assessment_start', 'reactivation') AND NOT EXISTS (
            SELECT 1 FROM sw_ev q WHERE q.pid = e.pid AND q.kind IN ('assessment_start', 'reactivation')
              AND q.od <= e.od AND (q.od, q.ra, q.id) < (e.od, e.ra, e.id)) THEN 1 ELSE 0 END AS first_pe,
          CASE WHEN e.kind = 'exit' AND e.id NOT IN (
            SELECT n.n_id FROM sw_enr n WHERE n.n_id IS NOT NULL) THEN 1 ELSE 0 END AS closure
        FROM sw_ev e JOIN sw_pp pp ON pp.pid = e.pid
        WHERE e.od >= {F} AND e.od <= {T} AND e.kind IN ('referral', 'not_arrived', 'assessment_start',
          'reactivation', 'entry', 'stage_change', 'extension', 'exit')
        """,
        )
    )


def _waiting(c, s: Settings) -> None:
    """``sw_wait``: participations waiting at D."""
    # waiting: a waiting-list entry with no later waiting-list or stage entry, nor a closure
    # before entry (an exit from the waiting list)
    c.execute(
        f.temp_table(
            "sw_wait",
            f"""
        SELECT w.pid, w.region_id, w.stage_id, w.measure_id, w.provider_id, w.change, pp.gender,
          {f.age_band("pp.birth_date", "w.od", "pp")} AS age_band
        FROM sw_ev w JOIN sw_pp pp ON pp.pid = w.pid
        WHERE w.kind = 'waitlist' AND NOT EXISTS (
          SELECT 1 FROM sw_ev v WHERE v.pid = w.pid AND v.kind IN ('waitlist', 'entry', 'stage_change', 'exit')
            AND v.od >= w.od AND (v.od, v.ra, v.id) > (w.od, w.ra, w.id))
        """,
        )
    )


def _spells(c, s: Settings) -> None:
    """``sw_emp`` and ``sw_sp``: employment events and spells."""
    # employment events numbered in log order (``seq`` runs over all participations: only
    # its order within one participation is used), and the spells: start → end_date, else
    # the next employment_end, else open
    for sql in f.numbered_table(
        "sw_emp",
        ("id", "pid", "kind", "od", "end_date", "employment_kind", "benefit_effect", "region_id"),
        "FROM sw_ev WHERE kind IN ('employment_start', 'employment_end')",
        "pid, od, ra, id",
    ):
        c.execute(sql)
    c.execute("CREATE INDEX sw_emp_pid ON sw_emp (pid, kind, seq)")
    _analyze(c, "sw_emp", "pid, kind")
    c.execute(
        f.temp_table(
            "sw_sp",
            """
        SELECT s.pid, s.employment_kind AS ekind, s.od AS start, COALESCE(s.end_date, (
            SELECT MIN(x.od) FROM sw_emp x WHERE x.pid = s.pid AND x.kind = 'employment_end' AND x.seq > s.seq
          )) AS stop
        FROM sw_emp s WHERE s.kind = 'employment_start'
        """,
        )
    )
    c.execute("CREATE INDEX sw_sp_pid ON sw_sp (pid, start)")
    _analyze(c, "sw_sp", "pid")


def _step_function(name: str):
    """The function of build step ``name``: here, among the enrolment steps (``build_enrolments``)
    or among the steps about what followed the programme (``build_outcomes``); both read this
    module's helpers."""
    from stufenweg.indicators import build_enrolments, build_outcomes

    for module in (build_enrolments, build_outcomes):
        if hasattr(module, f"_{name}"):
            return getattr(module, f"_{name}")
    return globals()[f"_{name}"]


def _analyze(cursor, table: str, columns: str) -> None:
    """Temporary tables are never auto-analysed on PostgreSQL; without statistics it plans badly.
    Only the join and filter columns: a full ANALYZE of the event table costs ten times as much."""
    if f.is_postgres():
        cursor.execute(f"ANALYZE {table} ({columns})")


def _codes_sql() -> str:
    rows = " UNION ALL ".join(f"SELECT '{code}' AS code" for code in ExitStatus.values)
    return f.temp_table("sw_codes", rows)
