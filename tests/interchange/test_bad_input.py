"""Each kind of bad input is reported with file, row, column, value and message; nothing is written."""

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.interchange.importer import import_exchange
from stufenweg.interchange.problems import Problem
from tests.interchange.conftest import EVENTS, MEASURES, PERSONS
from tests.interchange.helpers import assert_nothing_written, lines

pytestmark = pytest.mark.django_db


def test_unknown_column(dataset):
    persons = PERSONS.replace("household_id,postcode\n", "household_id,postcode,shoe_size\n")
    result = import_exchange(dataset(persons_csv=persons))
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "persons.csv",
        1,
        "shoe_size",
        "shoe_size",
    )
    assert problem.message.startswith(
        "Die Spalte „shoe_size“ ist unbekannt (zulässig: person_id, first_name,"
    )
    assert_nothing_written()


def test_missing_required_column(dataset):
    measures = MEASURES.replace(",places,", ",plätze,")
    result = import_exchange(dataset(measures_csv=measures))
    assert "measures.csv, Zeile 1, Spalte places: Die Pflichtspalte „places“ fehlt." in lines(result)
    assert_nothing_written()


def test_bad_date(dataset):
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,")
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == ["events.csv, Zeile 4, Spalte date: 2022-13-01 ist kein gültiges Datum"]
    assert result.problems[0].value == "2022-13-01"
    assert_nothing_written()


def test_unknown_measure_code(dataset):
    events = EVENTS.replace(
        ",MA,S3,,,,2022-12-31,unemployed,2019-01-01", ",MX,S3,,,,2022-12-31,unemployed,2019-01-01"
    )
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == ["events.csv, Zeile 4, Spalte measure: Die Maßnahme „MX“ ist nicht bekannt."]
    assert_nothing_written()


def test_unknown_event_code(dataset):
    events = EVENTS.replace("E2,P1,JPS,assessment_start,", "E2,P1,JPS,assessment,")
    result = import_exchange(dataset(events_csv=events))
    assert len(result.problems) == 1
    assert result.problems[0].as_list()[:4] == ["events.csv", 3, "event", "assessment"]
    assert result.problems[0].message.startswith(
        "„assessment“ ist kein gültiger Code (zulässig: referral, not_arrived,"
    )
    assert_nothing_written()


def test_unknown_organisation_in_measures(dataset):
    measures = MEASURES.replace(",BDL-A,", ",BDL-Z,")
    result = import_exchange(dataset(measures_csv=measures))
    # The measure cannot be created; events naming it are not reported a second time.
    assert lines(result) == [
        "measures.csv, Zeile 2, Spalte provider: Die Organisation „BDL-Z“ ist nicht bekannt."
    ]
    assert_nothing_written()


def test_duplicate_event_id(dataset):
    events = EVENTS + "E2,P1,JPS,assessment_start,2022-01-10,,,,,,,,,,,,,,,,,,,,,,,,\n"
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == ["events.csv, Zeile 15, Spalte event_id: Die Ereignis-ID E2 kommt mehrfach vor."]
    assert_nothing_written()


def test_duplicate_person_id(dataset):
    persons = PERSONS + "P2,Jens,Müller,1975-01-02,m,DE,no,yes,no,no,no,2,no,no,,01069\n"
    result = import_exchange(dataset(persons_csv=persons))
    assert lines(result) == [
        "persons.csv, Zeile 5, Spalte person_id: Der Schlüssel P2 kommt mehrfach vor (zuerst in Zeile 3)."
    ]
    assert_nothing_written()


def test_exit_before_entry(dataset):
    events = EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", "E4,P1,JPS,exit,2022-01-20,")
    result = import_exchange(dataset(events_csv=events))
    assert result.problems == [
        Problem(
            "events.csv",
            5,
            "date",
            "2022-01-20",
            "„Austritt“ am 20.01.2022 liegt vor dem Eintritt am 01.02.2022.",
        )
    ]
    assert_nothing_written()


def test_event_in_the_future(dataset):
    future = timezone.localdate() + dt.timedelta(days=10)
    events = EVENTS.replace("E13,P1,JPS,follow_up,2022-12-30,", f"E13,P1,JPS,follow_up,{future.isoformat()},")
    result = import_exchange(dataset(events_csv=events))
    assert result.problems == [
        Problem(
            "events.csv",
            7,
            "date",
            future.isoformat(),
            f"Das Datum {future:%d.%m.%Y} liegt in der Zukunft.",
        )
    ]
    assert_nothing_written()


