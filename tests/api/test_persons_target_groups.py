"""The person resource carries the target-group fields of the persons.csv extension."""

from __future__ import annotations

from stufenweg.people.models import Person
from tests.api.test_persons_create import NEW


def test_the_flags_are_accepted_and_returned(journeys, as_persona):
    body = {**NEW, "returner": "yes", "long_term_benefit": "no", "refugee": "na"}
    response = as_persona("jobcenter").post("/api/v1/persons/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["returner"], data["long_term_benefit"], data["refugee"]) == ("yes", "no", "na")
    person = Person.objects.get(person_id=NEW["person_id"])
    assert (person.returner, person.long_term_benefit, person.refugee) == ("yes", "no", "na")


def test_without_the_flags_they_are_not_recorded(journeys, as_persona):
    data = as_persona("jobcenter").post("/api/v1/persons/", NEW, format="json").json()
    assert (data["returner"], data["long_term_benefit"], data["refugee"]) == ("", "", "")


def test_a_bad_flag_is_refused_and_nothing_is_written(journeys, as_persona):
    response = as_persona("jobcenter").post(
        "/api/v1/persons/", {**NEW, "refugee": "vielleicht"}, format="json"
    )
    assert response.status_code == 400
    assert "refugee" in response.json()
    assert not Person.objects.filter(person_id=NEW["person_id"]).exists()
