from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="WorkerHeartbeat",
            fields=[
                (
                    "worker_id",
                    models.CharField(max_length=64, primary_key=True, serialize=False, verbose_name="Kennung"),
                ),
                ("pid", models.PositiveIntegerField(verbose_name="Prozess")),
                ("started_at", models.DateTimeField(verbose_name="gestartet")),
                ("seen_at", models.DateTimeField(db_index=True, verbose_name="zuletzt gesehen")),
            ],
            options={
                "verbose_name": "Lebenszeichen des Hintergrunddienstes",
                "verbose_name_plural": "Lebenszeichen des Hintergrunddienstes",
            },
        ),
    ]
