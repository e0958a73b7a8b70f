"""Two imports at once, as two workers run them: two real processes, each running the import task of
one upload, into the same database (SQLite file in WAL mode, or the PostgreSQL test database).

The test first holds the import lock itself, so that both workers are certainly at the start of
their writing at the same moment: both must say that they wait (the run page too), and once the
lock is free both must succeed, one after the other, with every row written once. Before the
import lock one of them failed („Interner Fehler“: on SQLite „database is locked“, on PostgreSQL
a unique conflict on the shared master data).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, connections
from django.urls import reverse

from stufenweg.interchange.locking import IMPORT_LOCK_KEY, WAITING
from stufenweg.interchange.models import ImportRun
from stufenweg.interchange.tasks import read_progress
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation
from stufenweg.people.models import Person
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.interchange.conftest import BASE, write_files

pytestmark = pytest.mark.django_db(transaction=True)

WORKER = (
    "import sys, django; django.setup(); "
    "from stufenweg.interchange.tasks import import_run_execute; "
    "import_run_execute.call(int(sys.argv[1]))"
)
WAIT_SECONDS = 90


def _second_set() -> dict[str, str]:
    """The same master data; other persons, households and event ids."""
    files = {}
    for name, text in BASE.items():
        if name in ("persons.csv", "events.csv", "households.csv"):
            text = re.sub(r"\bE(\d+)\b", r"F\1", text)
            text = re.sub(r"\bP(\d)\b", r"Q\1", text)
            text = text.replace("BG1", "BG2")
        files[name] = text
    return files


def _room(files: dict[str, str]) -> dict[str, str]:
    # room in the measure for both sets (capacity is not what this test is about)
    return {**files, "measures.csv": files["measures.csv"].replace("ESF-100,2,", "ESF-100,20,")}


def _run(root: Path, files: dict[str, str]) -> ImportRun:
    run = ImportRun.objects.create(source_kind="csv")
    directory = root / f"run-{run.pk}"
    write_files(directory / "csv", _room(files))
    run.upload_dir = str(directory)
    run.files = sorted(files)
    run.save()
    return run


def _environment(database_url: str, tmp_path: Path) -> dict[str, str]:
    src = Path(__file__).resolve().parents[2] / "src"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.demo",  # production-like SQLite (WAL)
        "DATABASE_URL": database_url,
        "STUFENWEG_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }


@contextmanager
def _sqlite_file(tmp_path: Path):
    """The test database copied into a file that the workers can open; this test's connection
    uses the file meanwhile. Yields (database URL, a context manager that holds the import lock)."""
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    original = connections["default"]
    shared = original.__class__({**original.settings_dict, "NAME": str(path)}, "default")
    connections["default"] = shared

    @contextmanager
    def hold():
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # SQLite's write lock: what a running import holds
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()

    try:
        yield f"sqlite:///{path}", hold
    finally:
        shared.close()
        connections["default"] = original


@contextmanager
def _postgres_database(tmp_path: Path):
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    url = f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT'] or 5432}/{params['NAME']}"

    @contextmanager
    def hold():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK_KEY])  # a running import's
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK_KEY])

    yield url, hold


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out: {what}")
        time.sleep(0.2)


def test_two_imports_at_once_both_succeed_one_after_the_other(client, tmp_path, settings):
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "imports"
    office = OrganisationFactory(code="KOORD", kind=Organisation.Kind.COORDINATION_OFFICE, region=None)
    client.force_login(MembershipFactory(user=UserFactory(), organisation=office).user)
    database = _sqlite_file if connection.vendor == "sqlite" else _postgres_database
    with database(tmp_path) as (url, hold):
        runs = [_run(tmp_path / "imports", files) for files in (BASE, _second_set())]
        env = _environment(url, tmp_path)
        with hold():
            workers = [
                subprocess.Popen(
                    [sys.executable, "-c", WORKER, str(run.pk)],
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                )
                for run in runs
            ]
            try:
                _until(
                    lambda: all(read_progress(run).get("phase") == WAITING for run in runs),
                    "both imports wait for the running one",
                )
                page = client.get(reverse("interchange:run_detail", args=[runs[1].pk])).content.decode()
                assert "wartet auf einen laufenden Import" in page
            except BaseException:
                for worker in workers:
                    worker.kill()
                raise
        outputs = [worker.communicate(timeout=WAIT_SECONDS * 3)[0].decode() for worker in workers]
        assert [worker.returncode for worker in workers] == [0, 0], outputs
        for run in runs:
            run.refresh_from_db()
        assert [run.status for run in runs] == [ImportRun.Status.DONE] * 2, [run.error for run in runs]
        assert [run.counts["events.csv"]["created"] for run in runs] == [13, 13]
        # the master data was written once: by whichever ran first; the other found it unchanged
        created = sorted(run.counts["organisations.csv"]["created"] for run in runs)
        assert created == [0, 5]
        assert Organisation.objects.count() == 1 + 5
        assert JourneyEvent.objects.count() == 26
        assert set(
            Person.objects.filter(person_id__regex=r"^[PQ]\d$").values_list("person_id", flat=True)
        ) == {
            "P1",
            "P2",
            "P3",
            "Q1",
            "Q2",
            "Q3",
        }
        assert not any((tmp_path / "imports").iterdir())  # both uploads removed
