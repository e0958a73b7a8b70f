"""The Art. 15 page of a person offers the audit trail of that person: a small form posts the
Personen-ID to the audit page's filter (never in the address), and the audit page opens with the
rows of that person only."""

from __future__ import annotations

import re

import pytest

from stufenweg.core.models import AuditEntry
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
AUDIT = "/protokoll/"
BUTTON = "Zugriffe im Protokoll anzeigen"


@pytest.fixture
def two(world):
    first = PersonFactory(person_id="PL-1")
    second = PersonFactory(person_id="PL-2")
    for n, person in enumerate([first, second, second], 1):
        AuditEntry.objects.create(
            actor_label="anna", action="read", object_type="people.person", object_id=str(n), person=person
        )
    return first, second


def _form(html: str) -> str:
    start = html.index(f'action="{AUDIT}"')
    return html[html.rindex("<form", 0, start) : html.index("</form>", start)]


def test_the_person_page_posts_the_personen_id_to_the_audit_filter(client, world, two):
    _, second = two
    client.force_login(world.personas["dpo"])
    html = client.get(f"/datenschutz/personen/{second.pk}/").content.decode()
    form = _form(html)
    assert 'method="post"' in form and BUTTON in form and "csrfmiddlewaretoken" in form
    assert re.search(r'<input type="hidden" name="person" value="PL-2">', form)


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider", "jobcenter", "outsider"])
def test_without_the_audit_permission_there_is_no_person_page_and_no_form(client, world, two, persona):
    _, second = two
    client.force_login(world.personas[persona])
    response = client.get(f"/datenschutz/personen/{second.pk}/")
    assert response.status_code == 403
    assert BUTTON not in response.content.decode()


def test_posting_the_form_opens_the_audit_page_filtered_without_the_personen_id_in_the_address(
    client, world, two
):
    first, second = two
    client.force_login(world.personas["dpo"])
    html = client.get(f"/datenschutz/personen/{second.pk}/").content.decode()
    value = re.search(r'name="person" value="([^"]*)"', _form(html)).group(1)
    response = client.post(AUDIT, {"person": value})
    assert response.status_code == 302
    location = response["Location"]
    assert "PL-2" not in location and location == f"{AUDIT}?person={second.pk}"
    page = client.get(location).context["page_obj"]
    assert {e.object_id for e in page} == {"2", "3"}
    assert all(e.person_id == second.pk for e in page)
