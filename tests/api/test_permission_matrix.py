"""Every persona × every resource: visible or 404, and who may append events (DOMAIN.md §1).

Journey A: region A, referred by jobcenter A, enrolled at provider A. Journey B: region B,
jobcenter B, provider B. The expected sets are written out by hand from the visibility rules.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.journeys.models import JourneyEvent

SEES = {  # persona -> which of the journeys A and B it may see
    "coordinator": {"A", "B"},
    "regional": {"A"},
    "provider": {"A"},
    "jobcenter": {"A"},
    "mentor": set(),
    "outsider": set(),
    "dpo": set(),
}
STAFF = {"coordinator", "regional", "provider", "jobcenter", "mentor", "dpo"}  # not the outsider
POST = {  # persona -> expected status of appending an interruption to A and to B
    "coordinator": (201, 201),
    "regional": (201, 404),
    "provider": (201, 404),
    "jobcenter": (403, 404),  # sees A, but an interruption is the delivering side's (journeys.authority)
    "mentor": (404, 404),
    "outsider": (403, 403),
    "dpo": (403, 403),
}
PERSONAS = list(SEES)


def _objects(journeys, which: str):
    person = journeys.person_a if which == "A" else journeys.person_b
    participation = journeys.participation_a if which == "A" else journeys.participation_b
    entry = journeys.entry_a if which == "A" else journeys.entry_b
    return person, participation, entry


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_exactly_the_visible_journeys(persona, journeys, as_persona):
    client = as_persona(persona)
    expected_ids = {_objects(journeys, w)[0].person_id for w in SEES[persona]}

    persons = client.get("/api/v1/persons/")
    assert persons.status_code == 200
    assert {p["person_id"] for p in persons.json()["results"]} == expected_ids

    participations = client.get("/api/v1/participations/")
    assert participations.status_code == 200
    assert {p["person_id"] for p in participations.json()["results"]} == expected_ids

    events = client.get("/api/v1/events/")
    assert events.status_code == 200
    assert {e["person_id"] for e in events.json()["results"]} == expected_ids
    # referral, assessment start, entry per visible journey
    assert events.json()["count"] == 3 * len(expected_ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("which", ["A", "B"])
def test_retrieve_is_visible_or_404(persona, which, journeys, as_persona):
    client = as_persona(persona)
    person, participation, entry = _objects(journeys, which)
    expected = 200 if which in SEES[persona] else 404
    assert client.get(f"/api/v1/persons/{person.pk}/").status_code == expected
    assert client.get(f"/api/v1/participations/{participation.pk}/").status_code == expected
    assert client.get(f"/api/v1/events/{entry.pk}/").status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_programmes_and_measures_for_staff_only(persona, journeys, world, as_persona):
    client = as_persona(persona)
    programmes = client.get("/api/v1/programmes/").json()
    measures = client.get("/api/v1/measures/").json()
    if persona in STAFF:
        assert [p["code"] for p in programmes["results"]] == ["JPS"]
        assert [m["code"] for m in measures["results"]] == ["MA", "MB", "MM"]
        assert client.get("/api/v1/programmes/JPS/").status_code == 200
        assert client.get("/api/v1/measures/MB/").status_code == 200
    else:
        assert programmes["results"] == [] and measures["results"] == []
        assert client.get("/api/v1/programmes/JPS/").status_code == 404
        assert client.get("/api/v1/measures/MB/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("which", ["A", "B"])
def test_appending_an_event(persona, which, journeys, as_persona):
    client = as_persona(persona)
    person, participation, _ = _objects(journeys, which)
    before = JourneyEvent.objects.count()
    response = client.post(
        "/api/v1/events/",
        {"person_id": person.person_id, "programme": "JPS", "event": "interruption", "date": "2022-03-01"},
        format="json",
    )
    expected = POST[persona][0 if which == "A" else 1]
    assert response.status_code == expected, response.content
    assert JourneyEvent.objects.count() == before + (1 if expected == 201 else 0)
    participation.refresh_from_db()
    assert participation.state == ("interrupted" if expected == 201 else "in_stage")
    if expected == 404:
        # the same answer as for a person that does not exist at all
        unknown = client.post(
            "/api/v1/events/",
            {"person_id": "GIBT-ES-NICHT", "programme": "JPS", "event": "interruption", "date": "2022-03-01"},
            format="json",
        )
        assert unknown.status_code == 404
        assert unknown.json() == response.json()


# --- support services: barriers, phase changes, profile ratings (support.authority) ---------------

SUPPORT = {  # resource -> body of a create (without the participant)
    "barriers": {"kind": "language", "present": True, "assessed_on": "2022-03-01"},
    "phase-changes": {"phase": 1, "on": "2022-03-01"},
    "profile-ratings": {"category": "support", "assessed_on": "2022-03-01"},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("resource", list(SUPPORT))
def test_support_entries_are_read_within_sight_and_written_by_the_casework_rule(
    persona, resource, journeys, as_persona
):
    """The same answers as appending an event: 201 for who writes casework for the case, 403 for
    the Jobcenter (sees A, records no casework) and roles that never write, 404 outside sight."""
    from stufenweg.support import services

    created = {}
    for which in ("A", "B"):
        participation = _objects(journeys, which)[1]
        created[which] = services.profile_record(
            participation=participation, category="market", on=dt.date(2022, 2, 1), by=None
        )
        services.barrier_record(
            participation=participation, kind="debt", present=True, on=dt.date(2022, 2, 1), by=None
        )
        services.phase_change(participation=participation, position=1, on=dt.date(2022, 2, 1), by=None)
    client = as_persona(persona)
    expected_ids = {_objects(journeys, w)[0].person_id for w in SEES[persona]}
    listed = client.get(f"/api/v1/{resource}/")
    assert listed.status_code == 200
    assert {r["person_id"] for r in listed.json()["results"]} == expected_ids
    if resource == "profile-ratings":
        for which in ("A", "B"):
            expected = 200 if which in SEES[persona] else 404
            assert client.get(f"/api/v1/{resource}/{created[which].pk}/").status_code == expected
    for which in ("A", "B"):
        person = _objects(journeys, which)[0]
        body = {"person_id": person.person_id, "programme": "JPS", **SUPPORT[resource]}
        response = client.post(f"/api/v1/{resource}/", body, format="json")
        assert response.status_code == POST[persona][0 if which == "A" else 1], response.content
