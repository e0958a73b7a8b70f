"""Reads of personal data through the API are recorded: one entry per person shown, purpose "API"."""

from __future__ import annotations

from stufenweg.core.models import AuditEntry


def _reads(user):
    return AuditEntry.objects.filter(action="read", actor=user, purpose="API")


def test_retrieve_of_a_person_and_a_participation(world, journeys, as_persona):
    client = as_persona("regional")
    user = world.personas["regional"]
    client.get(f"/api/v1/persons/{journeys.person_a.pk}/")
    client.get(f"/api/v1/participations/{journeys.participation_a.pk}/")
    client.get(f"/api/v1/events/{journeys.entry_a.pk}/")
    assert list(_reads(user).order_by("id").values_list("person_id", "object_type")) == [
        (journeys.person_a.pk, "people.person"),
        (journeys.person_a.pk, "people.person"),
        (journeys.person_a.pk, "people.person"),
    ]
    assert _reads(user).order_by("id").first().summary == f"API: Person {journeys.person_a.pk}"


def test_a_list_page_records_each_person_on_it_once(world, journeys, as_persona):
    client = as_persona("coordinator")
    user = world.personas["coordinator"]
    client.get("/api/v1/events/")  # six events of two persons
    assert sorted(_reads(user).values_list("person_id", flat=True)) == sorted(
        [journeys.person_a.pk, journeys.person_b.pk]
    )
    client.get("/api/v1/persons/?person_id=PB-1")
    assert _reads(user).filter(person=journeys.person_b).count() == 2


def test_nothing_is_recorded_for_what_was_not_shown(world, journeys, as_persona):
    as_persona("mentor").get("/api/v1/persons/")
    as_persona("mentor").get(f"/api/v1/persons/{journeys.person_a.pk}/")  # 404
    as_persona("coordinator").get("/api/v1/measures/")
    assert not AuditEntry.objects.filter(action="read").exists()


def test_barriers_phases_and_profiles_record_each_person_shown(world, journeys, as_persona):
    import datetime as dt

    from stufenweg.support import services

    day = dt.date(2022, 3, 1)
    for participation in (journeys.participation_a, journeys.participation_b):
        services.barrier_record(participation=participation, kind="debt", present=True, on=day, by=None)
        services.phase_change(participation=participation, position=1, on=day, by=None)
        services.profile_record(participation=participation, category="market", on=day, by=None)
    user = world.personas["regional"]  # sees journey A only
    client = as_persona("regional")
    for path in ("barriers", "phase-changes", "profile-ratings"):
        assert client.get(f"/api/v1/{path}/").json()["count"] == 1
    assert list(_reads(user).values_list("person_id", flat=True)) == [journeys.person_a.pk] * 3
    client.get("/api/v1/support-phases/")  # the programme's phases: no person, no read
    assert _reads(user).count() == 3
