"""Read settings from the environment, loudly.

A missing or malformed production setting stops start-up with a message that names the
variable and says what is expected (ARCHITECTURE.md, habit 8).
"""

from __future__ import annotations

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _fail(name: str, expected: str, got: str | None = None) -> ImproperlyConfigured:
    shown = "fehlt" if got is None else f"ist ungültig ({got!r})"
    return ImproperlyConfigured(
        f"Umgebungsvariable {name} {shown}: erwartet wird {expected}. "
        f"/ Environment variable {name} is {'missing' if got is None else 'malformed'}: expected {expected}."
    )


def env_str(name: str, default: str | None = None, *, required: bool = False, min_length: int = 0) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise _fail(name, "ein nicht leerer Wert")
        return default if default is not None else ""
    if len(value) < min_length:
        raise _fail(name, f"mindestens {min_length} Zeichen", got=f"{len(value)} Zeichen")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "ja", "on"}:
        return True
    if lowered in {"0", "false", "no", "nein", "off"}:
        return False
    raise _fail(name, "true/false", got=value)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise _fail(name, "eine ganze Zahl", got=value) from None


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if required:
            raise _fail(name, "eine kommagetrennte Liste")
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name: str = "DATABASE_URL", *, default: str | None = None, required: bool = False) -> dict:
    value = os.environ.get(name) or default
    if not value:
        if required:
            raise _fail(name, "eine Datenbank-URL wie postgres://user:pass@host:5432/db")
        raise _fail(name, "eine Datenbank-URL")
    if not value.startswith(("postgres://", "postgresql://", "sqlite://", "pgsql://")):
        raise _fail(name, "postgres://… oder sqlite:///…", got=value.split("://")[0] + "://…")
    try:
        config = dj_database_url.parse(value, conn_max_age=60)
    except Exception as exc:  # dj_database_url raises several kinds
        raise _fail(name, "eine gültige Datenbank-URL", got=type(exc).__name__) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # timeout: a write waits up to 30 s for SQLite's one write lock (held by an import, say)
        # instead of failing after Python's default 5 s with "database is locked"
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 30,
        }
        config["CONN_MAX_AGE"] = 0
    return config
