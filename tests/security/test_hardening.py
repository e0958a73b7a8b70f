"""Hostile input, driven through the real pages and endpoints: refused or neutralised, nothing
leaked, nothing lost.

XSS: every free-text column of every model that hangs off a person (found through the model
graph, so fields added later are included) is filled with a payload and rendered back on the
participant page, the list and the API. SQL metacharacters go into every search and filter
parameter. IDOR: ids of objects outside the scope in URLs, API paths and form payloads.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection, models
from django.test import Client

from stufenweg.casework.models import Contact
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from stufenweg.privacy.graph import free_text_fields, related_rows
from tests.security.matrix_world import HIDDEN_NAME, build

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SQL = [
    "' OR '1'='1",
    "'; DROP TABLE people_person; --",
    '" OR 1=1 --',
    "%' UNION SELECT password FROM organisations_user --",
    "\\'; --",
]


def _payload(field: models.Field) -> str:
    payload = SCRIPT + IMG
    limit = getattr(field, "max_length", None)
    if limit and limit < len(payload):
        payload = "<b>x"[:limit] if limit < len(SCRIPT) else SCRIPT[:limit]
    return payload


def _fill_with_payloads(person) -> list[str]:
    """Every free-text field of the person and of every row that belongs to them."""
    filled = []
    for field in free_text_fields(Person):
        if field.name == "nationality":
            continue  # a code validated by the exchange format
        setattr(person, field.attname, _payload(field))
        filled.append(f"people.person.{field.name}")
    Person.objects.filter(pk=person.pk).update(
        **{f.attname: getattr(person, f.attname) for f in free_text_fields(Person) if f.name != "nationality"}
    )
    for rows in related_rows(person):
        fields = [f for f in free_text_fields(rows.model) if f.name not in {"event_id", "statuses"}]
        if fields:
            rows.queryset.update(**{f.attname: _payload(f) for f in fields})
            filled += [f"{rows.model._meta.label_lower}.{f.name}" for f in fields]
    # encrypted notes need the field's own encryption: set them through save()
    for contact in Contact.objects.filter(participation__person=person):
        contact.notes = SCRIPT + IMG
        contact.save()
    return filled


@pytest.fixture
def matrix(world):
    return build(world)


def test_xss_payloads_are_escaped_everywhere(matrix):
    from stufenweg.casework import services as casework

    case = matrix.visible
    casework.contact_record(
        participation=case.participation, kind="phone", on=dt.date(2022, 3, 2), notes="x", by=None
    )
    filled = _fill_with_payloads(case.person)
    assert "casework.contact.notes" in filled and "journeys.journeyevent.reason" in filled

    client = Client()
    client.force_login(matrix.personas["coordinator"])
    pages = [
        f"/teilnehmende/{case.person.pk}/",
        f"/teilnehmende/{case.person.pk}/?teilnahme={case.participation.pk}",
        "/teilnehmende/",
        "/",
        "/teilnehmende/arbeitslisten/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert SCRIPT not in body, path
        assert "<img src=x" not in body, path
    detail = client.get(f"/teilnehmende/{case.person.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail  # shown as text, not dropped

    api = client.get(f"/api/v1/persons/{case.person.pk}/")
    assert api["Content-Type"].startswith("application/json")
    assert json.loads(api.content)  # JSON, which a browser does not execute


@pytest.mark.parametrize("payload", SQL)
def test_sql_metacharacters_in_search_and_filters(matrix, payload):
    client = Client()
    client.force_login(matrix.personas["regional"])
    casework_params = ["q", "programme", "stage", "region", "measure", "status", "caseworker", "sort", "page"]
    for name in casework_params:
        response = client.get("/teilnehmende/", {name: payload})
        assert response.status_code in (200, 400), (name, response.status_code)
        assert HIDDEN_NAME not in response.content.decode()
    for endpoint, params in [
        ("persons", ["person_id", "programme", "region", "stage", "state"]),
        ("participations", ["programme", "region", "stage", "measure", "state", "person_id", "active_on"]),
        ("events", ["programme", "region", "stage", "measure", "event", "person_id", "participation"]),
        ("measures", ["programme", "region", "stage", "provider", "active_on"]),
    ]:
        for name in params:
            response = client.get(f"/api/v1/{endpoint}/", {name: payload})
            assert response.status_code in (200, 400), (endpoint, name, response.status_code)
            assert HIDDEN_NAME not in response.content.decode()
    # nothing was dropped or changed
    assert Person.objects.filter(last_name=HIDDEN_NAME).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person")
        assert cursor.fetchone()[0] >= 2


def test_search_with_wildcards_finds_nothing_extra(matrix):
    client = Client()
    client.force_login(matrix.personas["regional"])
    for payload in ["%", "_", "*", ".*"]:
        body = client.get("/teilnehmende/", {"q": payload}).content.decode()
        assert HIDDEN_NAME not in body


IDOR_POSTS = [
    (
        "/teilnehmende/teilnahme/{participation}/kontakt/",
        {"kind": "phone", "occurred_on": "2022-03-03", "notes": "x"},
    ),
    ("/teilnehmende/teilnahme/{participation}/ziel/", {"title": "x", "key_area": "qualification"}),
    ("/teilnehmende/teilnahme/{participation}/aktion/austritt/", {"on": "2022-03-03", "kind": "regular"}),
    ("/teilnehmende/ereignis/{event}/zuruecknehmen/", {"reason": "x"}),
    ("/teilnehmende/ereignis/{event}/korrigieren/", {"reason": "x"}),
    ("/teilnehmende/schritt/{plan_action}/fortschritt/", {"progress": "100"}),
    ("/teilnehmende/termin/{appointment}/stand/", {"status": "done"}),
    ("/teilnehmende/ziel/{goal}/stand/", {"status": "done"}),
]


@pytest.mark.parametrize(("template", "data"), IDOR_POSTS)
@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor"])
def test_idor_in_form_urls_is_a_404_and_writes_nothing(matrix, template, data, persona):
    hidden = matrix.hidden
    path = template.format(
        participation=hidden.participation.pk,
        event=hidden.event.pk,
        plan_action=hidden.plan_action.pk,
        appointment=hidden.appointment.pk,
        goal=hidden.goal.pk,
    )
    before = _fingerprint(hidden)
    client = Client()
    client.force_login(matrix.personas[persona])
    response = client.post(path, data)
    assert response.status_code == 404, (path, response.status_code)
    assert HIDDEN_NAME not in response.content.decode()
    assert _fingerprint(hidden) == before


def _fingerprint(case) -> tuple:
    from stufenweg.casework.models import Appointment, Goal, PlanAction

    return (
        JourneyEvent.objects.filter(participation=case.participation).count(),
        Contact.objects.filter(participation=case.participation).count(),
        Goal.objects.filter(plan__participation=case.participation).count(),
        PlanAction.objects.get(pk=case.plan_action.pk).progress,
        Appointment.objects.get(pk=case.appointment.pk).status,
        Goal.objects.get(pk=case.goal.pk).status,
    )


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor"])
def test_idor_in_the_api(matrix, persona):
    from tests.api.conftest import key_for

    hidden = matrix.hidden
    client = Client(HTTP_AUTHORIZATION=f"Token {key_for(matrix.personas[persona])}")
    for path in [
        f"/api/v1/persons/{hidden.person.pk}/",
        f"/api/v1/participations/{hidden.participation.pk}/",
        f"/api/v1/events/{hidden.event.pk}/",
    ]:
        assert client.get(path).status_code == 404, path
        for method in ("put", "patch", "delete"):
            response = getattr(client, method)(path, data="{}", content_type="application/json")
            assert response.status_code in (404, 405), (method, path, response.status_code)
    before = JourneyEvent.objects.filter(participation=hidden.participation).count()
    response = client.post(
        "/api/v1/events/",
        data=json.dumps(
            {
                "participation": hidden.participation.pk,
                "event": "extension",
                "occurred_on": "2022-03-03",
                "planned_end": "2022-12-31",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code in (400, 403, 404)
    assert HIDDEN_NAME not in response.content.decode()
    assert JourneyEvent.objects.filter(participation=hidden.participation).count() == before
    # person ids of other organisations in list filters reveal nothing either
    listing = client.get("/api/v1/persons/", {"person_id": hidden.person.person_id})
    assert HIDDEN_NAME not in listing.content.decode()
