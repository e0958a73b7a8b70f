"""The target-group flags (returner, long-term benefit recipient, refugee) on the person page: the
edit form records them (its fields come from the persons.csv field list) and the details show them."""

from __future__ import annotations

from django.urls import reverse

from stufenweg.people.models import Person
from tests.people.test_person_edit_page import form_data


def test_the_flags_are_recorded_and_shown(client, world, participation):
    person = participation.person
    client.force_login(world.personas["regional"])
    url = reverse("people:person_edit", args=[person.pk])
    form = client.get(url).content.decode()
    for name in ("returner", "long_term_benefit", "refugee"):
        assert f'name="{name}"' in form
    response = client.post(
        url, form_data(person, returner="yes", long_term_benefit="no", refugee="na"), follow=True
    )
    assert "Die Angaben zur Person wurden gespeichert." in response.content.decode()
    person = Person.objects.get(pk=person.pk)
    assert (person.returner, person.long_term_benefit, person.refugee) == ("yes", "no", "na")
    page = client.get(reverse("casework:participant_detail", args=[person.pk])).content.decode()
    assert "<dt>Berufsrückkehrer/in</dt><dd>ja</dd>" in page
    assert "<dt>Langzeitleistungsbezug</dt><dd>nein</dd>" in page
    assert "<dt>geflüchtet</dt><dd>keine Angabe</dd>" in page


def test_a_form_without_the_flags_leaves_them_unrecorded(client, world, participation):
    person = participation.person
    client.force_login(world.personas["regional"])
    client.post(reverse("people:person_edit", args=[person.pk]), form_data(person, disability="yes"))
    person = Person.objects.get(pk=person.pk)
    assert (person.disability, person.returner, person.refugee) == ("yes", "", "")


def test_a_bad_flag_is_an_error_and_nothing_is_saved(client, world, participation):
    person = participation.person
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("people:person_edit", args=[person.pk]), form_data(person, refugee="vielleicht", isced="4")
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).isced is None
