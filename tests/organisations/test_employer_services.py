"""The employer register's services: details encrypted where personal, audited without them,
codes made from the name, duplicates refused, authority in the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import EmployerProfile, Membership, Organisation
from stufenweg.organisations.services import employer_code_for, employer_create, employer_update
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Erika Beispiel",
    "contact_phone": "030 23125 001",
    "contact_email": "e.beispiel@firma.example",
}


def test_create_with_details_encrypts_the_contact_person(world):
    by = world.personas["regional"]
    org = employer_create(
        name="Bäckerei Morgenrot", sector="C", postcode="02625", town="Bautzen", by=by, **CONTACT
    )
    assert org.kind == Organisation.Kind.EMPLOYER and org.active
    assert org.code == "AG-BACKEREI-MORGENROT"
    profile = EmployerProfile.objects.get(organisation=org)
    assert profile.contact_name == "Erika Beispiel" and profile.sector == "C"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT contact_name, contact_phone, contact_email, town FROM {EmployerProfile._meta.db_table} "  # noqa: S608
            "WHERE organisation_id = %s",
            [org.pk],
        )
        name, phone, email, town = cursor.fetchone()
    assert all(v.startswith("enc1:") for v in (name, phone, email))
    assert town == "Bautzen"


def test_the_audit_row_holds_no_contact_data(world):
    org = employer_create(name="Spedition Nord", by=world.personas["provider"], **CONTACT)
    entry = AuditEntry.objects.get(object_type="organisations.organisation", object_id=str(org.pk))
    text = str(entry.after)
    assert entry.actor == world.personas["provider"]
    assert "Beispiel" not in text and "23125" not in text and "firma.example" not in text
    assert entry.after["contact_name"] == "(verschlüsselt)"


def test_update_audits_that_the_contact_changed_not_to_what(world):
    by = world.personas["regional"]
    org = employer_create(name="Spedition Süd", by=by, **CONTACT)
    employer_update(employer=org, by=by, name="Spedition Süd", contact_name="Max Muster")
    entry = AuditEntry.objects.filter(action="update", object_id=str(org.pk)).get()
    assert entry.after["contact_name"] == "(verschlüsselt, geändert)"
    assert entry.after["contact_phone"] == "(gelöscht)"
    assert "Muster" not in str(entry.after) and "Beispiel" not in str(entry.before)
    assert EmployerProfile.objects.get(pk=org.pk).contact_name == "Max Muster"


def test_an_unchanged_save_writes_no_audit_row(world):
    by = world.personas["regional"]
    org = employer_create(name="Gärtnerei Grün", by=by, town="Zittau")
    employer_update(employer=org, by=by, name="Gärtnerei Grün", town="Zittau")
    assert not AuditEntry.objects.filter(action="update", object_id=str(org.pk)).exists()


def test_codes_are_made_from_the_name_and_kept_unique(world):
    assert employer_code_for("Müller & Söhne GmbH") == "AG-MULLER-SOHNE-GMBH"
    employer_create(name="Müller & Söhne GmbH", town="Leipzig", by=None)
    assert employer_code_for("Müller & Söhne GmbH") == "AG-MULLER-SOHNE-GMBH-2"
    second = employer_create(name="Müller & Söhne GmbH", town="Dresden", by=None)
    assert second.code == "AG-MULLER-SOHNE-GMBH-2"


def test_the_same_name_in_the_same_town_is_refused(world):
    employer_create(name="Hotel Elbblick", town="Pirna", by=None)
    with pytest.raises(ValidationError) as exc:
        employer_create(name="hotel elbblick", town="pirna", by=None)
    assert "gibt es schon" in exc.value.message_dict["name"][0]
    assert Organisation.objects.filter(name__iexact="Hotel Elbblick").count() == 1


def test_bad_postcode_and_email_are_refused_with_nothing_written(world):
    count = Organisation.objects.count()
    with pytest.raises(ValidationError) as exc:
        employer_create(name="Firma X", postcode="123", by=None)
    assert "fünf Ziffern" in str(exc.value.message_dict["postcode"])
    with pytest.raises(ValidationError) as exc:
        employer_create(name="Firma X", contact_email="kein-at", by=None)
    assert "E-Mail" in str(exc.value.message_dict["contact_email"])
    assert Organisation.objects.count() == count
    assert not EmployerProfile.objects.exists()


@pytest.mark.parametrize("persona", ["jobcenter", "outsider", "dpo"])
def test_who_works_without_employers_may_not_create_one(world, persona):
    with pytest.raises(PermissionDenied):
        employer_create(name="Firma Y", by=world.personas[persona])
    assert not Organisation.objects.filter(name="Firma Y").exists()


def test_a_read_only_member_may_not_create_one(world):
    reader = MembershipFactory(
        user=UserFactory(username="leser"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user
    with pytest.raises(PermissionDenied):
        employer_create(name="Firma Z", by=reader)


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider", "mentor"])
def test_delivering_writers_create_employers(world, persona):
    org = employer_create(name=f"Firma {persona}", by=world.personas[persona])
    assert org.pk


def test_code_region_and_status_are_the_coordination_offices(world):
    org = employer_create(name="Zentrallager", by=None)
    regional = world.personas["regional"]
    for extra in ({"code": "AG-ANDERS"}, {"region": world.region_b}, {"active": False}):
        with pytest.raises(PermissionDenied):
            employer_update(employer=org, by=regional, name="Zentrallager", **extra)
    org.refresh_from_db()
    assert (org.code, org.region_id, org.active) == ("AG-ZENTRALLAGER", None, True)
    employer_update(
        employer=org,
        by=world.personas["coordinator"],
        name="Zentrallager",
        code="AG-ZL",
        region=world.region_b,
        active=False,
    )
    org.refresh_from_db()
    assert (org.code, org.region_id, org.active) == ("AG-ZL", world.region_b.pk, False)


def test_update_refuses_a_non_employer(world):
    with pytest.raises(Organisation.DoesNotExist):
        employer_update(employer=world.provider_a, by=None, name="Träger")
