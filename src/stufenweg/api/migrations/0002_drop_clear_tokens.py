"""Remove the old DRF tokens (``rest_framework.authtoken``), which were stored in clear.

They no longer authenticate (the app is no longer installed); dropping their table leaves no
working secret in the database or in later backups. Keys must be issued anew (``Mein Konto`` →
API-Schlüssel, or ``stufenweg api_token``). The app's migration records go too, so that
installing it again would create its table afresh.
"""

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder

OLD_TABLE = "authtoken_token"


def drop_clear_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(OLD_TABLE)}")
    recorded = schema_editor.quote_name(MigrationRecorder.Migration._meta.db_table)
    schema_editor.execute(f"DELETE FROM {recorded} WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(drop_clear_tokens, migrations.RunPython.noop, elidable=True)]
