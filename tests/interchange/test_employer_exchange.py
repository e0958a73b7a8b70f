"""Employers in the exchange format: employer_contacts.csv and vacancies.csv — imported through the
employer services (an employer of the register, dates not in the future, KldB 2010 occupations),
all or nothing, and round-tripped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.organisations import employer_services
from stufenweg.organisations.models import EmployerContact, Organisation, Vacancy
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

CONTACTS = """code,employer,organisation,date,kind,topic,programme,person_id
K1,AG-1,BDL-A,2022-03-01,visit,acquisition,,
K2,AG-1,REGIE,2022-05-10,phone,placement,JPS,P2
"""
VACANCIES = """code,employer,organisation,title,occupation,hours,starts_on,places,status,published_on,closed_on
S1,AG-1,BDL-A,Pflegehelfer/in,82101,30.5,2022-06-01,2,open,2022-03-01,
S2,AG-1,RB-A,Koch/Köchin,29302,,,,filled,2022-02-01,2022-04-15
"""
FILES = {"employer_contacts_csv": CONTACTS, "vacancies_csv": VACANCIES}


def test_the_employer_files_are_imported(dataset):
    result = import_exchange(dataset(**FILES))
    assert lines(result) == []
    assert result.written
    k1, k2 = EmployerContact.objects.get(code="K1"), EmployerContact.objects.get(code="K2")
    assert (k1.employer.code, k1.organisation.code, k1.occurred_on, k1.kind, k1.topic) == (
        "AG-1",
        "BDL-A",  # recorded by the provider, imported by the system
        dt.date(2022, 3, 1),
        "visit",
        "acquisition",
    )
    assert (k1.programme_id, k1.participation_id) == (None, None)
    assert (k2.programme.code, k2.participation.person.person_id) == ("JPS", "P2")
    s1, s2 = Vacancy.objects.get(code="S1"), Vacancy.objects.get(code="S2")
    assert (s1.title, s1.occupation, str(s1.hours), s1.places, s1.status) == (
        "Pflegehelfer/in",
        "82101",
        "30.5",
        2,
        "open",
    )
    assert (s2.places, s2.hours, s2.status, s2.closed_on) == (1, None, "filled", dt.date(2022, 4, 15))
    assert result.counts["employer_contacts.csv"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert result.counts["vacancies.csv"] == {"created": 2, "updated": 0, "unchanged": 0}

    again = import_exchange(dataset(**FILES))
    assert again.counts["employer_contacts.csv"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert again.counts["vacancies.csv"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert EmployerContact.objects.count() == 2

    # a changed row changes the contact / the vacancy (the log of the change in the audit trail)
    changed = import_exchange(
        dataset(
            employer_contacts_csv=CONTACTS.replace("2022-03-01,visit", "2022-03-02,email"),
            vacancies_csv=VACANCIES.replace(",2,open,", ",3,open,"),
        )
    )
    assert lines(changed) == []
    assert changed.counts["employer_contacts.csv"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert changed.counts["vacancies.csv"] == {"created": 0, "updated": 1, "unchanged": 1}
    k1.refresh_from_db()
    assert (k1.occurred_on, k1.kind) == (dt.date(2022, 3, 2), "email")
    assert Vacancy.objects.get(code="S1").places == 3


def test_round_trip_with_contacts_and_vacancies(dataset, tmp_path):
    assert import_exchange(dataset(**FILES)).ok
    regie = Organisation.objects.get(code="REGIE")
    employer = Organisation.objects.get(code="AG-1")
    web_contact = employer_services.employer_contact_record(
        employer=employer,
        organisation=regie,
        occurred_on=dt.date(2022, 7, 1),
        kind="meeting",
        topic="funding",
        notes="Förderung besprochen",
        by=None,
    )
    web_vacancy = employer_services.vacancy_create(
        employer=employer,
        organisation=regie,
        by=None,
        title="Lagerhelfer/in",
        occupation="51311",
        published_on=dt.date(2022, 7, 1),
    )
    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    contacts = (first / "employer_contacts.csv").read_text()
    assert contacts.splitlines() == [
        "code,employer,organisation,date,kind,topic,programme,person_id",
        f"AK-{web_contact.pk},AG-1,REGIE,2022-07-01,meeting,funding,,",
        "K1,AG-1,BDL-A,2022-03-01,visit,acquisition,,",
        "K2,AG-1,REGIE,2022-05-10,phone,placement,JPS,P2",
    ]
    assert "Förderung" not in contacts  # notes are not exchanged
    vacancies = (first / "vacancies.csv").read_text()
    assert "S1,AG-1,BDL-A,Pflegehelfer/in,82101,30.5,2022-06-01,2,open,2022-03-01," in vacancies
    assert f"ST-{web_vacancy.pk},AG-1,REGIE,Lagerhelfer/in,51311,,,1,open,2022-07-01," in vacancies

    # the export names the web ones by AK-/ST-<id>: re-imported into the same database they are those
    same = import_exchange(first)
    assert lines(same) == []
    assert same.counts["employer_contacts.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert same.counts["vacancies.csv"] == {"created": 0, "updated": 0, "unchanged": 3}

    flush_domain_tables()
    assert EmployerContact.objects.count() == 0
    result = import_exchange(first)
    assert lines(result) == []
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)


def test_every_problem_is_named_and_nothing_is_written(dataset):
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    contacts = CONTACTS + (
        "K3,BDL-A,REGIE,2022-03-01,visit,acquisition,,\n"  # not an employer
        "K4,AG-1,JC-A,2022-03-01,visit,acquisition,,\n"  # the Jobcenter records no contacts
        f"K5,AG-1,REGIE,{future},visit,acquisition,,\n"
        "K6,AG-1,REGIE,2022-03-01,visit,acquisition,,P1\n"  # a person without programme
        "K7,AG-1,REGIE,2022-03-01,fax,acquisition,,\n"
        "K1,AG-1,REGIE,2022-03-01,visit,acquisition,,\n"
    )
    vacancies = VACANCIES + (
        "S3,AG-1,BDL-A,Helfer/in,99901,,,,open,2022-03-01,\n"  # group 999 is not in the KldB
        "S4,AG-1,BDL-A,Helfer/in,2930,,,,open,2022-03-01,\n"  # four digits
        "S5,AG-1,BDL-A,Helfer/in,29305,,,,open,2022-03-01,\n"  # level 5
        "S6,AG-1,BDL-A,Helfer/in,29301,,,,open,2022-03-01,2022-04-01\n"  # open with a closing day
        "S7,AG-9,BDL-A,Helfer/in,29301,,,,open,2022-03-01,\n"
    )
    result = import_exchange(dataset(employer_contacts_csv=contacts, vacancies_csv=vacancies))
    assert lines(result) == [
        "employer_contacts.csv, Zeile 4, Spalte employer: Die Organisation „BDL-A“ ist kein Arbeitgeber "
        "(Art „employer“).",
        "employer_contacts.csv, Zeile 5, Spalte organisation: Die Organisation „JC-A“ erfasst keine "
        "Arbeitgeberkontakte oder Stellen (Regiestelle, Regionalbüro, Träger oder Mentorenprojekt).",
        "employer_contacts.csv, Zeile 6, Spalte date: Das Datum liegt in der Zukunft.",
        "employer_contacts.csv, Zeile 7, Spalte programme: Zur Person bitte das Programm ihrer Teilnahme "
        "angeben.",
        "employer_contacts.csv, Zeile 8, Spalte kind: „fax“ ist kein gültiger Code (zulässig: visit, phone, "
        "email, meeting, event, other)",
        "employer_contacts.csv, Zeile 9, Spalte code: Der Schlüssel K1 kommt mehrfach vor (zuerst in Zeile 2).",
        "vacancies.csv, Zeile 4, Spalte occupation: 999 ist keine Berufsgruppe der KldB 2010.",
        "vacancies.csv, Zeile 5, Spalte occupation: Der Beruf ist ein fünfstelliger Schlüssel der KldB 2010 "
        "(z. B. 29302).",
        "vacancies.csv, Zeile 6, Spalte occupation: Die fünfte Stelle (Anforderungsniveau) ist 1, 2, 3 oder 4.",
        "vacancies.csv, Zeile 7, Spalte closed_on: Eine offene Stelle hat kein Datum „besetzt oder "
        "zurückgezogen“.",
        "vacancies.csv, Zeile 8, Spalte employer: Die Organisation „AG-9“ ist nicht bekannt.",
    ]
    assert not result.written
    assert_nothing_written()
    assert EmployerContact.objects.count() == 0
    assert Vacancy.objects.count() == 0


def test_a_person_without_a_participation_in_the_programme_is_a_problem(dataset):
    contacts = CONTACTS + "K3,AG-1,REGIE,2022-03-01,visit,placement,JPS,P9\n"
    result = import_exchange(dataset(employer_contacts_csv=contacts))
    assert lines(result) == [
        "employer_contacts.csv, Zeile 4, Spalte person_id: Die Person „P9“ hat keine Teilnahme im Programm "
        "„JPS“."
    ]
    assert_nothing_written()


def test_employer_and_recording_organisation_of_a_contact_stay(dataset):
    assert import_exchange(dataset(**FILES)).ok
    result = import_exchange(dataset(employer_contacts_csv=CONTACTS.replace("K1,AG-1,BDL-A", "K1,AG-1,RB-A")))
    assert lines(result) == [
        "employer_contacts.csv, Zeile 2, Spalte organisation: Arbeitgeber und erfassende Stelle eines "
        "Kontakts bleiben; in Stufenweg: AG-1, BDL-A."
    ]
    assert EmployerContact.objects.get(code="K1").organisation.code == "BDL-A"


def test_employer_and_recording_organisation_of_a_vacancy_stay(dataset):
    assert import_exchange(dataset(**FILES)).ok
    moved = VACANCIES.replace("S1,AG-1,BDL-A", "S1,AG-1,RB-A").replace("Koch/Köchin", "Koch")
    result = import_exchange(dataset(employer_contacts_csv=CONTACTS, vacancies_csv=moved))
    assert lines(result) == [
        "vacancies.csv, Zeile 2, Spalte organisation: Arbeitgeber und erfassende Stelle einer "
        "Stelle bleiben; in Stufenweg: AG-1, BDL-A."
    ]
    assert Vacancy.objects.get(code="S1").organisation.code == "BDL-A"
    assert Vacancy.objects.get(code="S2").title == "Koch/Köchin"  # the other row's change: not written


def test_problems_in_english(dataset):
    vacancies = VACANCIES + "S3,AG-1,BDL-A,Helfer/in,99901,,,,open,2022-03-01,\n"
    with translation.override("en"):
        result = import_exchange(dataset(vacancies_csv=vacancies))
    assert len(result.problems) == 1
    assert "KldB" in lines(result)[0] and "Berufsgruppe" not in lines(result)[0]
