"""Benchmark of the full standard report (not part of the test suite).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/report_bench.py --persons 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sw_bench .venv/bin/python bench/report_bench.py --persons 100000

Generates N synthetic participants (15 events each) with bulk inserts (executemany in batches),
then times ``standard_report`` (every indicator, by region/stage/gender, self-checks) and prints
the wall time and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stufenweg.config.settings.demo")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

EVENT_COLUMNS = (
    "event_id, participation_id, kind, occurred_on, recorded_at, region_id, measure_id, stage_id, result, "
    "employment_status, unemployed_since, benefit, change, reason, exit_kind, statuses, qualification, "
    "first_labour_market, employment_kind, benefit_effect, reached, source, reason_code"
)
# reason codes of extensions and exits (the default lists; "" = none given)
EXTENSION_CODES = ("ziele_offen", "problemlagen", "gesundheit", "unterbrechung", "sonstiges", "")
EXIT_CODES = ("arbeit", "bildung", "elternzeit", "gesundheit", "familie", "mitwirkung", "sonstiges", "")

PERSON_COLUMNS = (
    "id, person_id, first_name, last_name, birth_date, gender, nationality, foreign_background, disability, "
    "minority, homeless, rural, isced, postcode, created_at, household_role, email, phone, street, town, "
    "vocational_qualification, single_parent, long_term_benefit, refugee, returner"
)
PARTICIPATION_COLUMNS = "id, person_id, programme_id, created_at, state"


def _insert(cursor, table: str, columns: str, rows: list[tuple]) -> None:
    """COPY on PostgreSQL (1M persons in minutes, not the better part of an hour), else executemany."""
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * (columns.count(",") + 1))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def generate(n: int, seed: int = 1) -> None:
    from stufenweg.organisations.models import Organisation, Region
    from stufenweg.programmes.models import Measure, Programme, Stage

    rnd = random.Random(seed)
    call_command("migrate", verbosity=0)
    with connection.cursor() as c:
        for table in (
            "journeys_enrolment",
            "journeys_journeyevent",
            "journeys_participation",
            "people_person",
        ):
            c.execute(f"DELETE FROM {table}")
    from stufenweg.programmes.reason_codes import seed_defaults

    programme, _ = Programme.objects.get_or_create(code="BENCH", defaults={"name": "Benchmark"})
    seed_defaults([programme.pk])
    regions = [
        Region.objects.get_or_create(code=f"BR{i}", defaults={"name": f"Region {i}"})[0] for i in range(6)
    ]
    stages = [
        Stage.objects.get_or_create(
            programme=programme, code=f"S{i}", defaults={"name": f"Stufe {i}", "position": i}
        )[0]
        for i in (2, 3, 4)
    ]
    measures = []
    for i in range(30):
        provider, _ = Organisation.objects.get_or_create(
            code=f"BP{i}", defaults={"name": f"Träger {i}", "kind": "provider", "region": regions[i % 6]}
        )
        m, _ = Measure.objects.get_or_create(
            code=f"BM{i}",
            defaults={
                "name": f"Maßnahme {i}",
                "programme": programme,
                "provider": provider,
                "region": regions[i % 6],
                "operation": f"ESF-{i % 3}",
                "places": 100000,
                "start": dt.date(2015, 1, 1),
            },
        )
        measures.append(m)
    now = timezone.now()
    batch = 5000
    pid0 = 1
    with transaction.atomic(), connection.cursor() as c:
        for start in range(0, n, batch):
            persons, parts, events = [], [], []
            for k in range(start, min(n, start + batch)):
                pk = pid0 + k
                birth = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(0, 16000))
                persons.append(
                    (
                        pk,
                        f"B{pk}",
                        "X",
                        "Y",
                        birth,
                        rnd.choice("fmdx"),
                        rnd.choice(["DE", "SY", "PL", "stateless"]),
                        rnd.choice(["yes", "no"]),
                        "no",
                        "no",
                        "no",
                        "no",
                        rnd.randrange(0, 9),
                        "",
                        now,
                        "",
                        "",
                        "",
                        "",
                        "",
                        rnd.choice([True, False, None]),
                        rnd.choice([True, False, None]),
                        rnd.choice(["yes", "no", ""]),
                        rnd.choice(["yes", "no", ""]),
                        rnd.choice(["yes", "no", ""]),
                    )
                )
                parts.append((pk, pk, programme.id, now, "exited"))
                d0 = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(0, 1400))
                m1, m2 = rnd.choice(measures), rnd.choice(measures)
                s1, s2 = rnd.choice(stages), rnd.choice(stages)
                reg = regions[rnd.randrange(6)].id
                ex = rnd.choice(["regular", "early_positive", "early_negative", "early_neutral"])
                st = rnd.choice(["job_seeking", "education", "employed_svb", "minijob|self_employed", ""])

                def ev(i, kind, day, pk=pk, d0=d0, **f):
                    return (
                        f"b{pk}-{i}",
                        pk,
                        kind,
                        d0 + dt.timedelta(days=day),
                        now,
                        f.get("region"),
                        f.get("measure"),
                        f.get("stage"),
                        f.get("result", ""),
                        f.get("es", ""),
                        f.get("us"),
                        f.get("benefit", ""),
                        f.get("change", ""),
                        "",
                        f.get("exit_kind", ""),
                        f.get("statuses", ""),
                        f.get("qual"),
                        f.get("flm"),
                        f.get("ek", ""),
                        f.get("be", ""),
                        f.get("reached"),
                        "",
                        f.get("reason_code", ""),
                    )

                events += [
                    ev(0, "referral", 0, region=reg),
                    ev(1, "assessment_start", 7, region=reg),
                    ev(2, "assessment_result", 20, result="suitable", stage=s1.id),
                    ev(
                        3,
                        "entry",
                        30,
                        measure=m1.id,
                        stage=s1.id,
                        es="unemployed",
                        us=d0 - dt.timedelta(days=500),
                        benefit="sgb2",
                    ),
                    ev(4, "extension", 90, reason_code=rnd.choice(EXTENSION_CODES)),
                    ev(5, "interruption", 100),
                    ev(6, "resumption", 110),
                    ev(
                        7,
                        "stage_change",
                        150,
                        measure=m2.id,
                        stage=s2.id,
                        change=rnd.choice(["planned", "unplanned"]),
                    ),
                    ev(8, "internship", 160, flm=True),
                    ev(9, "qualification", 240),
                    ev(
                        10,
                        "exit",
                        250,
                        exit_kind=ex,
                        statuses=st,
                        qual=rnd.random() < 0.3,
                        reason_code=rnd.choice(EXIT_CODES),
                    ),
                    ev(
                        11,
                        "employment_start",
                        260,
                        ek=rnd.choice(["svb", "minijob", "self_employed", "vocational_training"]),
                        be=rnd.choice(["ended", "reduced", ""]),
                    ),
                    ev(12, "employment_end", 400),
                    ev(
                        13,
                        "follow_up",
                        250 + 183,
                        statuses=rnd.choice(["employed_svb", "job_seeking"]),
                        reached=True,
                    ),
                    ev(14, "reactivation", 500),
                ]
            _insert(c, "people_person", PERSON_COLUMNS, persons)
            _insert(c, "journeys_participation", PARTICIPATION_COLUMNS, parts)
            _insert(c, "journeys_journeyevent", EVENT_COLUMNS, events)
    if connection.vendor == "postgresql":
        # as autovacuum leaves a database some time after a load: statistics, the visibility map
        # and the hint bits set (else the first reads of every row write them, in the timed runs)
        with connection.cursor() as c:
            c.execute("VACUUM (ANALYZE)")


class _ServerCpu:
    """CPU seconds of the PostgreSQL backends serving this benchmark's database (their command line
    names it), so that other jobs on the same server do not count. Every backend seen is
    remembered with its last reading: a run's second session ends with the run, and its last
    reading (taken before it closes, see ``_watch_partner``) still counts."""

    def __init__(self, dbname: str, ticks: int) -> None:
        self.tag = f" {dbname} ".encode()
        self.ticks = ticks
        self.seen: dict[int, int] = {}

    def __call__(self) -> float:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmd:
                    if self.tag not in cmd.read():
                        continue
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            self.seen[int(entry)] = sum(int(v) for v in fields[11:13])  # utime, stime
        return sum(self.seen.values()) / self.ticks


def _watch_partner(server_cpu) -> None:
    """Read the backends' CPU once more right before a run's second session closes."""
    from stufenweg.indicators import engine

    close = engine._Partner.close

    def close_after_reading(self):
        server_cpu()
        close(self)

    engine._Partner.close = close_after_reading


def _cpu_clock():
    """A function giving CPU seconds of this process and, on PostgreSQL on this machine, of the
    backends serving the benchmark's database: figures that stay meaningful when other jobs share
    the cores (wall time does not)."""
    server_cpu = None
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_backend_pid(), current_database()")
            pid, dbname = c.fetchone()
        if os.path.exists(f"/proc/{pid}/stat"):
            server_cpu = _ServerCpu(dbname, os.sysconf("SC_CLK_TCK"))
            _watch_partner(server_cpu)

    def clock() -> tuple[float, float | None]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        own = usage.ru_utime + usage.ru_stime
        return own, (server_cpu() if server_cpu else None)

    return clock


def machine_reference() -> str:
    """The speed of this machine at two fixed tasks, printed before the figures: machines of the
    same kind differ by a factor of two or more (and one machine drifts under its neighbours'
    load), so figures of different days compare only next to these."""
    t = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    python_s = time.perf_counter() - t
    out = f"machine reference: Python loop of 10M additions {python_s:.2f} s"
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            t = time.perf_counter()
            c.execute("SELECT SUM(i) FROM generate_series(1, 10000000) i")
            c.fetchone()
            out += f", PostgreSQL SUM over 10M generated rows {time.perf_counter() - t:.2f} s"
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=10000)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N slowest statements")
    parser.add_argument("--runs", type=int, default=1, help="time the report this many times")
    parser.add_argument(
        "--duckdb", action="store_true", help="compare with a hand-written DuckDB query (extra 'bench')"
    )
    parser.add_argument(
        "--web", action="store_true", help="time the finished report's web page with its charts"
    )
    args = parser.parse_args()
    from stufenweg.indicators.results import ReportParams
    from stufenweg.programmes.models import Programme

    if not args.skip_generate:
        t = time.perf_counter()
        generate(args.persons)
        print(
            f"generated {args.persons} persons / {args.persons * 15} events in {time.perf_counter() - t:.1f} s"
        )
    print(machine_reference())
    programme = Programme.objects.get(code="BENCH")
    params = ReportParams(
        programme=programme,
        date_from=dt.date(2020, 1, 1),
        date_to=dt.date(2020, 12, 31),
        by=("region", "stage", "gender"),
        recorded_on=timezone.now(),
    )
    timings: list[tuple[float, str]] = []

    clock = _cpu_clock()

    def timed(execute, sql, params_, many, context):
        t0, c0 = time.perf_counter(), clock()
        try:
            return execute(sql, params_, many, context)
        finally:
            c1 = clock()
            cpu = sum(b - a for a, b in zip(c0, c1, strict=True) if a is not None)
            timings.append((time.perf_counter() - t0, cpu, " ".join(sql.split())[:100]))

    for _ in range(args.runs):
        timings.clear()
        report, elapsed = _timed_run(args, params, clock, timed, timings)
    if args.duckdb:
        from duckdb_compare import compare

        resolved = params.resolved()
        ok = compare(
            report,
            resolved,
            elapsed,
            date_from=resolved.date_from,
            date_to=resolved.date_to,
            as_of=resolved.as_of,
            recorded_on=resolved.recorded_on,
        )
        if not ok:
            raise SystemExit("DuckDB and the report disagree")
    if args.web:
        from report_web import time_web_page

        time_web_page(report, programme)


def _timed_run(args, params, clock, timed, timings):
    from stufenweg.indicators.standard import standard_report

    cpu0, server0 = clock()
    t = time.perf_counter()
    with connection.execute_wrapper(timed):
        report = standard_report(params)
    elapsed = time.perf_counter() - t
    cpu1, server1 = clock()
    if args.profile:
        print(
            f"{len(timings)} statements, {sum(t[0] for t in timings):.2f} s wall and "
            f"{sum(t[1] for t in timings):.2f} s CPU in them; most CPU:"
        )
        for d, cpu, sql in sorted(timings, key=lambda t: -t[1])[: args.profile]:
            print(f"  {cpu:6.2f} s CPU {d:6.2f} s wall  {sql}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    server = f", PostgreSQL server CPU {server1 - server0:.2f} s" if server0 is not None else ""
    print(
        f"{connection.vendor} persons={args.persons} standard report: {elapsed:.2f} s wall, "
        f"report process CPU {cpu1 - cpu0:.2f} s{server}, peak RSS {peak:.0f} MB, "
        f"load average {os.getloadavg()[0]:.2f}, checks: {len(report['checks'])} problems"
    )
    return report, elapsed


if __name__ == "__main__":
    main()
