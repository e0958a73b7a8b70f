"""The „Angaben bearbeiten“ page: who sees the link and the form, saving, errors next to fields."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.people.models import Person


def form_data(person, **overrides):
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "birth_date": person.birth_date.isoformat(),
        "gender": person.gender,
        "nationality": "DE",
        "foreign_background": "",
        "disability": "",
        "minority": "",
        "homeless": "",
        "rural": "",
        "isced": "",
        "vocational_qualification": "",
        "single_parent": "",
        "street": "",
        "postcode": "",
        "town": "",
        "phone": "",
        "email": "",
    }
    data.update(overrides)
    return data


def test_the_participant_page_offers_the_edit_link_to_a_writer(client, world, participation):
    client.force_login(world.personas["provider"])
    page = client.get(reverse("casework:participant_detail", args=[participation.person_id]))
    assert reverse("people:person_edit", args=[participation.person_id]) in page.content.decode()
    assert "Angaben bearbeiten" in page.content.decode()


def test_a_read_only_member_sees_the_details_without_the_link(client, world, participation, read_only):
    client.force_login(read_only)
    page = client.get(reverse("casework:participant_detail", args=[participation.person_id]))
    assert page.status_code == 200
    assert reverse("people:person_edit", args=[participation.person_id]) not in page.content.decode()
    assert client.get(reverse("people:person_edit", args=[participation.person_id])).status_code == 403


def test_outside_the_scope_the_page_does_not_exist(client, world, participation, provider_b_user):
    client.force_login(provider_b_user)
    assert client.get(reverse("people:person_edit", args=[participation.person_id])).status_code == 404


def test_saving_records_the_characteristics_and_contact_data(client, world, participation):
    person = participation.person
    client.force_login(world.personas["regional"])
    url = reverse("people:person_edit", args=[person.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="disability"' in form.content.decode()
    response = client.post(
        url,
        form_data(
            person,
            disability="yes",
            isced="4",
            vocational_qualification="false",
            single_parent="true",
            street="Lindenweg 3",
            postcode="02625",
            town="Bautzen",
            email="anna@example.org",
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("casework:participant_detail", args=[person.pk])
    assert "Die Angaben zur Person wurden gespeichert." in response.content.decode()
    person = Person.objects.get(pk=person.pk)
    assert (person.disability, person.isced, person.vocational_qualification, person.single_parent) == (
        "yes",
        4,
        False,
        True,
    )
    assert (person.street, person.postcode, person.town, person.email) == (
        "Lindenweg 3",
        "02625",
        "Bautzen",
        "anna@example.org",
    )
    assert "Lindenweg 3" in response.content.decode()  # shown on the participant page
    assert AuditEntry.objects.filter(object_type="people.person", action=AuditEntry.Action.UPDATE).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("gender", "", "Bitte wählen Sie das Geschlecht aus"),
        ("email", "keine-adresse", "gültige E-Mail-Adresse"),
        ("nationality", "Polen", "Ländercode mit zwei Buchstaben"),
        ("isced", "9", "Auswahl"),
    ],
)
def test_bad_input_is_an_error_next_to_the_field(client, world, participation, field, value, message):
    person = participation.person
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("people:person_edit", args=[person.pk]), form_data(person, last_name="Neu", **{field: value})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert Person.objects.get(pk=person.pk).last_name == "Schmidt"


def test_the_form_page_read_is_audited(client, world, participation):
    client.force_login(world.personas["regional"])
    before = AuditEntry.objects.filter(action=AuditEntry.Action.READ, person=participation.person).count()
    client.get(reverse("people:person_edit", args=[participation.person_id]))
    after = AuditEntry.objects.filter(action=AuditEntry.Action.READ, person=participation.person).count()
    assert after == before + 1
