"""Every programme without reason codes starts with the default lists (``programmes.reason_codes``);
the defaults are copied here, so that the migration stays as it is when the defaults change."""

from django.db import migrations

EXTENSION = (
    ("ziele_offen", "Ziele noch nicht erreicht (z. B. noch kein Praktikum auf dem ersten Arbeitsmarkt)"),
    ("problemlagen", "multiple Problemlagen"),
    ("gesundheit", "psychische oder gesundheitliche Einschränkungen, Sucht"),
    ("unterbrechung", "Ausgleich einer Unterbrechung (Krankheit, Familie)"),
    ("sonstiges", "Sonstiges"),
)
EXIT = (
    ("arbeit", "Arbeitsaufnahme (Minijob, selbstständig, erwerbstätig)"),
    ("bildung", "weiterführende Maßnahme, schulische oder berufliche Bildung"),
    ("elternzeit", "Elternzeit / Mutterschutz"),
    ("gesundheit", "Krankheit, psychische oder persönliche Hinderungsgründe"),
    ("familie", "Familienzeiten, Pflege von Angehörigen, fehlende Kinderbetreuung"),
    ("mobilitaet", "fehlende Mobilität"),
    ("mitwirkung", "fehlende Mitwirkung, Konflikte"),
    ("reha_rente", "Reha / Rente"),
    ("sonstiges", "Sonstiges"),
)


def seed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    ReasonCode = apps.get_model("programmes", "ReasonCode")
    have = set(ReasonCode.objects.values_list("programme_id", "purpose").distinct())
    ReasonCode.objects.bulk_create(
        ReasonCode(programme_id=pk, purpose=purpose, code=code, label=label, position=position)
        for pk in Programme.objects.values_list("pk", flat=True)
        for purpose, items in (("extension", EXTENSION), ("exit", EXIT))
        if (pk, purpose) not in have
        for position, (code, label) in enumerate(items, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_group_event_code")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
