"""Journey actions through the forms: saved through journeys.services on success; a rule
violation appears next to the field in German (200 without JS, 422 for htmx) and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys.models import JourneyEvent
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = pytest.mark.django_db


def action_url(participation, slug):
    return reverse("casework:journey_action", args=[participation.pk, slug])


def test_exit_before_entry_is_refused_next_to_the_date(client, world, journey):
    client.force_login(world.personas["regional"])
    before = JourneyEvent.objects.count()
    response = client.post(
        action_url(journey, "austritt"),
        {"occurred_on": "2024-01-20", "exit_kind": "regular", "statuses": ["job_seeking"]},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("occurred_on"), form.errors  # the message sits at the date field
    assert JourneyEvent.objects.count() == before
    journey.refresh_from_db()
    assert journey.state == "in_stage"


def test_htmx_refusal_is_422_with_the_form_only(client, world, journey):
    client.force_login(world.personas["regional"])
    response = client.post(
        action_url(journey, "austritt"),
        {"occurred_on": "2024-01-20", "exit_kind": "regular", "statuses": ["job_seeking"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" not in html
    assert 'class="field__error"' in html


def test_exit_is_recorded(client, world, journey):
    client.force_login(world.personas["regional"])
    response = client.post(
        action_url(journey, "austritt"),
        {
            "occurred_on": "2024-06-28",
            "exit_kind": "early_positive",
            "statuses": ["employed_svb"],
            "reason": "Arbeit",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?teilnahme={journey.pk}")
    event = JourneyEvent.objects.get(participation=journey, kind="exit")
    assert (event.occurred_on, event.exit_kind, event.statuses) == (
        dt.date(2024, 6, 28),
        "early_positive",
        "employed_svb",
    )
    assert event.recorded_by == world.personas["regional"]
    journey.refresh_from_db()
    assert journey.state == "exited"


def test_htmx_success_redirects_with_header(client, world, journey):
    client.force_login(world.personas["regional"])
    response = client.post(
        action_url(journey, "verlaengerung"),
        {"occurred_on": "2024-06-01", "planned_end": "2025-01-31", "reason": "Prüfung im Januar"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].endswith(f"?teilnahme={journey.pk}")
    journey.refresh_from_db()
    assert journey.planned_end == dt.date(2025, 1, 31)


@pytest.fixture
def suitable(world):
    person = make_person("Neumann", "Lea", "P-3001")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    from stufenweg.journeys import services

    services.participation_assessment_result(
        participation=participation, on=dt.date(2024, 1, 20), result="suitable", stage=world.s3, by=None
    )
    return participation


def _fill(world, measure, n, on=dt.date(2024, 1, 10)):
    for i in range(n):
        person = make_person("Voll", f"Person{i}", f"F-{measure.code}-{i}")
        enter(world, start_journey(world, person, on=dt.date(2023, 12, 1)), measure=measure, on=on)


def test_entry_offers_only_measures_with_a_free_place(client, world, suitable):
    # measure_a (3 places) is full on 1 Feb 2024; measure_b and measure_m have free places, but
    # measure_b lies in region B, outside the regional office's area (casework.area)
    _fill(world, world.measure_a, 3)
    client.force_login(world.personas["regional"])
    response = client.get(action_url(suitable, "eintritt"), {"occurred_on": "2024-02-01"})
    choices = {m.code for m in response.context["form"].fields["measure"].queryset}
    assert choices == {"MM"}
    html = response.content.decode()
    assert "belegt 0 von 3" in html


def test_entry_into_full_measure_is_refused(client, world, suitable):
    _fill(world, world.measure_a, 3)
    client.force_login(world.personas["regional"])
    response = client.post(
        action_url(suitable, "eintritt"),
        {
            "occurred_on": "2024-02-01",
            "measure": world.measure_a.pk,
            "stage": world.s3.pk,
            "employment_status": "unemployed",
            "benefit": "sgb2",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("measure")
    assert not JourneyEvent.objects.filter(participation=suitable, kind="entry").exists()


def test_overbooking_needs_the_checkbox(client, world, suitable):
    world.measure_a.allow_overbooking = True
    world.measure_a.save()
    _fill(world, world.measure_a, 3)
    client.force_login(world.personas["regional"])
    data = {
        "occurred_on": "2024-02-01",
        "measure": world.measure_a.pk,
        "stage": world.s3.pk,
        "employment_status": "unemployed",
        "unemployed_since": "2020-01-01",
        "benefit": "sgb2",
    }
    response = client.post(action_url(suitable, "eintritt"), data)
    assert response.status_code == 200
    assert "ausdrücklich bestätigt" in str(response.context["form"].errors["measure"])
    assert "belegt 3 von 3" in response.content.decode()
    response = client.post(action_url(suitable, "eintritt"), {**data, "confirm_overbooking": "on"})
    assert response.status_code == 302
    assert JourneyEvent.objects.filter(participation=suitable, kind="entry", measure=world.measure_a).exists()


def test_correct_and_void_an_event(client, world, journey):
    client.force_login(world.personas["regional"])
    entry = JourneyEvent.objects.get(participation=journey, kind="entry")
    url = reverse("casework:event_correct", args=[entry.pk])
    response = client.post(url, {"occurred_on": "2024-02-05", "planned_end": "2024-12-31", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors.get("reason")
    response = client.post(
        url, {"occurred_on": "2024-02-05", "planned_end": "2024-12-31", "reason": "Tippfehler"}
    )
    assert response.status_code == 302
    correction = JourneyEvent.objects.get(supersedes=entry)
    assert correction.occurred_on == dt.date(2024, 2, 5)
    # the corrected original can no longer be corrected or voided
    assert client.get(url).status_code == 404
    # the timeline marks the original as corrected and the new one as a correction
    page = client.get(reverse("casework:participant_detail", args=[journey.person_id])).content.decode()
    assert "korrigiert" in page and "Korrektur" in page
    internship = client.post(
        action_url(journey, "praktikum"),
        {"occurred_on": "2024-03-04", "employer": world.employer.pk, "first_labour_market": "true"},
    )
    assert internship.status_code == 302
    event = JourneyEvent.objects.get(participation=journey, kind="internship")
    response = client.post(reverse("casework:event_void", args=[event.pk]), {"reason": "falsche Person"})
    assert response.status_code == 302
    assert JourneyEvent.objects.filter(kind="void", supersedes=event, reason="falsche Person").exists()


def test_jobcenter_refers_a_new_person(client, world):
    client.force_login(world.personas["jobcenter"])
    url = reverse("casework:refer")
    page = client.get(url)
    assert list(page.context["form"].fields["referrer"].queryset) == [world.jobcenter_a]
    response = client.post(
        url,
        {
            "person_id": "JC-77",
            "last_name": "Weiß",
            "first_name": "Jörg",
            "birth_date": "1975-03-02",
            "gender": "m",
            "programme": world.programme.pk,
            "region": world.region_a.pk,
            "referrer": world.jobcenter_a.pk,
            "occurred_on": "2024-04-02",
        },
    )
    assert response.status_code == 302
    event = JourneyEvent.objects.get(kind="referral", participation__person__person_id="JC-77")
    assert event.referrer == world.jobcenter_a
    assert response["Location"].endswith(f"?teilnahme={event.participation_id}")
    # the new person is found by the umlaut-insensitive search at once
    listing = client.get(reverse("casework:participant_list"), {"q": "weiss joerg", "status": ""})
    assert [p.person.person_id for p in listing.context["rows"]] == ["JC-77"]
    # a second referral with the same person id is refused at the field, nothing saved
    again = client.post(url, {**response.wsgi_request.POST.dict(), "first_name": "Other"})
    assert again.status_code == 200 and again.context["form"].errors.get("person_id")


def test_refresh_recounts_places_for_the_typed_date_without_errors(client, world, suitable):
    # measure_a is full from 10 Jan 2024 on; on 5 Jan 2024 it still has three free places
    _fill(world, world.measure_a, 3, on=dt.date(2024, 1, 10))
    client.force_login(world.personas["regional"])
    url = action_url(suitable, "eintritt")
    later = client.post(url, {"occurred_on": "2024-02-01", "_refresh": "1"})
    earlier = client.post(url, {"occurred_on": "2024-01-05", "stage": world.s3.pk, "_refresh": "1"})
    assert {m.code for m in later.context["form"].fields["measure"].queryset} == {"MM"}
    assert {m.code for m in earlier.context["form"].fields["measure"].queryset} == {"MA", "MM"}
    assert not earlier.context["form"].errors
    assert 'value="2024-01-05"' in earlier.content.decode()
    assert not JourneyEvent.objects.filter(participation=suitable, kind="entry").exists()
