"""Load test of the participant list: gunicorn + PostgreSQL, 50 logged-in staff users, loopback only.

    .venv/bin/python bench/load_bench.py                       # generate 20,000 participants, then 60 s
    .venv/bin/python bench/load_bench.py --keep --duration 60  # again on the same data

1. Data: ``participant_list_bench.generate`` fills its own database (default
   ``stufenweg_loadbench``) with N participants (persons with German names, journeys, enrolments,
   contacts, appointments, the search index) in 8 regions with one provider each; the bench adds
   its staff users (coordination office, regional offices, providers) each with a confirmed TOTP
   device.
2. Server: ``gunicorn stufenweg.config.wsgi`` with the production settings
   (``DEBUG=False``, 2FA required, ``__Host-`` cookies, manifest static files after
   ``collectstatic``) on 127.0.0.1; only ``SECURE_SSL_REDIRECT=False`` (no TLS on loopback).
3. Users: one thread each; every user logs in through the real login and TOTP pages (the code
   computed with django-otp's ``totp``), then loads the participant list again and again with
   a think time (page 1 and 2, a search, a status or region filter, a sort), each request on a
   new connection, until ``--duration`` seconds or ``--max-requests`` requests are used up.
4. Report: median, p95, p99, max, errors, requests/s per variant and overall; CPU seconds of
   the gunicorn processes, of the PostgreSQL backends of the bench database and of this
   process; the machine's busy share and load average.

Everything stays on the loopback address; the server is stopped at the end (also on errors).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from load_users import (  # noqa: E402
    LIST_PATH,
    BenchUser,
    Browser,
    Shared,
    list_count,
    log_in,
    run_user,
    summary,
)

HOST = "127.0.0.1"
PASSWORD = "Last-Passwort-2026"  # noqa: S105 - bench users in the bench's own database
# per 25 users: 5 at the coordination office, 16 at regional offices, 4 at providers
MIX = ["Regiestelle"] * 5 + ["Regionalbüro"] * 16 + ["Träger"] * 4


def prepare(url: str, participants: int, keep: bool) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "stufenweg.config.settings.base"  # real password hasher
    from participant_list_bench import generate, setup

    setup(url)
    from stufenweg.journeys.models import Participation

    if Participation.objects.exists():
        if not keep:
            sys.exit("Die Datenbank enthält schon Daten: --keep angeben oder eine leere Datenbank nennen.")
        return
    print(f"Erzeuge {participants} Teilnahmen …", flush=True)
    generate(participants)


def bench_users(count: int) -> list[BenchUser]:
    """``count`` staff users (``MIX``), each with a confirmed TOTP device ready for a fresh code."""
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from stufenweg.organisations.models import Membership, Organisation, Region, User

    regions = list(Region.objects.order_by("code"))
    regie = Organisation.objects.get(code="REGIE")
    password = make_password(PASSWORD)
    users, seen = [], {}
    for i in range(count):
        kind = MIX[i % len(MIX)]
        n = seen[kind] = seen.get(kind, -1) + 1
        region = regions[n % len(regions)]
        if kind == "Regiestelle":
            username, org, region_ids = f"last.regie.{n}", regie, [r.pk for r in regions]
        elif kind == "Regionalbüro":
            username, org, region_ids = f"last.{region.code}.{n}", f"RB-{region.code}", [region.pk]
        else:
            username, org, region_ids = f"last.traeger.{region.code}.{n}", f"BDL-{region.code}", [region.pk]
        user, _ = User.objects.get_or_create(username=username, defaults={"last_name": f"Last {n}"})
        User.objects.filter(pk=user.pk).update(password=password)
        if isinstance(org, str):
            org = Organisation.objects.get(code=org)
        Membership.objects.get_or_create(user=user, organisation=org)
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Lasttest", defaults={"confirmed": True})
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, drift=0, throttling_failure_count=0)
        key = (device.bin_key, device.step, device.t0, device.digits, 0)
        users.append(BenchUser(username, PASSWORD, kind, key, region_ids))
    return users


def server_env(url: str, workdir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": url,
        "SECURE_SSL_REDIRECT": "False",
        "STUFENWEG_DATA_DIR": str(workdir),
        "STUFENWEG_STATIC_ROOT": str(workdir / "static"),
    }


def start_server(args, env: dict, workdir: Path) -> subprocess.Popen:
    venv = Path(sys.executable).parent
    if not (workdir / "static" / "staticfiles.json").exists():
        subprocess.run([venv / "stufenweg", "collectstatic", "--noinput", "-v", "0"], env=env, check=True)
    command = [venv / "gunicorn", "stufenweg.config.wsgi:application", "--bind", f"{HOST}:{args.port}",
               "--workers", str(args.workers), "--threads", str(args.threads), "--timeout", "60",
               "--worker-class", "gthread" if args.threads > 1 else "sync"]  # fmt: skip
    log = open(workdir / "gunicorn.log", "ab")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log, cwd=workdir)
    browser, deadline = Browser(HOST, args.port, timeout=5), time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn beendet (siehe {workdir / 'gunicorn.log'})")
        try:
            if browser.request("GET", "/health/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn antwortet nicht")


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                    found.append(int(entry))
            except OSError:
                continue
    return found


def _machine_busy() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)  # busy, total (idle and iowait excluded)


class CpuMeter:
    """CPU seconds of gunicorn (master and workers) and of the bench database's PostgreSQL
    backends between ``start()`` and ``stop()``, sampled from /proc (server on this machine)."""

    def __init__(self, url: str, server_pid: int):
        self.url, self.server_pid = url, server_pid
        self.name = url.rsplit("/", 1)[1]
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.done = threading.Event()

    def _backends(self, conn) -> dict[int, float]:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]).fetchall()
        own = conn.info.backend_pid
        return {pid: cpu for (pid,) in rows if pid != own and (cpu := _cpu_seconds(pid)) is not None}

    def _poll(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            self.first = self._backends(conn)
            self.started.set()
            while not self.done.wait(0.5):
                self.last.update(self._backends(conn))
            self.last.update(self._backends(conn))

    def start(self) -> None:
        self.started = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()
        self.started.wait(10)
        self.web0 = self._web()
        self.own0 = sum(os.times()[:2])
        self.busy0 = _machine_busy()
        self.t0 = time.monotonic()

    def _web(self) -> float:
        return sum(_cpu_seconds(p) or 0.0 for p in [self.server_pid, *_children(self.server_pid)])

    def stop(self) -> dict:
        wall = time.monotonic() - self.t0
        web = self._web() - self.web0
        own = sum(os.times()[:2]) - self.own0
        busy1 = _machine_busy()
        self.done.set()
        self.thread.join()
        db = sum(cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items())
        busy = (busy1[0] - self.busy0[0]) / max(1, busy1[1] - self.busy0[1])
        return {"wall": wall, "web": web, "db": db, "client": own, "busy": busy}


def run(args, users: list[BenchUser]) -> None:
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    env = server_env(args.postgres_url, workdir)
    server = start_server(args, env, workdir)
    try:
        browsers = [Browser(HOST, args.port) for _ in users]
        t0 = time.monotonic()
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(log_in, browsers, users))
        print(f"{len(users)} Anmeldungen (Passwort + TOTP) in {time.monotonic() - t0:.1f} s", flush=True)
        seen: dict[str, set[int]] = {}
        for browser, user in zip(browsers, users, strict=True):  # warm-up; shows each user's scope
            status, _, content = browser.request("GET", LIST_PATH + "?status=")
            if status != 200:
                sys.exit(f"{user.username}: Liste {status}")
            seen.setdefault(user.kind, set()).add(list_count(content) or 0)
        for kind, counts in seen.items():
            print(f"  {kind}: sieht {min(counts):,}–{max(counts):,} Teilnahmen (alle Status)")
        time.sleep(args.settle)
        load0 = os.getloadavg()
        meter = CpuMeter(args.postgres_url, server.pid)
        meter.start()
        shared = Shared(deadline=time.monotonic() + args.duration, budget=args.max_requests)
        shared.started = time.monotonic()
        threads = [threading.Thread(target=run_user, args=(b, u, shared, args.think, args.seed + i, args.full_pages))
                   for i, (b, u) in enumerate(zip(browsers, users, strict=True))]  # fmt: skip
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except KeyboardInterrupt:
            shared.stop.set()
            for thread in threads:
                thread.join()
        cpu = meter.stop()
        report(args, shared, cpu, load0)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def report(args, shared: Shared, cpu: dict, load0: tuple) -> None:
    samples = shared.samples
    wall = cpu["wall"]
    print(f"\n{len(samples)} Anfragen in {wall:.1f} s = {len(samples) / wall:.1f} Anfragen/s; "
          f"{args.users} Nutzer, Denkzeit {args.think[0]:g}–{args.think[1]:g} s; "
          f"gunicorn {args.workers} Worker × {args.threads} Threads\n")  # fmt: skip
    print(
        f"{'Variante':14} {'Anfragen':>8} {'Fehler':>6} {'Median':>8} {'p95':>8} {'p99':>8} {'Max':>8}  (ms)"
    )
    for variant in ["alle", *sorted({s.variant for s in samples})]:
        rows = [s for s in samples if variant in ("alle", s.variant)]
        f = summary(rows)
        print(f"{variant:14} {f['n']:>8} {f['errors']:>6} {f['median']:>8.0f} {f['p95']:>8.0f} "
              f"{f['p99']:>8.0f} {f['max']:>8.0f}")  # fmt: skip
    errors = sorted({s.detail for s in samples if not s.ok})
    if errors:
        print(f"Fehlerarten: {', '.join(errors)}")
    cores = os.cpu_count() or 1
    print(f"\nCPU im Messfenster: gunicorn {cpu['web']:.1f} s ({cpu['web'] / wall:.2f} Kerne), "
          f"PostgreSQL-Backends {cpu['db']:.1f} s ({cpu['db'] / wall:.2f} Kerne), "
          f"Lastgenerator {cpu['client']:.1f} s ({cpu['client'] / wall:.2f} Kerne); "
          f"Maschine {cpu['busy'] * 100:.0f} % von {cores} Kernen belegt")  # fmt: skip
    print(f"Load average vorher {load0[0]:.2f} / {load0[1]:.2f} / {load0[2]:.2f}, "
          f"nachher {os.getloadavg()[0]:.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/stufenweg_loadbench")
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="Daten eines früheren Laufs wiederverwenden")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="Messdauer in Sekunden (höchstens 600)")
    parser.add_argument("--max-requests", type=int, default=10_000, help="höchstens so viele Anfragen")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--settle", type=float, default=5.0, help="Pause nach den Anmeldungen (s)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--full-pages", action="store_true", help="auch Suche und Filter als ganze Seite laden"
    )
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "stufenweg-loadbench"))
    args = parser.parse_args()
    args.duration = min(args.duration, 600.0)
    args.max_requests = min(args.max_requests, 100_000)
    random.seed(args.seed)
    prepare(args.postgres_url, args.participants, args.keep)
    users = bench_users(args.users)
    run(args, users)


if __name__ == "__main__":
    main()
