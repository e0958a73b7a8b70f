"""Import benchmark: generate N persons with ~15 events each in the exchange format, import them.

    .venv/bin/python bench/import_bench.py --persons 100000 --db sqlite
    .venv/bin/python bench/import_bench.py --persons 100000 --db postgres \\
        --postgres-url postgres://postgres@127.0.0.1:5432/sw_imp_bench

Every journey follows the rules (referral, assessment, entry, internship, interruption and
resumption, extension, stage change, qualification with a correction, exit, employment, a voided
internship, follow-up), so the import writes everything. The data is synthetic. The import runs
as ``stufenweg import DIR`` in a child process on a fresh database; the script reports wall time,
rows per second, the child's CPU seconds and peak memory (``/usr/bin/time -v``), the CPU
seconds of the PostgreSQL backend (sampled from /proc) and the load average before and after.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUFENWEG = [str(ROOT / ".venv" / "bin" / "stufenweg")]
EVENT_COLUMNS = [
    *("event_id", "person_id", "programme", "event", "date", "recorded_at", "region", "measure", "stage"),
    *("supersedes", "referrer", "result", "planned_end", "employment_status", "unemployed_since", "benefit"),
    *("change", "reason", "exit_kind", "statuses", "qualification", "employer", "end_date"),
    *("first_labour_market", "employment_kind", "hours", "benefit_effect", "reached", "source"),
]
REGIONS = [f"R{i:02d}" for i in range(1, 9)]
STAGES = ["S2", "S3", "S4"]


def generate(directory: Path, persons: int, seed: int = 7) -> dict[str, int]:
    """Write the seven files; returns rows per file."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    def writer(name: str, header: list[str]):
        handle = open(directory / name, "w", encoding="utf-8", newline="")  # noqa: SIM115
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        return handle, out

    handle, out = writer("organisations.csv", ["code", "name", "kind", "region"])
    out.writerow(["REGIE", "Regiestelle", "coordination_office", ""])
    for region in REGIONS:
        out.writerow([f"JC-{region}", f"Jobcenter {region}", "jobcenter", region])
        out.writerow([f"RB-{region}", f"Regionalbüro {region}", "regional_office", region])
        for p in range(3):
            out.writerow([f"BDL-{region}-{p}", f"Träger {region}/{p}", "provider", region])
        for e in range(5):
            out.writerow([f"AG-{region}-{e}", f"Arbeitgeber {region}/{e}", "employer", region])
    handle.close()
    counts["organisations.csv"] = 1 + len(REGIONS) * 10

    handle, out = writer(
        "programmes.csv",
        [
            "programme",
            "programme_name",
            "stage",
            "stage_name",
            "position",
            "max_months",
            "min_age",
            "max_age",
            "min_unemployed_months",
            "extendable",
        ],
    )
    for position, stage in enumerate(STAGES, start=1):
        out.writerow(
            ["BENCH", "Benchmark-Programm", stage, f"Stufe {stage}", position, 30, "", "", "", "yes"]
        )
    handle.close()
    counts["programmes.csv"] = len(STAGES)

    measures = []
    handle, out = writer(
        "measures.csv",
        [
            "code",
            "name",
            "programme",
            "stages",
            "provider",
            "region",
            "operation",
            "places",
            "start",
            "end",
            "rolling_entry",
        ],
    )
    for region in REGIONS:
        for p in range(3):
            code = f"M-{region}-{p}"
            measures.append((code, region))
            out.writerow(
                [
                    code,
                    f"Maßnahme {code}",
                    "BENCH",
                    "|".join(STAGES),
                    f"BDL-{region}-{p}",
                    region,
                    "ESF-1",
                    5000,
                    "2018-01-01",
                    "",
                    "yes",
                ]
            )
    handle.close()
    counts["measures.csv"] = len(measures)

    ph, persons_out = writer(
        "persons.csv",
        [
            "person_id",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "nationality",
            "foreign_background",
            "disability",
            "minority",
            "homeless",
            "rural",
            "isced",
            "vocational_qualification",
            "single_parent",
            "household_id",
            "postcode",
        ],
    )
    eh, events_out = writer("events.csv", EVENT_COLUMNS)
    hh, households_out = writer("households.csv", ["household_id", "month", "members", "llu", "kdu"])
    index = {name: i for i, name in enumerate(EVENT_COLUMNS)}
    n_events = n_households = 0
    base = dt.date(2019, 1, 1)
    for n in range(persons):
        pid = f"P{n:07d}"
        household = f"BG{n // 2:07d}" if n % 5 else ""
        persons_out.writerow(
            [
                pid,
                rng.choice(["Anna", "Jens", "Olga", "Mehmet", "Katrin"]),
                f"Test{n}",
                (dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(12000))).isoformat(),
                rng.choice("fmdx"),
                rng.choice(["DE", "UA", "SY", "PL"]),
                rng.choice(["yes", "no", "na"]),
                "no",
                "no",
                "no",
                rng.choice(["yes", "no"]),
                rng.randrange(0, 9),
                rng.choice(["yes", "no"]),
                "no",
                household,
                f"0{rng.randrange(1000, 9999)}",
            ]
        )
        if household and n % 2 == 1 and n % 10 == 1:
            for month in range(1, 7):
                households_out.writerow([household, f"2022-{month:02d}", 2, "1004.00", "420.50"])
                n_households += 1
        region = rng.choice(REGIONS)
        measure = rng.choice([m for m, r in measures if r == region])
        other = rng.choice([m for m, r in measures if r == region])
        d0 = base + dt.timedelta(days=rng.randrange(0, 1500))
        stage, stage2 = rng.sample(STAGES, 2)

        rows = journey(rng, pid, n, d0, region, measure, other, stage, stage2, index)
        events_out.writerows(rows)
        n_events += len(rows)
    for handle in (ph, eh, hh):
        handle.close()
    counts.update({"persons.csv": persons, "events.csv": n_events, "households.csv": n_households})
    with open(directory / "targets.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["programme", "indicator", "period_from", "period_to", "region", "stage", "target"])
        for region in REGIONS:
            out.writerow(["BENCH", "flow.stage_entries", "2022-01-01", "2022-12-31", region, "", 1500])
    counts["targets.csv"] = len(REGIONS)
    return counts


def count_rows(path: Path) -> int:
    with open(path, "rb") as handle:
        return max(sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b"")) - 1, 0)


