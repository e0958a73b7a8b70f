"""Every event recorded in the web or the API gets the participation's region unless it names one
(issue #12, item 5): a regional office's report counts extensions, not-arrived, waiting-list
entries, programme entries and the rest where its start page shows them. An event with a measure
is attributed to the measure's region (INDICATORS.md) and keeps its own column empty.

One walk through a whole journey per path, each kind recorded by the regional office of region A
for a person referred into region A; every stored event must carry region A (or a measure of
region A). Without the fill, every kind but the referral stored no region.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys import services
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent, Participation
from tests.api.conftest import client_for
from tests.factories import PersonFactory

E = EventKind


def _walk(world) -> list[tuple[str, str, str, dict, dict]]:
    """(kind, web slug, date, web form data, API fields), in the order of a journey."""
    s4, mm, employer = world.s4, world.measure_m, world.employer
    return [
        (E.ASSESSMENT_START, "eignungsfeststellung", "2022-01-17", {}, {}),
        (E.ASSESSMENT_RESULT, "ergebnis", "2022-01-24", {"result": "suitable", "stage": s4.pk},
         {"result": "suitable", "stage": "S4"}),
        (E.WAITLIST, "warteliste", "2022-01-25", {"stage": s4.pk}, {"stage": "S4"}),
        (E.ENTRY, "eintritt", "2022-02-01",
         {"measure": mm.pk, "stage": s4.pk, "planned_end": "2022-06-30", "employment_status": "unemployed",
          "unemployed_since": "2019-01-01", "benefit": "sgb2"},
         {"measure": "MM", "stage": "S4", "planned_end": "2022-06-30", "employment_status": "unemployed",
          "unemployed_since": "2019-01-01", "benefit": "sgb2"}),
        (E.EXTENSION, "verlaengerung", "2022-05-02", {"planned_end": "2022-12-30"}, {"planned_end": "2022-12-30"}),
        (E.INTERRUPTION, "unterbrechung", "2022-05-10", {}, {}),
        (E.RESUMPTION, "wiederaufnahme", "2022-05-20", {}, {}),
        (E.INTERNSHIP, "praktikum", "2022-06-01", {"employer": employer.pk, "first_labour_market": "true"},
         {"employer": "AG-1", "first_labour_market": True}),
        (E.EMPLOYMENT_START, "beschaeftigung", "2022-06-10", {"employment_kind": "minijob"},
         {"employment_kind": "minijob"}),
        (E.EMPLOYMENT_END, "beschaeftigungsende", "2022-06-20", {}, {}),
        (E.QUALIFICATION, "qualifikation", "2022-06-25", {"what": "Staplerschein"}, {"reason": "Staplerschein"}),
        (E.STAGE_CHANGE, "stufenwechsel", "2022-07-01", {"measure": world.measure_a.pk, "stage": world.s3.pk, "change": "planned"},
         {"measure": "MA", "stage": "S3", "change": "planned"}),
        (E.EXIT, "austritt", "2022-10-04", {"exit_kind": "regular"}, {"exit_kind": "regular"}),
        (E.FOLLOW_UP, "verbleib", "2023-04-04", {"reached": "true"}, {"reached": True}),
        (E.REACTIVATION, "reaktivierung", "2023-05-02", {}, {}),
    ]  # fmt: skip


def _referred(world, person_id: str) -> Participation:
    event = services.participation_refer(
        person=PersonFactory(person_id=person_id, birth_date=dt.date(1980, 5, 17)),
        programme=world.programme,
        on=dt.date(2022, 1, 10),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    return event.participation


def _attributed_region(event: JourneyEvent) -> int | None:
    """The event's region as the report reads it: its own, or else its measure's."""
    return event.region_id or (event.measure.region_id if event.measure_id else None)


def _regions_by_kind(participation: Participation) -> dict[str, tuple[int | None, int | None]]:
    return {
        e.kind: (e.region_id, _attributed_region(e))
        for e in participation.events.select_related("measure").exclude(kind=E.REFERRAL)
    }


def _expected(world, kinds) -> dict[str, tuple[int | None, int | None]]:
    a = world.region_a.pk
    return {k: ((None if k in (E.ENTRY, E.STAGE_CHANGE) else a), a) for k in kinds}


def test_web_every_kind_stores_the_participations_region(world, client):
    client.force_login(world.personas["regional"])
    participation = _referred(world, "RG-W1")
    walk = _walk(world)
    for kind, slug, date, data, _api in walk:
        url = reverse("casework:journey_action", args=[participation.pk, slug])
        response = client.post(url, {"occurred_on": date, **data})
        assert response.status_code == 302, (
            kind,
            __import__("re").findall(
                r"alert--error[^>]*>(.*?)</|errorlist[^>]*>(.*?)</ul",
                response.content.decode(),
                __import__("re").S,
            ),
        )
    assert _regions_by_kind(participation) == _expected(world, [k for k, *_ in walk])

    not_arrived = _referred(world, "RG-W2")
    url = reverse("casework:journey_action", args=[not_arrived.pk, "nicht-angekommen"])
    assert client.post(url, {"occurred_on": "2022-02-14"}).status_code == 302
    assert _regions_by_kind(not_arrived) == _expected(world, [E.NOT_ARRIVED])


def test_api_every_kind_stores_the_participations_region(world):
    client = client_for(world.personas["regional"])
    participation = _referred(world, "RG-A1")
    walk = _walk(world)
    for kind, _slug, date, _web, fields in walk:
        body = {
            "person_id": "RG-A1",
            "programme": world.programme.code,
            "event": kind,
            "date": date,
            **fields,
        }
        response = client.post("/api/v1/events/", body, format="json")
        assert response.status_code == 201, (kind, response.content.decode())
    assert _regions_by_kind(participation) == _expected(world, [k for k, *_ in walk])

    _referred(world, "RG-A2")
    body = {
        "person_id": "RG-A2",
        "programme": world.programme.code,
        "event": "not_arrived",
        "date": "2022-02-14",
    }
    assert client.post("/api/v1/events/", body, format="json").status_code == 201
    not_arrived = Participation.objects.get(person__person_id="RG-A2")
    assert _regions_by_kind(not_arrived) == _expected(world, [E.NOT_ARRIVED])


@pytest.mark.parametrize("given", ["region_b", None])
def test_a_region_given_is_kept(world, given):
    """An office that names a region keeps it; without one the event takes the region before it."""
    participation = _referred(world, "RG-G1")
    region = getattr(world, given) if given else None
    event = services.participation_start_assessment(
        person=participation.person,
        programme=world.programme,
        on=dt.date(2022, 1, 17),
        region=region,
        by=None,
    )
    assert event.region_id == (world.region_b if given else world.region_a).pk
