"""person_update: saves only what changed, audits field names without values, checks the writer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from stufenweg.core.models import AuditEntry
from stufenweg.people.models import Person
from stufenweg.people.services import person_update


def test_changes_are_saved_and_audited_by_field_name_only(world, participation):
    person = participation.person
    changed = person_update(
        person=person,
        by=world.personas["provider"],
        disability="yes",
        isced=3,
        single_parent=True,
        email="anna.schmidt@example.org",
        phone="+49 351 123456",
    )
    assert sorted(changed) == ["disability", "email", "isced", "phone", "single_parent"]
    person = Person.objects.get(pk=person.pk)
    assert (person.disability, person.isced, person.single_parent) == ("yes", 3, True)
    assert person.email == "anna.schmidt@example.org"
    entry = AuditEntry.objects.filter(object_type="people.person", action=AuditEntry.Action.UPDATE).latest(
        "id"
    )
    assert entry.actor_id == world.personas["provider"].pk
    assert entry.after == {"changed": ["disability", "email", "isced", "phone", "single_parent"]}
    assert "example.org" not in entry.summary and "123456" not in entry.summary


def test_nothing_changed_writes_no_audit_row(world, participation):
    person = participation.person
    before = AuditEntry.objects.count()
    assert person_update(person=person, by=world.personas["regional"], last_name=person.last_name) == []
    assert AuditEntry.objects.count() == before


def test_contact_data_is_encrypted_in_the_database(world, participation):
    person = participation.person
    person_update(
        person=person,
        by=world.personas["coordinator"],
        email="a.s@example.org",
        street="Lindenweg 3",
        town="Bautzen",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, street, town FROM people_person WHERE id = %s", [person.pk])
        raw = cursor.fetchone()
    assert all(value.startswith("enc1:") for value in raw)
    assert "Lindenweg" not in " ".join(raw)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nationality", "Deutschland"),
        ("email", "keine-adresse"),
        ("phone", "ruf mich an"),
        ("postcode", "<b>"),
        ("gender", "q"),
        ("disability", "vielleicht"),
        ("isced", 9),
    ],
)
def test_bad_values_are_refused_on_their_field_and_nothing_is_written(world, participation, field, value):
    person = participation.person
    with pytest.raises(ValidationError) as caught:
        person_update(person=person, by=world.personas["regional"], last_name="Neu", **{field: value})
    assert field in caught.value.message_dict
    assert Person.objects.get(pk=person.pk).last_name == "Schmidt"


def test_nationality_is_normalised(world, participation):
    person = participation.person
    person_update(person=person, by=world.personas["regional"], nationality="pl")
    assert Person.objects.get(pk=person.pk).nationality == "PL"
    person_update(person=person, by=world.personas["regional"], nationality="Stateless")
    assert Person.objects.get(pk=person.pk).nationality == "stateless"


@pytest.mark.parametrize("who", ["outsider", "dpo", "read_only", "provider_b_user"])
def test_users_without_a_writing_membership_that_sees_the_person_are_refused(
    world, participation, who, request
):
    user = world.personas.get(who) or request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        person_update(person=participation.person, by=user, birth_date=dt.date(1985, 3, 5))
    assert Person.objects.get(pk=participation.person.pk).birth_date == dt.date(1985, 3, 4)


@pytest.mark.parametrize("who", ["coordinator", "regional", "provider", "jobcenter"])
def test_writing_organisations_that_see_the_participation_may_edit(world, participation, who):
    person_update(person=participation.person, by=world.personas[who], town="Görlitz")
    assert Person.objects.get(pk=participation.person.pk).town == "Görlitz"


def test_unknown_fields_are_a_programming_error(world, participation):
    with pytest.raises(TypeError):
        person_update(person=participation.person, by=None, person_id="X-1")