def test_entry_into_a_full_measure(dataset):
    # One place: P1 is in MA from 1 Feb to 30 Jun, so P2's (corrected) entry on 3 Feb finds it full.
    measures = MEASURES.replace(",ESF-100,2,", ",ESF-100,1,")
    result = import_exchange(dataset(measures_csv=measures))
    assert result.problems == [
        Problem(
            "events.csv",
            10,
            "measure",
            "MA",
            "Die Maßnahme MA ist am 03.02.2022 voll belegt (1 von 1 Plätzen).",
        )
    ]
    assert_nothing_written()


def test_second_open_enrolment(dataset):
    events = EVENTS + "E15,P3,JPS,entry,2022-09-01,,,MA,S2,,,,2023-06-30,inactive,,none,,,,,,,,,,,,,\n"
    result = import_exchange(dataset(events_csv=events))
    assert result.problems == [
        Problem(
            "events.csv",
            15,
            "date",
            "2022-09-01",
            "Es besteht bereits eine offene Teilnahme an der Maßnahme MA (Stufe 2 – QAB) seit 01.07.2022; "
            "zuerst Austritt oder Stufenwechsel erfassen.",
        )
    ]
    assert_nothing_written()


def test_supersedes_naming_nothing(dataset):
    events = EVENTS.replace(",MA,S3,E6,", ",MA,S3,E99,")
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == [
        "events.csv, Zeile 10, Spalte supersedes: Das ersetzte Ereignis E99 gibt es in diesem Verlauf nicht."
    ]
    assert_nothing_written()


def test_missing_required_file(dataset):
    result = import_exchange(dataset(events_csv=None))
    assert lines(result) == ["events.csv: Die Pflichtdatei fehlt."]
    assert_nothing_written()


def test_unknown_file(dataset):
    result = import_exchange(dataset(**{"teilnehmer.csv": "a,b\n1,2\n"}))
    assert len(result.problems) == 1
    assert result.problems[0].file == "teilnehmer.csv"
    assert result.problems[0].message.startswith("Die Datei ist im Austauschformat nicht vorgesehen")
    assert_nothing_written()


def test_every_problem_is_reported_at_once(dataset):
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,").replace(
        ",MA,S3,E6,", ",MA,S3,E99,"
    )
    persons = PERSONS.replace("P3,Olga,Krause,1985-09-30,", "P3,Olga,Krause,1985-02-30,")
    result = import_exchange(dataset(events_csv=events, persons_csv=persons))
    assert lines(result) == [
        "persons.csv, Zeile 4, Spalte birth_date: 1985-02-30 ist kein gültiges Datum",
        "events.csv, Zeile 4, Spalte date: 2022-13-01 ist kein gültiges Datum",
        "events.csv, Zeile 10, Spalte supersedes: Das ersetzte Ereignis E99 gibt es in diesem Verlauf nicht.",
    ]
    assert_nothing_written()


def test_regional_office_needs_a_region(dataset):
    from tests.interchange.conftest import ORGANISATIONS

    organisations = ORGANISATIONS.replace(
        "RB-A,Regionalbüro A,regional_office,RA", "RB-A,Regionalbüro A,regional_office,"
    )
    result = import_exchange(dataset(organisations_csv=organisations))
    assert lines(result) == [
        "organisations.csv, Zeile 4, Spalte region: Für ein Regionalbüro ist die Region Pflicht."
    ]
    assert_nothing_written()


def test_stage_rule_is_checked_like_in_the_ui(dataset):
    # Stage 2 has a minimum age of 25; P3 (born 1985-09-30) is 36 on entry – make her 20.
    persons = PERSONS.replace("P3,Olga,Krause,1985-09-30,", "P3,Olga,Krause,2002-01-15,")
    result = import_exchange(dataset(persons_csv=persons))
    assert lines(result) == [
        "events.csv, Zeile 12, Spalte stage: Für „Stufe 2 – QAB“ gilt ein Mindestalter von 25 Jahren bei Eintritt; "
        "die Person ist am 01.07.2022 20 Jahre alt."
    ]
    assert_nothing_written()
