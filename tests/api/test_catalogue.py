"""Programmes with their stages and measures with today's capacity, in exchange-format codes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.journeys import services


def test_a_programme_with_its_stages(journeys, as_persona):
    body = as_persona("provider").get("/api/v1/programmes/JPS/").json()
    assert body["code"] == "JPS" and body["name"] == "JobPerspektive Test"
    assert [s["code"] for s in body["stages"]] == ["S2", "S3", "S4"]
    s2, _, s4 = body["stages"]
    assert (s2["min_age"], s2["max_age"], s2["max_months"]) == (25, 58, 36)
    assert sorted(s4["next_stages"]) == ["S2", "S3"]


def test_a_measure_with_provider_region_stages_and_free_places(journeys, as_persona, world):
    client = as_persona("mentor")
    measure_a = client.get("/api/v1/measures/MA/").json()
    assert measure_a["provider"] == "BDL-A" and measure_a["region"] == "RA"
    assert measure_a["programme"] == "JPS" and sorted(measure_a["stages"]) == ["S2", "S3"]
    # three places, person A entered on 1 February 2022 and has not left
    assert (measure_a["places"], measure_a["occupied_today"], measure_a["free_today"]) == (3, 1, 2)
    assert client.get("/api/v1/measures/MM/").json()["occupied_today"] == 0
    services.enrolment_exit(
        participation=journeys.participation_a, on=timezone.localdate(), kind="regular", by=None
    )
    assert client.get("/api/v1/measures/MA/").json()["free_today"] == 3  # an exit frees the place that day


def test_an_unknown_code_is_404(journeys, as_persona):
    client = as_persona("coordinator")
    assert client.get("/api/v1/programmes/NOPE/").status_code == 404
    assert client.get("/api/v1/measures/NOPE/").status_code == 404
    assert client.get("/api/v1/persons/999999999999999999/").status_code == 404
    assert client.get("/api/v1/persons/abc/").status_code == 404


def test_an_overbooked_measure_shows_no_negative_free_places(world, journeys, as_persona):
    world.measure_a.places = 1
    world.measure_a.save()
    assert dt.date(2022, 2, 1) <= timezone.localdate()
    body = as_persona("coordinator").get("/api/v1/measures/MA/").json()
    assert (body["occupied_today"], body["free_today"]) == (1, 0)
    world.measure_a.places = 0
    world.measure_a.save()
    body = as_persona("coordinator").get("/api/v1/measures/MA/").json()
    assert (body["occupied_today"], body["free_today"]) == (1, 0)
