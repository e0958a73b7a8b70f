"""Creating a person through the API (``people.services.person_create``) and referring them."""

from __future__ import annotations

from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.people.models import Person
from tests.api.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

NEW = {
    "person_id": "JC-2026-0001",
    "first_name": "Erika",
    "last_name": "Beispiel",
    "birth_date": "1979-04-12",
    "gender": "f",
    "nationality": "DE",
    "disability": "na",
    "isced": 3,
    "household_id": "BG-77",
}


def test_a_caseworker_creates_a_person_and_the_write_is_audited(journeys, as_persona, world):
    response = as_persona("jobcenter").post("/api/v1/persons/", NEW, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person_id"] == "JC-2026-0001" and body["household_id"] == "BG-77"
    assert body["isced"] == 3 and body["disability"] == "na" and body["foreign_background"] == ""
    person = Person.objects.get(person_id="JC-2026-0001")
    entry = AuditEntry.objects.get(action="create", object_type="people.person")
    assert entry.actor == world.personas["jobcenter"] and entry.person == person


def test_a_new_person_becomes_visible_with_the_referral_of_the_jobcenter(journeys, as_persona):
    client = as_persona("jobcenter")
    person_pk = client.post("/api/v1/persons/", NEW, format="json").json()["id"]
    assert client.get(f"/api/v1/persons/{person_pk}/").status_code == 404  # no participation yet
    referral = client.post(
        "/api/v1/events/",
        {
            "person_id": "JC-2026-0001",
            "programme": "JPS",
            "event": "referral",
            "date": "2022-06-01",
            "region": "RA",
        },
        format="json",
    )
    assert referral.status_code == 201, referral.content
    assert referral.json()["referrer"] == "JC-A"  # the user's only jobcenter, by default
    assert client.get(f"/api/v1/persons/{person_pk}/").status_code == 200
    assert as_persona("regional").get(f"/api/v1/persons/{person_pk}/").status_code == 200


def test_a_referral_that_would_leave_the_users_remit_is_rolled_back(journeys, as_persona):
    client = as_persona("jobcenter")
    client.post("/api/v1/persons/", NEW, format="json")
    events_before = JourneyEvent.objects.count()
    response = client.post(
        "/api/v1/events/",
        {
            "person_id": "JC-2026-0001",
            "programme": "JPS",
            "event": "referral",
            "date": "2022-06-01",
            "referrer": "JC-B",
            "region": "RB",
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["referrer"]  # a Jobcenter refers in its own name
    assert JourneyEvent.objects.count() == events_before
    assert not Participation.objects.filter(person__person_id="JC-2026-0001").exists()


def test_a_new_person_can_only_be_named_by_an_opening_event(journeys, as_persona):
    client = as_persona("jobcenter")
    client.post("/api/v1/persons/", NEW, format="json")
    response = client.post(
        "/api/v1/events/",
        {"person_id": "JC-2026-0001", "programme": "JPS", "event": "interruption", "date": "2022-06-01"},
        format="json",
    )
    assert response.status_code == 404


def test_a_person_with_an_invisible_journey_cannot_be_referred_into_view(journeys, as_persona):
    """PB-1 has a journey in region B; jobcenter A must not gain sight of them by a referral."""
    response = as_persona("jobcenter").post(
        "/api/v1/events/",
        {"person_id": "PB-1", "programme": "JPS", "event": "referral", "date": "2022-06-01"},
        format="json",
    )
    assert response.status_code == 404


def test_field_errors_and_duplicates(journeys, as_persona):
    client = as_persona("regional")
    bad = client.post(
        "/api/v1/persons/",
        {**NEW, "birth_date": "2999-01-01", "gender": "q", "isced": 9},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) == {"birth_date", "gender", "isced"}
    assert bad.json()["isced"] == ["Stelle sicher, dass dieser Wert kleiner oder gleich 8 ist."]
    duplicate = client.post("/api/v1/persons/", {**NEW, "person_id": "PA-1"}, format="json")
    assert duplicate.status_code == 400
    assert list(duplicate.json()) == ["person_id"]
    assert Person.objects.count() == 2


def test_read_only_dpo_and_outsider_cannot_create(journeys, as_persona):
    for persona in ("dpo", "outsider"):
        assert as_persona(persona).post("/api/v1/persons/", NEW, format="json").status_code == 403
    assert not Person.objects.filter(person_id=NEW["person_id"]).exists()


def test_only_the_creating_organisation_may_open_a_journey_for_a_new_person(world, journeys, as_persona):
    as_persona("jobcenter").post("/api/v1/persons/", NEW, format="json")
    referral = {"person_id": "JC-2026-0001", "programme": "JPS", "event": "referral", "date": "2022-06-01"}
    other_jobcenter = MembershipFactory(
        user=UserFactory(username="jc-b"), organisation=world.jobcenter_b
    ).user
    assert client_for(other_jobcenter).post("/api/v1/events/", referral, format="json").status_code == 404
    colleague = MembershipFactory(user=UserFactory(username="jc-a-2"), organisation=world.jobcenter_a).user
    response = client_for(colleague).post("/api/v1/events/", referral, format="json")
    assert response.status_code == 201 and response.json()["referrer"] == "JC-A"
