"""Helpers for tests of data migrations (run in ``django_db(transaction=True)`` tests, which end
by migrating forward to the latest state again)."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate the test database to ``targets`` ([(app, migration)]) and return the apps of
    that state (historical models)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Migrate the test database forward to the latest state (the end of every such test)."""
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
