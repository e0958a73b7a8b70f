"""Events recorded in the web or the API before events carried a region that name neither a region nor
a measure get the region the participation had just before them: the region of the latest
earlier effective event (its own, or else its measure's; ordered by date, recording time, id, as
``rules.effective``), or else the participation's current region — what the services now store
for a new event (``journeys.regions``). Only events whose id the services drew (``sw-…``):
imported events keep what their file said, so an export → import → export round trip stays the
same. Events are appended, never changed, by the application; this one-off repair writes a
column the report reads and changes no state (the region filled in is the one the participation
already had). The reverse is a no-op: the filled regions are right and which were empty is not
recorded. Plain SQL that SQLite and PostgreSQL both run (row by row on SQLite, the result is the
same because an event filled earlier carries the region its own predecessor gave it).
"""

from django.db import migrations

FILL = """
UPDATE journeys_journeyevent SET region_id = COALESCE(
  (SELECT COALESCE(p.region_id, m.region_id)
   FROM journeys_journeyevent p LEFT JOIN programmes_measure m ON m.id = p.measure_id
   WHERE p.participation_id = journeys_journeyevent.participation_id
     AND p.kind <> 'void'
     AND NOT EXISTS (SELECT 1 FROM journeys_journeyevent s WHERE s.supersedes_id = p.id)
     AND COALESCE(p.region_id, m.region_id) IS NOT NULL
     AND (p.occurred_on < journeys_journeyevent.occurred_on
       OR (p.occurred_on = journeys_journeyevent.occurred_on
         AND (p.recorded_at < journeys_journeyevent.recorded_at
           OR (p.recorded_at = journeys_journeyevent.recorded_at AND p.id < journeys_journeyevent.id))))
   ORDER BY p.occurred_on DESC, p.recorded_at DESC, p.id DESC
   LIMIT 1),
  (SELECT pa.region_id FROM journeys_participation pa WHERE pa.id = journeys_journeyevent.participation_id))
WHERE SUBSTR(event_id, 1, 3) = 'sw-' AND region_id IS NULL AND measure_id IS NULL
"""


def fill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("journeys", "0005_enrolment_measure_participation_index"),
        ("programmes", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
