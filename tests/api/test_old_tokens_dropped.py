"""The migration away from ``rest_framework.authtoken`` removes its table of clear tokens, so no
working secret stays in the database (or in the backups made after the upgrade)."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

migration = importlib.import_module("stufenweg.api.migrations.0002_drop_clear_tokens")


@pytest.mark.django_db(transaction=True)
def test_the_old_token_table_and_its_migration_records_are_dropped():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b', 1)")
    MigrationRecorder(connection).record_applied("authtoken", "0001_initial")
    try:
        with connection.schema_editor() as editor:
            migration.drop_clear_tokens(None, editor)
        assert "authtoken_token" not in connection.introspection.table_names()
        assert not MigrationRecorder(connection).migration_qs.filter(app="authtoken").exists()
        with connection.schema_editor() as editor:  # a second run (fresh database) changes nothing
            migration.drop_clear_tokens(None, editor)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS authtoken_token")
        MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()
