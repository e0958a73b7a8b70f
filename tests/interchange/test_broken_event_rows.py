"""A row of events.csv with a problem marks its event_id as broken (as a broken row of any file
marks its key): a later row that corrects or voids it (``supersedes``) is refused with a message
naming the broken row, instead of a follow-on message that the event does not exist, or of being
taken for another event with the same id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.interchange import events as events_module
from stufenweg.interchange.importer import import_exchange
from tests.interchange.conftest import EVENTS
from tests.interchange.helpers import assert_nothing_written, lines

pytestmark = pytest.mark.django_db

# E4 (line 5) is P1's exit; line 15 voids it.
VOID_E4 = "E15,P1,JPS,void,2022-07-05,,,,,E4,,,,,,,,,,,,,,,,,,,\n"
FOLLOWS = "events.csv, Zeile 15, Spalte supersedes: Das ersetzte Ereignis E4 in Zeile 5 hat einen Fehler; bitte zuerst jene Zeile berichtigen."


def test_a_void_of_an_event_whose_row_breaks_a_rule_names_that_row(dataset):
    future = timezone.localdate() + dt.timedelta(days=10)
    events = EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", f"E4,P1,JPS,exit,{future.isoformat()},") + VOID_E4
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == [
        f"events.csv, Zeile 5, Spalte date: Das Datum {future:%d.%m.%Y} liegt in der Zukunft.",
        FOLLOWS,
    ]
    assert_nothing_written()


def test_a_void_of_an_event_whose_row_cannot_be_read_names_that_row(dataset):
    events = EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", "E4,P1,JPS,exit,2022-13-30,") + VOID_E4
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == ["events.csv, Zeile 5, Spalte date: 2022-13-30 ist kein gültiges Datum", FOLLOWS]
    assert_nothing_written()


def test_a_void_of_an_event_of_an_unknown_person_names_that_row(dataset):
    events = EVENTS.replace("E4,P1,JPS,exit,", "E4,P1X,JPS,exit,") + VOID_E4
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == [
        "events.csv, Zeile 5, Spalte person_id: Die Person „P1X“ ist nicht bekannt (weder in persons.csv "
        "noch in der Datenbank).",
        FOLLOWS,
    ]
    assert_nothing_written()


def test_a_void_of_an_event_id_that_occurs_twice_names_the_second_row(dataset):
    # E5 is P2's assessment start (line 8); line 15 uses the id again, line 16 voids „E5“: which?
    events = (
        EVENTS
        + "E5,P2,JPS,exit,2022-09-30,,,,,,,,,,,,,Abbruch,early_negative,job_seeking,,,,,,,,,\n"
        + "E16,P2,JPS,void,2022-10-01,,,,,E5,,,,,,,,,,,,,,,,,,,\n"
    )
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == [
        "events.csv, Zeile 15, Spalte event_id: Die Ereignis-ID E5 kommt mehrfach vor.",
        "events.csv, Zeile 16, Spalte supersedes: Das ersetzte Ereignis E5 in Zeile 15 hat einen Fehler; "
        "bitte zuerst jene Zeile berichtigen.",
    ]
    assert_nothing_written()


def test_a_chain_of_corrections_names_each_broken_row(dataset):
    future = timezone.localdate() + dt.timedelta(days=10)
    events = (
        EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", f"E4,P1,JPS,exit,{future.isoformat()},")
        + "E15,P1,JPS,exit,2022-06-29,,,,,E4,,,,,,,,Arbeitsaufnahme,early_positive,employed_svb,no,,,,,,,,\n"
        + "E16,P1,JPS,void,2022-07-05,,,,,E15,,,,,,,,,,,,,,,,,,,\n"
    )
    result = import_exchange(dataset(events_csv=events))
    assert lines(result)[1:] == [
        FOLLOWS,
        "events.csv, Zeile 16, Spalte supersedes: Das ersetzte Ereignis E15 in Zeile 15 hat einen Fehler; "
        "bitte zuerst jene Zeile berichtigen.",
    ]


def test_the_broken_row_is_named_across_partitions(dataset, monkeypatch):
    """The void (P1) is checked before the broken row's partition (an unknown person P1X): its
    problem waits for the end of the file."""
    monkeypatch.setattr(events_module, "PARTITION_ROWS", 3)
    events = EVENTS.replace("E4,P1,JPS,exit,", "E4,P1X,JPS,exit,") + VOID_E4
    result = import_exchange(dataset(events_csv=events))
    assert lines(result)[1:] == [FOLLOWS]


def test_after_placement_support_of_a_broken_placement_names_its_row(dataset):
    from tests.factories import UserFactory
    from tests.interchange.test_aftercare_exchange import BASE, MENTORSHIPS, P3_PLACEMENT, SUPPORT

    UserFactory(username="mentorin")
    assert lines(import_exchange(dataset(**BASE, mentorships_csv=MENTORSHIPS))) == []
    future = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    placement = P3_PLACEMENT.replace("2022-09-01,2022-09-02T10:00:00+02:00", f"{future},")
    files = {**BASE, "events_csv": BASE["events_csv"] + placement, "after_placement_support_csv": SUPPORT}
    result = import_exchange(dataset(**files))
    assert lines(result)[1:] == [
        "after_placement_support.csv, Zeile 2, Spalte placement: Das Ereignis „E15“ in events.csv, Zeile 15, "
        "hat einen Fehler; bitte zuerst jene Zeile berichtigen."
    ]
    assert lines(result)[0].startswith("events.csv, Zeile 15, Spalte date: ")


SERVICE_HEAD = "person_id,programme,kind,provider,planned_on,referred_on,started_on,ended_on,declined_on\n"


def test_a_broken_journey_leaves_the_other_journeys_to_the_later_files(dataset):
    """P1's exit breaks a rule; P3's journey (checked in the same partition) is valid, so the
    referral of P3 finds P3's participation: no follow-on problem „keine Teilnahme“."""
    future = timezone.localdate() + dt.timedelta(days=10)
    events = EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", f"E4,P1,JPS,exit,{future.isoformat()},")
    services_csv = SERVICE_HEAD + "P3,JPS,bsk,,2022-07-05,,,,\n"
    result = import_exchange(dataset(events_csv=events, services_csv=services_csv))
    assert lines(result) == [
        f"events.csv, Zeile 5, Spalte date: Das Datum {future:%d.%m.%Y} liegt in der Zukunft."
    ]
    assert_nothing_written()


@pytest.mark.parametrize(
    "broken",
    [
        ("E4,P1,JPS,exit,2022-06-30,", "E4,P1,JPS,exit,2022-13-30,"),  # a cell
        ("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-01-01,"),  # a rule: entry before start
    ],
)
def test_a_row_of_a_participation_whose_journey_is_broken_is_not_told_it_has_none(dataset, broken):
    events = EVENTS.replace(*broken)
    services_csv = SERVICE_HEAD + "P1,JPS,bsk,,2022-03-05,,,,\nP9,JPS,bsk,,2022-03-05,,,,\n"
    result = import_exchange(dataset(events_csv=events, services_csv=services_csv))
    problems = lines(result)
    assert len(problems) == 2 and problems[0].startswith("events.csv, Zeile ")
    # P1's participation is not written because of its broken row: its referral waits quietly;
    # a person with no journey at all is still told
    assert (
        problems[1]
        == "services.csv, Zeile 3, Spalte person_id: Die Person „P9“ hat keine Teilnahme im Programm „JPS“."
    )
    assert_nothing_written()
