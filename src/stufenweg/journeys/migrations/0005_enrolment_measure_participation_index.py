from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journeys", "0004_participation_state_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="enrolment",
            index=models.Index(fields=["measure", "participation"], name="enrolment_measure_part"),
        ),
    ]
