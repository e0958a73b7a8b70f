"""Mentoring in the exchange format: mentorships.csv and mentoring_log.csv — imported through
mentoring.import_services (a mentoring project that accompanies the participation, dates within
the mentorship), repeated entries kept, the log's employer contact linked to employer_contacts.csv,
all or nothing, and round-tripped."""

from __future__ import annotations

import pytest

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.mentoring.models import MentoringEntry, Mentorship
from stufenweg.organisations.models import EmployerContact
from tests.factories import UserFactory
from tests.interchange.conftest import EVENTS, MEASURES, ORGANISATIONS
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

# P3 enters the measure MM of the mentoring project AMM
BASE = {
    "organisations_csv": ORGANISATIONS + "AMM,Mentorenprojekt,mentoring_project,RA\n",
    "measures_csv": MEASURES + "MM,Mentoring,JPS,S2|S3,AMM,RA,,2,2020-01-01,,yes\n",
    "events_csv": EVENTS.replace(",,MA,S2,,,,2023-06-30,", ",,MM,S2,,,,2023-06-30,"),
}
MENTORSHIPS = """person_id,programme,organisation,mentor,started_on,ended_on
P3,JPS,AMM,mentorin,2022-07-04,
"""
LOG = """person_id,programme,organisation,mentor,mentorship_start,date,kind,topic,employer_contact
P3,JPS,AMM,mentorin,2022-07-04,2022-07-10,phone,Bewerbung,
P3,JPS,AMM,mentorin,2022-07-04,2022-07-10,phone,Bewerbung,
P3,JPS,AMM,mentorin,2022-07-04,2022-08-01,employer,Praktikum,K3
"""
CONTACTS = """code,employer,organisation,date,kind,topic,programme,person_id
K3,AG-1,AMM,2022-08-01,other,placement,JPS,P3
"""
FILES = {**BASE, "mentorships_csv": MENTORSHIPS, "mentoring_log_csv": LOG, "employer_contacts_csv": CONTACTS}


@pytest.fixture(autouse=True)
def mentor(db):
    return UserFactory(username="mentorin")


def test_mentoring_is_imported_and_round_trips(dataset, tmp_path, mentor):
    result = import_exchange(dataset(**FILES))
    assert lines(result) == []
    mentorship = Mentorship.objects.get()
    assert (mentorship.participation.person.person_id, mentorship.organisation.code, mentorship.mentor) == (
        "P3",
        "AMM",
        mentor,
    )
    entries = list(MentoringEntry.objects.order_by("occurred_on", "id"))
    assert [(e.kind, e.topic) for e in entries] == [
        ("phone", "Bewerbung"),
        ("phone", "Bewerbung"),  # the same call twice: two entries
        ("employer", "Praktikum"),
    ]
    assert entries[2].employer_contact == EmployerContact.objects.get(code="K3")
    assert EmployerContact.objects.count() == 1  # linked, not recorded twice
    assert result.counts["mentoring_log.csv"] == {"created": 3, "updated": 0, "unchanged": 0}

    again = import_exchange(dataset(**FILES))
    assert lines(again) == []
    assert again.counts["mentorships.csv"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert again.counts["mentoring_log.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
    ended = import_exchange(
        dataset(**{**FILES, "mentorships_csv": MENTORSHIPS.replace("07-04,\n", "07-04,2022-12-31\n")})
    )
    assert ended.counts["mentorships.csv"] == {"created": 0, "updated": 1, "unchanged": 0}

    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    assert (first / "mentorships.csv").read_text().splitlines() == [
        "person_id,programme,organisation,mentor,started_on,ended_on",
        "P3,JPS,AMM,mentorin,2022-07-04,2022-12-31",
    ]
    assert (first / "mentoring_log.csv").read_text().splitlines()[1:] == LOG.splitlines()[1:]
    flush_domain_tables()
    assert Mentorship.objects.count() == 0
    assert lines(import_exchange(first)) == []
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)


def test_problems_are_named_and_nothing_is_written(dataset):
    mentorships = MENTORSHIPS + (
        "P1,JPS,AMM,mentorin,2022-02-01,\n"  # P1 is not in a measure of the project
        "P3,JPS,AMM,niemand,2022-07-04,\n"
        "P3,JPS,BDL-A,mentorin,2022-07-04,\n"
    )
    log = LOG + (
        "P3,JPS,AMM,mentorin,2022-07-04,2022-07-01,phone,vorher,\n"  # before the mentorship
        "P3,JPS,AMM,mentorin,2022-07-04,2022-07-12,employer,ohne,\n"  # no contact named
        "P3,JPS,AMM,mentorin,2021-01-01,2022-07-12,phone,x,\n"
    )
    result = import_exchange(dataset(**{**FILES, "mentorships_csv": mentorships, "mentoring_log_csv": log}))
    assert lines(result) == [
        "mentorships.csv, Zeile 3, Spalte organisation: Dieses Mentorenprojekt begleitet diese Teilnahme "
        "nicht (keine Maßnahme des Projekts).",
        "mentorships.csv, Zeile 4, Spalte mentor: Es gibt kein Benutzerkonto „niemand“; bitte die Mentorin "
        "oder den Mentor zuerst anlegen.",
        "mentorships.csv, Zeile 5, Spalte organisation: „BDL-A“ ist kein bekanntes Mentorenprojekt.",
        "mentoring_log.csv, Zeile 5, Spalte date: Das Datum liegt außerhalb des Mentorings.",
        "mentoring_log.csv, Zeile 6, Spalte employer_contact: Ein Arbeitgeberkontakt nennt seinen Kontakt "
        "aus employer_contacts.csv.",
        "mentoring_log.csv, Zeile 7, Spalte mentorship_start: Dieses Mentoring gibt es weder in "
        "mentorships.csv noch in Stufenweg.",
    ]
    assert_nothing_written()
    assert Mentorship.objects.count() == 0 and MentoringEntry.objects.count() == 0
