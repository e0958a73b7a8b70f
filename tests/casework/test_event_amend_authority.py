"""On the participant page, an event is corrected or retracted by the organisation kinds that
record its kind (``journeys.authority``), and a Jobcenter refers into its own region: the same
rules the API follows, refused with 403 (or at the field) and nothing saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person

pytestmark = pytest.mark.django_db


def _start(journey) -> JourneyEvent:
    return JourneyEvent.objects.get(participation=journey, kind="assessment_start")


@pytest.mark.parametrize("route", ["casework:event_correct", "casework:event_void"])
def test_a_provider_neither_corrects_nor_voids_an_assessment_start(client, world, journey, route):
    client.force_login(world.personas["provider"])
    url = reverse(route, args=[_start(journey).pk])
    before = JourneyEvent.objects.count()
    assert client.get(url).status_code == 403
    response = client.post(url, {"occurred_on": "2024-01-16", "reason": "Probe"})
    assert response.status_code == 403
    assert JourneyEvent.objects.count() == before


@pytest.mark.parametrize("route", ["casework:event_correct", "casework:event_void"])
def test_the_regional_office_corrects_and_voids_an_assessment_start(client, world, journey, route):
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse(route, args=[_start(journey).pk]), {"occurred_on": "2024-01-16", "reason": "Probe"}
    )
    # the void is refused by the rules (the entry follows it), at the form; the correction succeeds
    assert response.status_code == (302 if route == "casework:event_correct" else 200)


def test_a_provider_still_corrects_its_entry(client, world, journey):
    client.force_login(world.personas["provider"])
    entry = JourneyEvent.objects.get(participation=journey, kind="entry")
    response = client.post(
        reverse("casework:event_correct", args=[entry.pk]),
        {"occurred_on": "2024-02-05", "planned_end": "2024-12-31", "reason": "Tippfehler"},
    )
    assert response.status_code == 302
    assert JourneyEvent.objects.filter(supersedes=entry).exists()


def test_a_jobcenter_refers_into_its_own_region_only(client, world):
    client.force_login(world.personas["jobcenter"])
    response = client.post(
        reverse("casework:refer"),
        {
            "person_id": "JC-88",
            "last_name": "Weiß",
            "first_name": "Jörg",
            "birth_date": "1975-03-02",
            "gender": "m",
            "programme": world.programme.pk,
            "region": world.region_b.pk,
            "referrer": world.jobcenter_a.pk,
            "occurred_on": "2024-04-02",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("region")
    assert not Person.objects.filter(person_id="JC-88").exists()
    assert not JourneyEvent.objects.exists()
