import django.db.models.deletion
from django.db import migrations, models

# The index of the events' participation column alone goes: ``event_part_date`` (participation,
# occurred_on) serves every lookup by participation. Only the index is dropped (the same statement
# on PostgreSQL and SQLite): Django's own AlterField would re-validate the foreign key on
# PostgreSQL and copy the whole table on SQLite.
INDEX = "journeys_journeyevent_participation_id_c962596b"


class Migration(migrations.Migration):
    dependencies = [
        ("journeys", "0007_event_reason_code"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="journeyevent",
                    name="participation",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="journeys.participation",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    reverse_sql=f"CREATE INDEX {INDEX} ON journeys_journeyevent (participation_id)",
                ),
            ],
        ),
    ]
