"""A large events.csv is split into partitions by person (temporary files, and on PostgreSQL a
database thread that writes one partition while the next is checked); the result is the same as
with one partition: the same journeys, the same problems."""

import pytest

from stufenweg.interchange import events as events_module
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from tests.interchange.conftest import EVENTS, PERSONS
from tests.interchange.helpers import assert_nothing_written, lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_partitions(monkeypatch):
    """13 events in partitions of about 3: five partitions (some empty), spooled to files."""
    monkeypatch.setattr(events_module, "PARTITION_ROWS", 3)
    counts = []
    original = events_module.Spool.__init__

    def spool(self, partitions):
        original(self, partitions)
        counts.append(self.count)

    monkeypatch.setattr(events_module.Spool, "__init__", spool)
    yield
    assert counts and set(counts) == {5}


def test_journeys_written_across_partitions(dataset, small_partitions):
    result = import_exchange(dataset())
    assert result.problems == []
    assert result.counts["events.csv"] == {"created": 13, "updated": 0, "unchanged": 0}
    states = dict(Participation.objects.values_list("person__person_id", "state"))
    assert states == {"P1": "followed_up", "P2": "in_stage", "P3": "in_stage"}
    assert Enrolment.objects.get(participation__person__person_id="P2").entry_event.event_id == "E9"
    assert JourneyEvent.objects.get(event_id="E9").supersedes.event_id == "E6"
    assert JourneyEvent.objects.get(event_id="E12").supersedes.event_id == "E11"
    # Every event belongs to its person's participation.
    owners = dict(JourneyEvent.objects.values_list("event_id", "participation__person__person_id"))
    assert owners == {
        **dict.fromkeys(["E1", "E2", "E3", "E4", "E14", "E13"], "P1"),
        **dict.fromkeys(["E5", "E6", "E9"], "P2"),
        **dict.fromkeys(["E7", "E8", "E11", "E12"], "P3"),
    }


def test_problems_in_several_partitions_are_all_reported(dataset, small_partitions):
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,").replace(
        ",MA,S3,E6,", ",MA,S3,E99,"
    )
    persons = PERSONS.replace("P3,Olga,Krause,1985-09-30,", "P3,Olga,Krause,2002-01-15,")
    result = import_exchange(dataset(events_csv=events, persons_csv=persons))
    assert lines(result) == [
        "events.csv, Zeile 4, Spalte date: 2022-13-01 ist kein gültiges Datum",
        "events.csv, Zeile 10, Spalte supersedes: Das ersetzte Ereignis E99 gibt es in diesem Verlauf nicht.",
        "events.csv, Zeile 12, Spalte stage: Für „Stufe 2 – QAB“ gilt ein Mindestalter von 25 Jahren bei Eintritt; "
        "die Person ist am 01.07.2022 20 Jahre alt.",
    ]
    assert_nothing_written()


def test_second_import_across_partitions_changes_nothing(dataset, small_partitions):
    path = dataset()
    import_exchange(path)
    second = import_exchange(path)
    assert second.problems == []
    assert second.changed == 0
    assert second.counts["events.csv"] == {"created": 0, "updated": 0, "unchanged": 13}


def test_new_events_for_existing_journeys_across_partitions(dataset, small_partitions):
    import_exchange(dataset())
    more = EVENTS + "E15,P3,JPS,exit,2022-09-30,,,,,,,,,,,,,Abbruch,early_negative,job_seeking,,,,,,,,,\n"
    result = import_exchange(dataset(events_csv=more))
    assert result.problems == []
    assert result.counts["events.csv"] == {"created": 1, "updated": 0, "unchanged": 13}
    enrolment = Enrolment.objects.get(participation__person__person_id="P3")
    assert (enrolment.exit_event.event_id, enrolment.exit_kind) == ("E15", "early_negative")
    assert Enrolment.objects.count() == 3  # P3's enrolment replaced, not added
