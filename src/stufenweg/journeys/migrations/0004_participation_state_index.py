from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journeys", "0003_hours_not_negative"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(fields=["state"], name="participation_state"),
        ),
    ]