def journey(rng, pid, n, d0, region, measure, other, stage, stage2, index) -> list[list[str]]:
    """The 15 events of one person's journey, valid under the journey rules."""

    def day(offset: int) -> str:
        return (d0 + dt.timedelta(days=offset)).isoformat()

    def stamp(offset: int) -> str:
        moment = dt.datetime.combine(d0 + dt.timedelta(days=offset), dt.time(9, rng.randrange(60)))
        return moment.isoformat() + ("+02:00" if 4 <= moment.month <= 9 else "+01:00")

    rows = []

    def ev(suffix, kind, offset, **cells):
        row = [""] * len(EVENT_COLUMNS)
        row[0], row[1], row[2], row[3] = f"{pid}-{suffix}", pid, "BENCH", kind
        row[4], row[5] = day(offset), stamp(offset + 1)
        for key, value in cells.items():
            row[index[key]] = value
        rows.append(row)

    ev("01", "referral", 0, region=region, referrer=f"JC-{region}")
    ev("02", "assessment_start", 7)
    ev("03", "assessment_result", 14, result="suitable", stage=stage)
    ev(
        "04",
        "entry",
        30,
        measure=measure,
        stage=stage,
        planned_end=day(30 + 330),
        employment_status="unemployed",
        unemployed_since=day(-700),
        benefit="sgb2",
    )
    ev(
        "05",
        "internship",
        100,
        employer=f"AG-{region}-{n % 5}",
        end_date=day(120),
        first_labour_market="yes",
    )
    ev("06", "interruption", 130, reason="Krankheit")
    ev("07", "resumption", 150)
    ev("08", "extension", 200, planned_end=day(30 + 500), reason="Prüfung")
    ev(
        "09",
        "stage_change",
        250,
        measure=other,
        stage=stage2,
        change="planned",
        planned_end=day(250 + 300),
    )
    ev("10", "qualification", 300, reason="Teilqualifikation")
    ev("11", "qualification", 300, reason="Teilqualifikation Lager", supersedes=f"{pid}-10")
    ev("12", "void", 301, supersedes=f"{pid}-05")
    ev(
        "13",
        "exit",
        360,
        exit_kind=rng.choice(["regular", "early_positive", "early_negative"]),
        statuses=rng.choice(["job_seeking", "employed_svb", "employed_svb|minijob", "education"]),
        qualification="yes",
    )
    ev(
        "14",
        "employment_start",
        370,
        employment_kind="svb",
        employer=f"AG-{region}-{n % 5}",
        hours="38.5",
        benefit_effect="ended",
    )
    ev("15", "follow_up", 360 + 183, statuses="employed_svb", reached="yes", source="self")
    return rows


