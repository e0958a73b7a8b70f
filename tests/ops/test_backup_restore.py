"""Backup and restore: dump the database, restore it into a fresh one, compare every table's row
count and a full indicator report, and check that the audit guard came back with it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from stufenweg.casework import services as casework
from stufenweg.core.audit import audit_read
from stufenweg.journeys import services
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _report(url: str, out: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.test"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "stufenweg",
            "report",
            "--programme",
            "JPS",
            "--from",
            "2022-01-01",
            "--to",
            "2022-12-31",
            "--recorded-on",
            "2099-01-01T00:00:00+00:00",
            "--by",
            "gender",
            "--by",
            "age_band",
            "--format",
            "json",
            "--output",
            str(out),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    data = json.loads(out.read_text())
    return data


def _admin(sql: str) -> None:
    with psycopg.connect(_url("postgres").replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database(world, tmp_path):
    # the coordination office: cases enter measures of both regions, and a regional office may
    # record nothing for a case that has moved out of its region
    staff = world.personas["coordinator"]
    for n in range(5):
        person = PersonFactory(last_name=f"Sicherung{n}", birth_date=dt.date(1970 + n * 5, 3, 1))
        part = start_journey(world, person, by=staff)
        measure, stage = (world.measure_a, world.s3) if n < 3 else (world.measure_b, world.s4)
        enter(world, part, measure=measure, stage=stage, on=dt.date(2022, 2, 1 + n), by=staff)
        casework.contact_record(
            participation=part, kind="phone", on=dt.date(2022, 3, 1), notes=f"Notiz {n}", by=staff
        )
        if n % 2:
            services.enrolment_exit(
                participation=part,
                on=dt.date(2022, 6, 30),
                kind="regular",
                statuses=["employed_svb"],
                by=staff,
            )
        audit_read(actor=staff, person=person, purpose="Fallarbeit")

    source = connection.settings_dict["NAME"]
    target = f"{source}_restored"
    _admin(f'DROP DATABASE IF EXISTS "{target}"')
    _admin(f'CREATE DATABASE "{target}"')
    try:
        dump = tmp_path / "backup" / "stufenweg.dump"
        env = {**os.environ, "DATABASE_URL": _url(source)}
        subprocess.run(
            ["bash", str(ROOT / "scripts" / "backup.sh"), str(dump)], env=env, check=True, timeout=300
        )
        assert dump.exists() and Path(f"{dump}.sha256").exists()
        assert oct(dump.stat().st_mode & 0o777) == "0o600"  # the dump holds social data

        env = {**os.environ, "DATABASE_URL": _url(target)}
        subprocess.run(
            ["bash", str(ROOT / "scripts" / "restore.sh"), str(dump)], env=env, check=True, timeout=300
        )

        before, after = _counts(_url(source)), _counts(_url(target))
        assert before == after
        assert before["people_person"] == 5 and before["casework_contact"] == 5
        assert before["core_auditentry"] > 0

        report_a = _report(_url(source), tmp_path / "a.json")
        report_b = _report(_url(target), tmp_path / "b.json")
        assert report_a["rows"] == report_b["rows"]
        assert any(r["value"] for r in report_a["rows"])  # not an empty comparison

        # the append-only guard of the audit trail is restored with the data
        with (
            psycopg.connect(_url(target).replace("postgres://", "postgresql://")) as conn,
            pytest.raises(psycopg.errors.RestrictViolation),
        ):
            conn.execute("UPDATE core_auditentry SET actor_label = 'x'")

        # a second restore into the now non-empty database is refused
        refused = subprocess.run(
            ["bash", str(ROOT / "scripts" / "restore.sh"), str(dump)], env=env, capture_output=True, text=True
        )
        assert refused.returncode == 4 and "nicht leer" in refused.stderr

        # a damaged dump is refused by its checksum
        dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
        damaged = subprocess.run(
            ["bash", str(ROOT / "scripts" / "restore.sh"), str(dump)], env=env, capture_output=True, text=True
        )
        assert damaged.returncode == 3
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{target}"')
