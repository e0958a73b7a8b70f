"""The database-level guard of the audit trail (migration ``core.0003_audit_append_only``).

Triggers on PostgreSQL and SQLite refuse every DELETE of ``core_auditentry`` and every UPDATE
except one: the redaction that erasure (GDPR Art. 17, ``privacy.anonymise``) applies to the rows
of a person — ``summary`` set to ``REDACTED``, ``before`` and ``after`` set to NULL, every other
column unchanged. Who acted, when, what and on which record therefore stays provable.

``flush`` (empty the whole database; tests use it) may delete rows: on PostgreSQL TRUNCATE does
not fire row triggers, on SQLite ``audit_maintenance()`` lets the trigger pass (see the ``flush``
command in core). The SQLite trigger calls the function ``stufenweg_audit_maintenance()``, which
only Stufenweg's connections define, so a foreign SQLite client cannot delete rows either.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

REDACTED = "anonymisiert"
_state = threading.local()


def _maintenance_flag() -> int:
    return 1 if getattr(_state, "maintenance", False) else 0


@contextmanager
def audit_maintenance():
    _state.maintenance = True
    try:
        yield
    finally:
        _state.maintenance = False


def register_sqlite_function(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("stufenweg_audit_maintenance", 0, _maintenance_flag)


MESSAGE_DELETE = "Protokolleinträge können nicht gelöscht werden (nur ergänzbar)."
MESSAGE_UPDATE = "Protokolleinträge können nicht geändert werden (nur ergänzbar)."

UNCHANGED = [
    "id",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
]


def _redaction_condition(same: str) -> str:
    parts = ["OLD.person_id IS NOT NULL"]
    parts += [same.format(col=col) for col in UNCHANGED]
    parts += [f"NEW.summary = '{REDACTED}'", 'NEW."before" IS NULL', 'NEW."after" IS NULL']
    return " AND ".join(parts)


POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION core_auditentry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '{MESSAGE_DELETE}' USING ERRCODE = 'restrict_violation';
  END IF;
  IF {_redaction_condition("NEW.{col} IS NOT DISTINCT FROM OLD.{col}")} THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '{MESSAGE_UPDATE}' USING ERRCODE = 'restrict_violation';
END
$$;
DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;
DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
  FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();
CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
  FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();
"""

POSTGRES_REMOVE = """
DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;
DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_guard();
"""

SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    f"""CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
  WHEN NOT ({_redaction_condition("NEW.{col} IS OLD.{col}")})
  BEGIN SELECT RAISE(ABORT, '{MESSAGE_UPDATE}'); END""",
    f"""CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
  WHEN stufenweg_audit_maintenance() = 0
  BEGIN SELECT RAISE(ABORT, '{MESSAGE_DELETE}'); END""",
]

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_INSTALL)
    elif vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)


def remove(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_REMOVE)
    elif vendor == "sqlite":
        for statement in SQLITE_REMOVE:
            schema_editor.execute(statement)
