"""The German sort keys of a person's name in the search index (``PersonSearch.last_key`` and
``first_key``, DIN 5007-1 folding of ``casework.search``), so that the participant list can sort
in the database in German order.

Fills the keys of every person with the function that writes them later
(``search.search_values``), in batches by primary key, one upsert per batch (an existing row
gets its keys, its search text stays as it is; a person without a row, created before every write
path kept the index, gets the whole row)."""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def fill_sort_keys(apps, schema_editor):
    from stufenweg.casework.search import search_values

    alias = schema_editor.connection.alias
    PersonSearch = apps.get_model("casework", "PersonSearch")
    Person = apps.get_model("people", "Person")
    persons = Person._base_manager.using(alias).order_by("pk")
    persons = persons.values_list("pk", "last_name", "first_name", "person_id")
    last = 0
    while chunk := list(persons.filter(pk__gt=last)[:BATCH]):
        PersonSearch._base_manager.using(alias).bulk_create(
            [
                PersonSearch(
                    person_id=pk,
                    **search_values(last_name=last_name, first_name=first_name, person_id=person_id),
                )
                for pk, last_name, first_name, person_id in chunk
            ],
            update_conflicts=True,
            unique_fields=["person"],
            update_fields=["last_key", "first_key"],
        )
        last = chunk[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_personsearch_trigram"),
        ("people", "0003_person_target_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="personsearch",
            name="last_key",
            field=models.CharField(default="", max_length=200, verbose_name="Sortierschlüssel Nachname"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="personsearch",
            name="first_key",
            field=models.CharField(default="", max_length=200, verbose_name="Sortierschlüssel Vorname"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="personsearch",
            name="person",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="+",
                related_query_name="search",
                serialize=False,
                to="people.person",
            ),
        ),
        migrations.AddIndex(
            model_name="personsearch",
            index=models.Index(fields=["last_key", "first_key"], name="personsearch_name_key"),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]
