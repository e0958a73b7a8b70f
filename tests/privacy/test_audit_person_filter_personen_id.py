"""The audit page and the audit export filter by the Personen-ID (the key the data-protection
officer knows, as in the Art. 15 lookup), not by the database id. Like the Art. 15 lookup the
Personen-ID is sent by POST; the address carries the database id only."""

from __future__ import annotations

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.privacy.forms import AuditExportForm, AuditFilterForm, PersonenIdField, PersonLookupForm
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
PAGE = "/protokoll/"
EXPORT = "/datenschutz/protokoll/export/"
HOME = "/datenschutz/"


@pytest.fixture
def two(world):
    first = PersonFactory(person_id="PA-1")
    second = PersonFactory(person_id="PA-2")
    for n, (actor, person) in enumerate([("anna", first), ("bernd", second), ("anna", second)], 1):
        AuditEntry.objects.create(
            actor_label=actor, action="read", object_type="people.person", object_id=str(n), person=person
        )
    return first, second


def _csv_object_ids(response) -> set[str]:
    lines = response.content.decode("utf-8-sig").strip().splitlines()[1:]
    return {line.split(";")[5] for line in lines}


def test_the_page_filters_by_personen_id_and_keeps_it_out_of_the_address(client, world, two):
    _, second = two
    client.force_login(world.personas["dpo"])
    response = client.post(PAGE, {"person": "PA-2", "actor": "anna"})
    assert response.status_code == 302
    location = response["Location"]
    assert "PA-2" not in location
    assert f"person={second.pk}" in location and "actor=anna" in location
    response = client.get(location)
    assert {e.object_id for e in response.context["page_obj"]} == {"3"}
    html = response.content.decode()
    assert 'name="person"' in html and 'value="PA-2"' in html  # shown as the officer typed it
    main = html[html.index("<main") : html.index("</main>")]
    form = main[main.index("<form") : main.index("</form>")]
    assert "Personen-ID" in form and "Datenbank-ID" not in form and "Person-ID" not in form


def test_the_page_pads_the_personen_id_as_the_lookup_does(client, world, two):
    client.force_login(world.personas["dpo"])
    response = client.post(PAGE, {"person": "  PA-1 "})
    assert response.status_code == 302
    assert {e.object_id for e in client.get(response["Location"]).context["page_obj"]} == {"1"}


def test_an_unknown_personen_id_on_the_page_is_a_german_error_keeping_the_input(client, world, two):
    client.force_login(world.personas["dpo"])
    response = client.post(PAGE, {"person": "PA-999", "actor": "anna", "action": "read"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keine Person mit dieser Personen-ID." in html
    assert 'value="anna"' in html and 'value="PA-999"' in html
    assert list(response.context["page_obj"]) == []


def test_the_address_does_not_take_a_personen_id(client, world, two):
    """A Personen-ID typed into the address is not looked up (it would stay in logs and history)."""
    client.force_login(world.personas["dpo"])
    response = client.get(PAGE, {"person": "PA-1"})
    assert response.status_code == 200
    assert "Bitte eine gültige ID angeben (eine ganze Zahl ab 1)." in response.content.decode()
    assert list(response.context["page_obj"]) == []
    response = client.get(PAGE, {"person": "999999"})
    assert "Keine Person mit dieser ID." in response.content.decode()
    assert list(response.context["page_obj"]) == []


def test_the_export_filters_by_personen_id_by_post(client, world, two):
    client.force_login(world.personas["dpo"])
    response = client.post(EXPORT, {"person": "PA-2", "format": "csv"})
    assert response.status_code == 200
    assert _csv_object_ids(response) == {"2", "3"}
    response = client.post(EXPORT, {"person": "PA-2", "actor": "anna", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_export_by_address_takes_the_database_id_as_the_page_does(client, world, two):
    _, second = two
    client.force_login(world.personas["dpo"])
    page = client.post(PAGE, {"person": "PA-2", "actor": "anna"})["Location"]
    query = page.split("?", 1)[1]
    response = client.get(f"{EXPORT}?{query}&format=csv")
    assert response.status_code == 200
    assert _csv_object_ids(response) == {"3"}


def test_the_export_without_filters_has_every_row(client, world, two):
    client.force_login(world.personas["dpo"])
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert {"1", "2", "3"} <= _csv_object_ids(response)


def test_an_unknown_personen_id_in_the_export_is_a_german_error_keeping_the_input(client, world, two):
    client.force_login(world.personas["dpo"])
    response = client.post(EXPORT, {"person": "PA-999", "actor": "anna", "format": "xlsx"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keine Person mit dieser Personen-ID." in html
    assert 'value="anna"' in html and 'value="PA-999"' in html


def test_the_data_protection_page_asks_for_the_personen_id_by_post(client, world):
    client.force_login(world.personas["dpo"])
    html = client.get(HOME).content.decode()
    assert "Datenbank-ID" not in html
    assert f'method="post" action="{EXPORT}"' in html


def test_one_filter_and_one_lookup_field():
    """The page and the export share the filter; it and the Art. 15 lookup share the field."""
    assert issubclass(AuditExportForm, AuditFilterForm)
    assert set(AuditExportForm.base_fields) - set(AuditFilterForm.base_fields) == {"format"}
    assert type(AuditFilterForm.base_fields["person"]) is PersonenIdField
    assert type(PersonLookupForm.base_fields["person_id"]) is PersonenIdField


def test_the_art15_lookup_still_finds_the_person(client, world, two):
    first, _ = two
    client.force_login(world.personas["dpo"])
    response = client.post(HOME, {"person_id": " PA-1 "})
    assert response.status_code == 302 and response["Location"] == f"/datenschutz/personen/{first.pk}/"
    response = client.post(HOME, {"person_id": "PA-999"})
    assert "Keine Person mit dieser Personen-ID." in response.content.decode()
