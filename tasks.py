#!/usr/bin/env python3
"""The two commands of the README, runnable with nothing but Python 3.11+.

    python3 tasks.py demo   # create/reuse .venv, migrate, load demo data once, serve on 127.0.0.1:8000
    python3 tasks.py test   # create/reuse .venv, run the test suite (SQLite; DATABASE_URL for PostgreSQL)

Extra arguments after the command are passed on (to ``stufenweg demo`` or to pytest).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("STUFENWEG_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".stufenweg-installed"


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("Stufenweg braucht Python 3.11 oder neuer / Stufenweg needs Python 3.11+.")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if not (BIN / "python").exists():
        print(f"• Virtuelle Umgebung anlegen: {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("• Abhängigkeiten installieren (einmalig) …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(digest)


def run(args: list[str]) -> int:
    return subprocess.call(args, cwd=ROOT)


def demo(extra: list[str]) -> int:
    ensure_venv()
    return run([str(BIN / "stufenweg"), "demo", *extra])


def test(extra: list[str]) -> int:
    ensure_venv()
    args = [str(BIN / "pytest"), "-q", "-n", os.environ.get("STUFENWEG_TEST_WORKERS", "2")]
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        print(
            "• Kein Chromium gefunden: Browser-Tests (Marker 'browser') werden nicht ausgeführt.", flush=True
        )
        args += ["-m", "not browser"]
    return run([*args, *extra])


def main() -> None:
    commands = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))


if __name__ == "__main__":
    main()
