"""Importing the same files twice changes nothing the second time; keys decide what is 'the same'."""

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from tests.interchange.conftest import EVENTS, PERSONS
from tests.interchange.helpers import lines

pytestmark = pytest.mark.django_db


def test_second_import_is_a_no_op(dataset):
    path = dataset()
    import_exchange(path)
    audit_rows = AuditEntry.objects.count()
    events = list(JourneyEvent.objects.order_by("id").values())
    second = import_exchange(path)
    assert second.problems == []
    assert second.changed == 0
    assert second.counts["events.csv"] == {"created": 0, "updated": 0, "unchanged": 13}
    assert second.counts["persons.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert list(JourneyEvent.objects.order_by("id").values()) == events
    # Not even an audit row: a no-op import leaves no trace.
    assert AuditEntry.objects.count() == audit_rows


def test_new_events_are_appended_to_existing_journeys(dataset):
    import_exchange(dataset())
    more = EVENTS + "E15,P3,JPS,exit,2022-09-30,,,,,,,,,,,,,Abbruch,early_negative,job_seeking,,,,,,,,,\n"
    result = import_exchange(dataset(events_csv=more))
    assert result.problems == []
    assert result.counts["events.csv"] == {"created": 1, "updated": 0, "unchanged": 13}
    assert JourneyEvent.objects.get(event_id="E15").participation.state == "exited"


def test_existing_event_id_with_other_content_is_a_problem(dataset):
    import_exchange(dataset())
    changed = EVENTS.replace("Arbeitsaufnahme", "Umzug")
    result = import_exchange(dataset(events_csv=changed))
    assert lines(result) == [
        "events.csv, Zeile 5, Spalte event_id: Die Ereignis-ID E4 existiert bereits mit anderem Inhalt; "
        "Korrekturen bitte mit supersedes."
    ]
    assert JourneyEvent.objects.get(event_id="E4").reason == "Arbeitsaufnahme"


def test_an_empty_recorded_at_matches_the_stored_one(dataset):
    import_exchange(dataset())
    without = EVENTS.replace("2022-07-01T08:00:00+02:00", "")
    result = import_exchange(dataset(events_csv=without))
    assert result.problems == []
    assert result.changed == 0


def test_changed_person_is_updated_with_an_audit_row(dataset):
    import_exchange(dataset())
    moved = PERSONS.replace(",BG1,01099", ",BG1,04109")
    result = import_exchange(dataset(persons_csv=moved))
    assert result.problems == []
    assert result.counts["persons.csv"] == {"created": 0, "updated": 1, "unchanged": 2}
    assert Person.objects.get(person_id="P3").postcode == "04109"
    entry = AuditEntry.objects.get(action="import", object_type="people.person", before__isnull=False)
    assert (entry.before, entry.after) == ({"postcode": "01099"}, {"postcode": "04109"})


def test_dry_run_writes_nothing(dataset):
    result = import_exchange(dataset(), dry_run=True)
    assert result.problems == []
    assert not result.written
    assert result.counts["events.csv"]["created"] == 13  # what would be written
    assert JourneyEvent.objects.count() == 0
    assert Person.objects.count() == 0
    assert AuditEntry.objects.count() == 0
