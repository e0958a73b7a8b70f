"""Employers, employer contacts and vacancies over HTTP: who reads and writes (the web's rule,
checked in the services), codes as in the exchange format, a contact's participation only within
scope, reads recorded, bad input refused whole."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.organisations.employer_services import employer_contact_record
from stufenweg.organisations.models import EmployerContact, EmployerProfile, Vacancy
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_employers_are_read_by_those_who_work_with_employers(world, as_persona):
    EmployerProfile.objects.create(
        organisation=world.employer, sector="Q", town="Bautzen", contact_name="Erika"
    )
    body = as_persona("mentor").get("/api/v1/employers/").json()
    assert [row["code"] for row in body["results"]] == ["AG-1"]
    row = body["results"][0]
    assert row == {
        "code": "AG-1",
        "name": "Pflegedienst Lichtblicke",
        "region": "RA",
        "active": True,
        "sector": "Q",
        "postcode": "",
        "town": "Bautzen",
    }  # no contact person
    assert as_persona("regional").get("/api/v1/employers/AG-1/").status_code == 200
    assert as_persona("jobcenter").get("/api/v1/employers/").json()["results"] == []
    assert as_persona("jobcenter").get("/api/v1/employers/AG-1/").status_code == 404


def test_record_a_contact_and_read_it_back(world, journeys, as_persona):
    client = as_persona("regional")
    response = client.post(
        "/api/v1/employer-contacts/",
        {
            "employer": "AG-1",
            "date": "2024-03-01",
            "kind": "visit",
            "topic": "placement",
            "notes": "Vorstellung vereinbart",
            "participation": journeys.participation_a.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["employer"] == "AG-1" and body["organisation"] == "RB-A" and body["programme"] == "JPS"
    assert body["participation"] == journeys.participation_a.pk and body["notes"] == "Vorstellung vereinbart"
    contact = EmployerContact.objects.get()
    # the mentor reads the register but does not see participation A: the id is withheld
    listed = as_persona("mentor").get("/api/v1/employer-contacts/", {"employer": "AG-1"}).json()["results"]
    assert [(row["id"], row["participation"]) for row in listed] == [(contact.pk, None)]
    reads = AuditEntry.objects.filter(
        action="read", object_type="organisations.employercontact", purpose="API"
    )
    assert reads.filter(actor=world.personas["mentor"], object_id=str(contact.pk)).count() == 1
    # the regional office sees it: the person's read is recorded
    as_persona("regional").get(f"/api/v1/employer-contacts/{contact.pk}/")
    assert AuditEntry.objects.filter(
        actor=world.personas["regional"], action="read", person=journeys.person_a, purpose="API"
    ).exists()


def test_contacts_refused_whole(world, journeys, as_persona):
    client = as_persona("regional")
    base = {"employer": "AG-1", "date": "2024-03-01", "kind": "visit", "topic": "acquisition"}
    cases = [
        ({"employer": "AG-NIX"}, "employer"),
        ({"date": "2099-01-01"}, "date"),
        ({"kind": "fax"}, "kind"),
        ({"participation": journeys.participation_b.pk}, "participation"),  # region B: not the writer's
        ({"participation": 999999}, "participation"),
        ({"programme": "NIX"}, "programme"),
    ]
    for change, field in cases:
        response = client.post("/api/v1/employer-contacts/", {**base, **change}, format="json")
        assert response.status_code == 400 and field in response.json(), (change, response.json())
    assert not EmployerContact.objects.exists()
    refused = as_persona("jobcenter").post("/api/v1/employer-contacts/", base, format="json")
    assert refused.status_code == 403 and not EmployerContact.objects.exists()


def test_only_the_recording_organisation_and_the_office_change_a_contact(world, as_persona):
    contact = employer_contact_record(
        employer=world.employer,
        occurred_on=dt.date(2024, 3, 1),
        kind="visit",
        topic="acquisition",
        by=world.personas["regional"],
    )
    url = f"/api/v1/employer-contacts/{contact.pk}/"
    assert as_persona("provider").patch(url, {"kind": "phone"}, format="json").status_code == 403
    assert as_persona("jobcenter").patch(url, {"kind": "phone"}, format="json").status_code in (403, 404)
    response = as_persona("regional").patch(url, {"kind": "phone", "notes": "Rückruf"}, format="json")
    assert response.status_code == 200 and response.json()["kind"] == "phone"
    contact.refresh_from_db()
    assert (contact.kind, contact.topic, contact.notes) == ("phone", "acquisition", "Rückruf")
    office = as_persona("coordinator").put(
        url, {"employer": "AG-1", "date": "2024-03-02", "kind": "email", "topic": "support"}, format="json"
    )
    assert office.status_code == 200 and office.json()["date"] == "2024-03-02"


def test_vacancies_over_http(world, as_persona):
    client = as_persona("provider")
    response = client.post(
        "/api/v1/vacancies/",
        {
            "employer": "AG-1",
            "title": "Pflegehilfskraft",
            "occupation": "82101",
            "hours": "30.0",
            "places": 2,
            "published_on": "2024-03-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["occupation_label"] == "82101 – Altenpflege (Helfer- und Anlerntätigkeiten)"
    assert body["status"] == "open" and body["organisation"] == "BDL-A" and body["hours"] == "30.0"
    bad = client.post(
        "/api/v1/vacancies/", {"employer": "AG-1", "title": "X", "occupation": "99901"}, format="json"
    )
    assert bad.status_code == 400 and "occupation" in bad.json()
    assert Vacancy.objects.count() == 1
    url = f"/api/v1/vacancies/{body['id']}/"
    filled = as_persona("mentor").patch(url, {"status": "filled", "closed_on": "2024-05-02"}, format="json")
    assert filled.status_code == 200 and filled.json()["closed_on"] == "2024-05-02", filled.json()
    assert as_persona("jobcenter").patch(url, {"status": "open"}, format="json").status_code in (403, 404)
    listed = as_persona("regional").get("/api/v1/vacancies/", {"status": "filled"}).json()["results"]
    assert [row["title"] for row in listed] == ["Pflegehilfskraft"]
    assert as_persona("regional").get("/api/v1/vacancies/", {"status": "open"}).json()["results"] == []


def test_a_read_only_key_writes_nothing(world):
    client = client_for(world.personas["regional"], scope="read")
    response = client.post(
        "/api/v1/vacancies/", {"employer": "AG-1", "title": "Koch", "occupation": "29302"}, format="json"
    )
    assert response.status_code == 403 and not Vacancy.objects.exists()


def test_the_schema_names_the_new_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/v1/employers/", "/api/v1/employer-contacts/{id}/", "/api/v1/vacancies/"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/vacancies/"]
    assert "patch" in schema["paths"]["/api/v1/employer-contacts/{id}/"]
