"""``stufenweg demo``: the demo in one command.

Creates the data folder (``./data``, or ``STUFENWEG_DATA_DIR``; mode 0700) and the SQLite database
file in it (mode 0600: it holds social data, even if synthetic ones in the demo), applies the
migrations to it, loads the synthetic demo data once (a second start does not load again),
prints the address and one login per persona, and serves on 127.0.0.1 with the background worker
(reports, web imports) as a child process that stops with the server (``worker.supervise``).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from stufenweg.demo import DEFAULT_SEED, demo_loaded, load_demo
from stufenweg.demo.catalogue.common import DEMO_PASSWORD, PERSONAS
from stufenweg.organisations.models import User
from stufenweg.worker.supervise import worker_running


class Command(BaseCommand):
    help = (
        "Startet die Demo: Datenbank anlegen, Demodaten einmalig laden, Anmeldedaten zeigen, Server starten."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port auf 127.0.0.1 (Standard 8000)")
        parser.add_argument("--no-serve", action="store_true", help="nur vorbereiten, keinen Server starten")
        parser.add_argument(
            "--reset", action="store_true", help="Demo-Datenbank löschen und neu aufbauen (nur SQLite)"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Zufallsstartwert der Demodaten")
        parser.add_argument("--scale", type=float, default=1.0, help="Größe der Demodaten (1.0 = voll)")

    def handle(self, *args, port: int, no_serve: bool, reset: bool, seed: int, scale: float, **options):
        data_dir = Path(settings.DATA_DIR)
        private_dir(data_dir)
        if reset:
            self._reset()
        private_sqlite_file(connections["default"].settings_dict)
        self.stdout.write(f"Datenordner: {data_dir}")
        self.stdout.write("Datenbank wird vorbereitet (Migrationen) …")
        call_command("migrate", interactive=False, verbosity=0)
        marker = demo_loaded()
        if marker is not None:
            self.stdout.write(f"Demodaten sind bereits geladen ({marker.summary}); kein erneutes Laden.")
        else:
            self.stdout.write("Demodaten werden geladen (einmalig, etwa eine Minute) …")
            load_demo(seed=seed, scale=scale, out=lambda message: self.stdout.write(message))
        url = f"http://127.0.0.1:{port}/"
        self.stdout.write("")
        self.stdout.write(f"Stufenweg-Demo: {url}")
        self.stdout.write(self.logins())
        if "totp_code" in get_commands():
            self.stdout.write("Zwei-Faktor-Code einer Persona: stufenweg totp_code BENUTZERNAME")
        self.stdout.write("Alle Daten sind synthetisch. Das Passwort gilt nur für diese Demo.")
        if no_serve:
            return
        # one process (no autoreloader), so exactly one worker, stopped with the server
        with worker_running(say=self.stdout.write):
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    def logins(self) -> str:
        existing = set(
            User.objects.filter(username__in=[p[1] for p in PERSONAS]).values_list("username", flat=True)
        )
        rows = [("Persona", "Benutzername", "Passwort", "sieht")]
        rows += [
            (persona, username, DEMO_PASSWORD, sees)
            for persona, username, _first, _last, _org, _role, sees in PERSONAS
            if username in existing
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def _reset(self) -> None:
        database = settings.DATABASES["default"]
        name = str(database.get("NAME", ""))
        if database["ENGINE"] != "django.db.backends.sqlite3" or not name or name.startswith(":memory:"):
            raise CommandError("--reset löscht nur eine SQLite-Datenbankdatei im Datenordner.")
        path = Path(name).resolve()
        if Path(settings.DATA_DIR).resolve() not in path.parents:
            raise CommandError(f"--reset: {path} liegt nicht im Datenordner {settings.DATA_DIR}.")
        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                candidate.unlink()
        self.stdout.write(f"Demo-Datenbank gelöscht: {path.name}")


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def private_dir(path: Path) -> None:
    """``path`` (and missing parents) as a folder only its owner may enter."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    path.chmod(PRIVATE_DIR)  # also an existing folder, whatever the umask


def private_sqlite_file(database: dict) -> None:
    """The SQLite database file created empty with mode 0600 before SQLite creates it (SQLite gives
    its -wal and -shm files the database file's mode); an existing one and its companions get
    0600 too. Other databases and in-memory SQLite: nothing."""
    name = str(database.get("NAME") or "")
    if database.get("ENGINE") != "django.db.backends.sqlite3" or not name or name.startswith(":memory:"):
        return
    path = Path(name)
    if "mode=memory" in name or not path.parent.is_dir():
        return
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.chmod(PRIVATE_FILE)
