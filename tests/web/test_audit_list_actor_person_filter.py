"""The audit page filters by user name and person as the export does, so the data-protection
officer can look before exporting; a malformed person id is a German error, not a 500."""

from __future__ import annotations

import pytest

from stufenweg.core.models import AuditEntry
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = "/protokoll/"


def test_filter_by_user_name_and_person(client, world):
    first, second = PersonFactory(), PersonFactory()
    AuditEntry.objects.create(
        actor_label="anna", action="read", object_type="people.person", object_id="1", person=first
    )
    AuditEntry.objects.create(
        actor_label="bernd", action="read", object_type="people.person", object_id="2", person=second
    )
    AuditEntry.objects.create(
        actor_label="anna", action="read", object_type="people.person", object_id="3", person=second
    )
    client.force_login(world.personas["dpo"])
    page = client.get(URL, {"actor": "anna"}).context["page_obj"]
    assert {e.object_id for e in page} == {"1", "3"}
    page = client.get(URL, {"person": second.pk}).context["page_obj"]
    assert {e.object_id for e in page} == {"2", "3"}
    page = client.get(URL, {"actor": "anna", "person": second.pk}).context["page_obj"]
    assert {e.object_id for e in page} == {"3"}
    html = client.get(URL, {"actor": "anna"}).content.decode()
    assert 'name="actor"' in html and 'value="anna"' in html


def test_a_malformed_person_id_is_a_german_error(client, world):
    client.force_login(world.personas["dpo"])
    response = client.get(URL, {"person": "abc"})
    assert response.status_code == 200
    assert "Bitte eine gültige ID angeben (eine ganze Zahl ab 1)." in response.content.decode()
