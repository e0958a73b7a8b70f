"""PostgreSQL only: a trigram index so that ``text LIKE '%term%'`` (the list search) does not scan
the whole table. Needs the pg_trgm extension; where the database user may not create it, the
index is skipped (the search still works, with a sequential scan). SQLite: nothing to do."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT casework_trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:  # noqa: BLE001 - no privilege: keep going without the index
                cursor.execute("ROLLBACK TO SAVEPOINT casework_trgm")
                return
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS casework_personsearch_text_trgm "
            "ON casework_personsearch USING gin (text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS casework_personsearch_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
