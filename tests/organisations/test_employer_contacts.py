"""The employer contact history and vacancies: who records and changes them (checked in the
services), notes encrypted and kept out of the audit trail, a named participation only when the
writer may act on it, KldB 2010 codes checked, nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from stufenweg.core.models import AuditEntry
from stufenweg.organisations import kldb
from stufenweg.organisations.employer_services import (
    employer_contact_record,
    employer_contact_update,
    vacancy_create,
    vacancy_update,
)
from stufenweg.organisations.models import EmployerContact, Membership, Vacancy
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 1)


def _contact(world, by, **kwargs):
    values = {"employer": world.employer, "occurred_on": DAY, "kind": "visit", "topic": "acquisition"}
    return employer_contact_record(**{**values, **kwargs}, by=by)


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider", "mentor"])
def test_those_who_work_with_employers_record_contacts(world, persona):
    by = world.personas[persona]
    contact = _contact(world, by, notes="Frau Beispiel sucht zwei Pflegehelferinnen")
    assert contact.staff == by
    assert contact.organisation.memberships.filter(user=by).exists()
    entry = AuditEntry.objects.get(object_type="organisations.employercontact", object_id=str(contact.pk))
    assert entry.action == "create" and entry.after["notes"] == "(verschlüsselt)"
    assert "Beispiel" not in str(entry.after)


@pytest.mark.parametrize("persona", ["jobcenter", "dpo", "outsider"])
def test_others_record_no_contacts(world, persona):
    with pytest.raises(PermissionDenied):
        _contact(world, world.personas[persona])
    assert not EmployerContact.objects.exists()


def test_read_only_members_record_nothing(world):
    reader = MembershipFactory(
        user=UserFactory(username="lesend_a"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user
    with pytest.raises(PermissionDenied):
        _contact(world, reader)
    with pytest.raises(PermissionDenied):
        vacancy_create(employer=world.employer, title="Koch", occupation="29302", by=reader)


def test_notes_are_stored_encrypted(world):
    contact = _contact(world, world.personas["regional"], notes="Herr Muster, Tel. 0351 1234")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT notes FROM {EmployerContact._meta.db_table} WHERE id = %s",  # noqa: S608
            [contact.pk],
        )
        (raw,) = cursor.fetchone()
    assert raw.startswith("enc1:") and "Muster" not in raw
    assert EmployerContact.objects.get(pk=contact.pk).notes == "Herr Muster, Tel. 0351 1234"


def test_a_date_in_the_future_and_a_non_employer_are_refused(world):
    with pytest.raises(ValidationError) as exc:
        _contact(world, world.personas["regional"], occurred_on=dt.date.today() + dt.timedelta(days=1))
    assert "Zukunft" in str(exc.value.message_dict["occurred_on"])
    with pytest.raises(ValidationError) as exc:
        _contact(world, world.personas["regional"], employer=world.provider_a)
    assert "employer" in exc.value.message_dict
    assert not EmployerContact.objects.exists()


def test_the_participation_must_be_one_the_writer_acts_on(world):
    visible = start_journey(world, PersonFactory(), region=world.region_a)
    hidden = start_journey(world, PersonFactory(), region=world.region_b, referrer=world.jobcenter_b)
    by = world.personas["regional"]
    contact = _contact(world, by, participation=visible, topic="placement")
    assert contact.programme == world.programme  # taken from the participation
    with pytest.raises(ValidationError) as exc:
        _contact(world, by, participation=hidden)
    assert "participation" in exc.value.message_dict
    assert EmployerContact.objects.count() == 1
    entry = AuditEntry.objects.get(object_type="organisations.employercontact", action="create")
    assert entry.after["participation_id"] == visible.pk and entry.person_id is None


def test_only_the_recording_organisation_and_the_office_change_a_contact(world):
    contact = _contact(world, world.personas["regional"], notes="alt")
    with pytest.raises(PermissionDenied):
        employer_contact_update(
            contact=contact, occurred_on=DAY, kind="phone", topic="support", by=world.personas["provider"]
        )
    updated = employer_contact_update(
        contact=contact,
        occurred_on=DAY,
        kind="phone",
        topic="support",
        notes="neu",
        by=world.personas["coordinator"],
    )
    assert updated.kind == "phone" and updated.notes == "neu"
    entry = AuditEntry.objects.get(object_type="organisations.employercontact", action="update")
    assert entry.before["kind"] == "visit" and entry.after["kind"] == "phone"
    assert entry.after["notes"] == "(verschlüsselt, geändert)" and "neu" not in str(entry.after)


def test_a_user_of_two_organisations_chooses_where_it_records(world):
    by = world.personas["regional"]
    MembershipFactory(user=by, organisation=world.mentoring)
    assert _contact(world, by).organisation == world.regional_a  # the office first
    assert _contact(world, by, organisation=world.mentoring).organisation == world.mentoring
    with pytest.raises(PermissionDenied):
        _contact(world, by, organisation=world.provider_b)


# --- vacancies -------------------------------------------------------------------------------------


def test_kldb_codes_are_checked():
    kldb.validate_kldb("29302")
    assert kldb.label("29302") == "29302 – Speisenzubereitung (fachlich ausgerichtete Tätigkeiten)"
    assert len(kldb.GROUPS) == 144
    for bad, code in (
        ("2930", "kldb_format"),
        ("2930a", "kldb_format"),
        ("99902", "kldb_group"),
        ("29305", "kldb_level"),
    ):
        with pytest.raises(ValidationError) as exc:
            kldb.validate_kldb(bad)
        assert exc.value.code == code, bad


def test_create_and_fill_a_vacancy(world):
    by = world.personas["mentor"]
    vacancy = vacancy_create(
        employer=world.employer,
        title="Pflegehilfskraft",
        occupation="82101",
        hours=30,
        starts_on=dt.date(2024, 5, 1),
        places=2,
        published_on=DAY,
        by=by,
    )
    assert vacancy.status == "open" and vacancy.closed_on is None and vacancy.organisation == world.mentoring
    vacancy = vacancy_update(
        vacancy=vacancy, status="filled", closed_on=dt.date(2024, 4, 2), by=world.personas["provider"]
    )
    assert vacancy.status == "filled" and vacancy.closed_on == dt.date(2024, 4, 2)
    entry = AuditEntry.objects.get(object_type="organisations.vacancy", action="update")
    assert entry.before["status"] == "open" and entry.after["status"] == "filled"
    vacancy = vacancy_update(vacancy=vacancy, status="open", by=world.personas["provider"])
    assert vacancy.closed_on is None  # reopened


def test_bad_vacancies_are_refused_whole(world):
    by = world.personas["regional"]
    cases = [
        ({"occupation": "1234"}, "occupation"),
        ({"occupation": "99902"}, "occupation"),
        ({"hours": 70}, "hours"),
        ({"places": 0}, "places"),
        ({"title": " "}, "title"),
        ({"closed_on": DAY}, "closed_on"),  # an open vacancy has no closing date
        ({"status": "filled", "published_on": DAY, "closed_on": dt.date(2024, 2, 1)}, "closed_on"),
    ]
    for change, field in cases:
        values = {"title": "Koch", "occupation": "29302", **change}
        with pytest.raises(ValidationError) as exc:
            vacancy_create(employer=world.employer, by=by, **values)
        assert field in exc.value.message_dict, change
    assert not Vacancy.objects.exists()
    assert not AuditEntry.objects.filter(object_type="organisations.vacancy").exists()


def test_the_jobcenter_writes_no_vacancy(world):
    with pytest.raises(PermissionDenied):
        vacancy_create(
            employer=world.employer, title="Koch", occupation="29302", by=world.personas["jobcenter"]
        )


def test_contact_about_a_placement_in_journey_order(world):
    """A contact about a participant placed at the employer: the participation is in the writer's
    scope and its internship names the employer."""
    from stufenweg.journeys.services import internship_record

    by = world.personas["provider"]
    participation = start_journey(world, PersonFactory())
    enter(world, participation)
    internship_record(participation=participation, on=dt.date(2022, 3, 1), employer=world.employer, by=by)
    contact = _contact(world, by, participation=participation, topic="support")
    assert contact.participation == participation and contact.organisation == world.provider_a
