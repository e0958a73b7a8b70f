"""The demo's data folder is mode 0700 and its SQLite database file mode 0600 (with its -wal and
-shm files, which SQLite creates with the database file's mode), whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from stufenweg.core.management.commands.demo import private_dir, private_sqlite_file

SQLITE = "django.db.backends.sqlite3"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_demo_creates_a_private_folder_and_database_file(tmp_path):
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["STUFENWEG_DATA_DIR"] = str(data)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.umask(0o022); from stufenweg.cli import main; main()",
            "demo",
            "--no-serve",
            "--scale",
            "0.01",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert _mode(data) == 0o700
    database = data / "stufenweg.sqlite3"
    assert database.stat().st_size > 0  # the demo's data are in it
    assert _mode(database) == 0o600


def test_existing_folder_and_file_are_made_private_and_the_wal_follows(tmp_path):
    old = os.umask(0o022)
    try:
        data = tmp_path / "data"
        data.mkdir(mode=0o755)
        private_dir(data)
        assert _mode(data) == 0o700
        fresh = data / "fresh.sqlite3"
        private_sqlite_file({"ENGINE": SQLITE, "NAME": str(fresh)})
        assert _mode(fresh) == 0o600
        db = sqlite3.connect(fresh)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (x)")
        db.execute("INSERT INTO t VALUES (1)")
        db.commit()
        assert _mode(data / "fresh.sqlite3-wal") == 0o600
        assert _mode(data / "fresh.sqlite3-shm") == 0o600
        db.close()

        existing = data / "old.sqlite3"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        private_sqlite_file({"ENGINE": SQLITE, "NAME": str(existing)})
        assert _mode(existing) == 0o600
    finally:
        os.umask(old)


def test_other_databases_are_left_alone(tmp_path):
    private_sqlite_file({"ENGINE": SQLITE, "NAME": ":memory:"})
    private_sqlite_file({"ENGINE": SQLITE, "NAME": "file:memorydb_default?mode=memory&cache=shared"})
    private_sqlite_file({"ENGINE": "django.db.backends.postgresql", "NAME": str(tmp_path / "x")})
    assert list(tmp_path.iterdir()) == []