class BackendCpu:
    """CPU seconds of the PostgreSQL server processes serving database ``name`` (sampled from
    /proc while the import runs; the server must run on this machine)."""

    def __init__(self, url: str, name: str):
        self.url, self.name = url, name
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        import psycopg

        tick = os.sysconf("SC_CLK_TCK")
        with psycopg.connect(self.url, autocommit=True) as conn:
            own = conn.info.backend_pid
            while not self.stop.wait(0.25):
                pids = [
                    row[0]
                    for row in conn.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]
                    )
                    if row[0] != own
                ]
                for pid in pids:
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    self.seen[pid] = (int(fields[11]) + int(fields[12])) / tick

    def __enter__(self) -> BackendCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def run_measured(cmd: list[str], env: dict) -> dict:
    """Run under /usr/bin/time -v: wall time, CPU seconds, share of a core, peak RSS, load."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    figures = {"code": done.returncode, "wall": seconds, "load": (load_before, os.getloadavg()[0])}
    wanted = {
        "User time (seconds)": "user",
        "System time (seconds)": "sys",
        "Percent of CPU this job got": "cpu_share",
        "Maximum resident set size (kbytes)": "peak_kb",
    }
    for line in done.stderr.splitlines():
        label, _sep, value = line.strip().partition(": ")
        if label in wanted:
            figures[wanted[label]] = float(value.rstrip("%"))
    figures["tail"] = (done.stdout + done.stderr)[-3000:]
    return figures


def report(label: str, figures: dict, rows: int, events: int, backend: float | None) -> None:
    seconds = figures["wall"]
    text = (
        f"{label}: exit {figures['code']}, {rows:,} rows ({events:,} events) in {seconds:.1f} s = "
        f"{rows / seconds:,.0f} rows/s; import process CPU {figures.get('user', 0):.1f} user + "
        f"{figures.get('sys', 0):.1f} sys s ({figures.get('cpu_share', 0):.0f} % of a core), "
        f"peak RSS {figures.get('peak_kb', 0) / 1024:.0f} MB"
    )
    if backend is not None:
        text += f"; PostgreSQL backend CPU {backend:.1f} s"
    text += f"; load average {figures['load'][0]:.2f} before, {figures['load'][1]:.2f} after"
    print(text, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/sw_imp_bench")
    parser.add_argument("--data", default="/tmp/stufenweg-import-bench", help="where the generated files go")
    parser.add_argument("--twice", action="store_true", help="import a second time (must change nothing)")
    args = parser.parse_args()

    data = Path(args.data) / f"p{args.persons}"
    if not (data / "events.csv").exists():
        started = time.perf_counter()
        counts = generate(data, args.persons)
        print(f"generated {counts} in {time.perf_counter() - started:.1f} s", flush=True)
    counts = {p.name: count_rows(p) for p in data.glob("*.csv")}
    rows, events = sum(counts.values()), counts["events.csv"]

    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="stufenweg.config.settings.demo", STUFENWEG_LOG_LEVEL="WARNING"
    )
    if args.db == "sqlite":
        db_file = Path(args.data) / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_file) + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db_file}"
    else:
        name = args.postgres_url.rsplit("/", 1)[1]
        admin = args.postgres_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
        env["DATABASE_URL"] = args.postgres_url
    subprocess.run([*STUFENWEG, "migrate", "-v", "0"], env=env, check=True)

    command = [*STUFENWEG, "import", str(data), "--progress", "no"]
    runs = ["first import", "second import"] if args.twice else ["import"]
    code = 0
    for label in runs:
        backend = None
        if args.db == "postgres":
            with BackendCpu(args.postgres_url, args.postgres_url.rsplit("/", 1)[1]) as monitor:
                figures = run_measured(command, env)
            backend = monitor.seconds
        else:
            figures = run_measured(command, env)
        print(figures["tail"])
        report(f"{args.db} {label}", figures, rows, events, backend)
        code = code or figures["code"]
    sys.exit(code)


if __name__ == "__main__":
    main()
