"""The pages of the organisations administration and the employer register: who opens them,
what a save does, errors next to the field, the contact person's read audited."""

from __future__ import annotations

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import EmployerProfile, Organisation
from stufenweg.organisations.services import employer_create

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordination_office_lists_and_filters_organisations(world):
    client = _client(world.personas["coordinator"])
    page = client.get("/verwaltung/organisationen/", {"kind": "provider"}).content.decode()
    assert "Träger A" in page and "Träger B" in page and "Jobcenter A" not in page
    page = client.get("/verwaltung/organisationen/", {"region": world.region_b.pk}).content.decode()
    assert "Träger B" in page and "Träger A" not in page


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "dpo"])
def test_others_do_not_open_the_administration(world, persona):
    client = _client(world.personas[persona])
    assert client.get("/verwaltung/organisationen/").status_code == 403
    assert client.get(f"/verwaltung/organisationen/{world.provider_a.pk}/bearbeiten/").status_code == 403


def test_create_an_organisation_and_the_error_next_to_the_field(world):
    client = _client(world.personas["coordinator"])
    response = client.post(
        "/verwaltung/organisationen/neu/",
        {"code": "RB-N", "name": "Regionalbüro Nord", "kind": "regional_office"},
    )
    assert response.status_code == 200
    assert "Für ein Regionalbüro ist die Region Pflicht." in response.content.decode()
    assert not Organisation.objects.filter(code="RB-N").exists()
    response = client.post(
        "/verwaltung/organisationen/neu/",
        {"code": "RB-N", "name": "Regionalbüro Nord", "kind": "regional_office", "region": world.region_a.pk},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(code="RB-N").region == world.region_a


def test_deactivate_through_the_edit_page(world):
    client = _client(world.personas["coordinator"])
    org = world.provider_b
    data = {"code": org.code, "name": org.name, "kind": org.kind, "region": org.region_id}  # active unticked
    assert client.post(f"/verwaltung/organisationen/{org.pk}/bearbeiten/", data).status_code == 302
    org.refresh_from_db()
    assert not org.active
    page = client.get("/verwaltung/organisationen/", {"active": "0"}).content.decode()
    assert "Träger B" in page and "Träger A" not in page


def test_regions_page_and_create(world):
    client = _client(world.personas["coordinator"])
    assert "Region B" in client.get("/verwaltung/organisationen/regionen/").content.decode()
    assert (
        client.post(
            "/verwaltung/organisationen/regionen/neu/", {"code": "RC", "name": "Region C"}
        ).status_code
        == 302
    )


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider", "mentor"])
def test_employer_pages_open_for_those_who_work_with_employers(world, persona):
    client = _client(world.personas[persona])
    assert "Pflegedienst Lichtblicke" in client.get("/arbeitgeber/").content.decode()
    assert client.get(f"/arbeitgeber/{world.employer.pk}/").status_code == 200
    assert client.get("/arbeitgeber/neu/").status_code == 200


@pytest.mark.parametrize("persona", ["jobcenter", "dpo", "outsider"])
def test_employer_pages_are_closed_to_others(world, persona):
    client = _client(world.personas[persona])
    assert client.get("/arbeitgeber/").status_code == 403
    assert client.get(f"/arbeitgeber/{world.employer.pk}/").status_code == 403


def test_a_non_employer_id_is_not_found(world):
    client = _client(world.personas["coordinator"])
    assert client.get(f"/arbeitgeber/{world.provider_a.pk}/").status_code == 404


def test_create_an_employer_on_its_page(world):
    client = _client(world.personas["provider"])
    response = client.post(
        "/arbeitgeber/neu/",
        {"name": "Tischlerei Holzwurm", "sector": "C", "postcode": "0106", "town": "Dresden"},
    )
    assert "Die Postleitzahl hat fünf Ziffern." in response.content.decode()
    assert not Organisation.objects.filter(name="Tischlerei Holzwurm").exists()
    response = client.post(
        "/arbeitgeber/neu/",
        {
            "name": "Tischlerei Holzwurm",
            "sector": "C",
            "postcode": "01069",
            "town": "Dresden",
            "code": "IGNORIERT",
        },
    )
    org = Organisation.objects.get(name="Tischlerei Holzwurm")
    assert response["Location"] == f"/arbeitgeber/{org.pk}/"
    assert org.code == "AG-TISCHLEREI-HOLZWURM"  # the provider sets no code
    assert org.employer_profile.sector == "C"


def test_the_contact_person_is_shown_and_the_read_recorded(world):
    org = employer_create(name="Pflegeheim Sonnenhang", contact_name="Rita Beispiel", by=None)
    client = _client(world.personas["regional"])
    page = client.get(f"/arbeitgeber/{org.pk}/").content.decode()
    assert "Rita Beispiel" in page
    entry = AuditEntry.objects.filter(action="read", object_type="organisations.employerprofile").get()
    assert entry.object_id == str(org.pk) and entry.actor == world.personas["regional"] and entry.purpose
    assert "Beispiel" not in entry.summary


def test_edit_keeps_code_for_non_office_and_changes_details(world):
    org = employer_create(name="Autohaus Mitte", by=None)
    client = _client(world.personas["regional"])
    response = client.post(
        f"/arbeitgeber/{org.pk}/bearbeiten/", {"name": "Autohaus Mitte GmbH", "sector": "G"}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.code, org.active) == ("Autohaus Mitte GmbH", "AG-AUTOHAUS-MITTE", True)
    assert EmployerProfile.objects.get(pk=org.pk).sector == "G"
