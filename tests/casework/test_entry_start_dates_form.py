"""The entry form and a measure without rolling entry: the choice names the next start date; an
entry on another day is refused next to the date with the start dates until the checkbox confirms
it (as an overbooking is); on a start date the checkbox is not even offered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from stufenweg.programmes.models import MeasureStart
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def suitable(world):
    participation = start_journey(world, make_person("Neumann", "Lea", "P-3101"), on=dt.date(2024, 1, 8))
    services.participation_assessment_result(
        participation=participation, on=dt.date(2024, 1, 20), result="suitable", stage=world.s3, by=None
    )
    measure = world.measure_a
    measure.start, measure.rolling_entry = dt.date(2024, 2, 1), False
    measure.save()
    MeasureStart.objects.create(measure=measure, on=dt.date(2024, 3, 1))
    return participation


def _data(world, on):
    return {
        "occurred_on": on,
        "measure": world.measure_a.pk,
        "stage": world.s3.pk,
        "employment_status": "unemployed",
        "unemployed_since": "2020-01-01",
        "benefit": "sgb2",
    }


def _url(participation):
    return reverse("casework:journey_action", args=[participation.pk, "eintritt"])


def test_the_choice_proposes_the_next_start_date(client, world, suitable):
    client.force_login(world.personas["regional"])
    html = client.get(_url(suitable), {"occurred_on": "2024-02-05"}).content.decode()
    assert "Einstieg zu Startterminen; nächster Starttermin 01.03.2024" in html
    assert "Eintritt außerhalb der Starttermine bestätigen" in html


def test_on_a_start_date_nothing_needs_confirming(client, world, suitable):
    client.force_login(world.personas["regional"])
    response = client.get(_url(suitable), {"occurred_on": "2024-03-01"})
    assert "confirm_entry_date" not in response.context["form"].fields
    assert "01.03.2024 ist ein Starttermin" in response.content.decode()
    response = client.post(_url(suitable), _data(world, "2024-03-01"))
    assert response.status_code == 302


def test_an_entry_off_the_start_dates_needs_the_checkbox(client, world, suitable):
    client.force_login(world.personas["regional"])
    response = client.post(_url(suitable), _data(world, "2024-02-05"))
    assert response.status_code == 200
    errors = str(response.context["form"].errors["occurred_on"])
    assert "01.02.2024, 01.03.2024" in errors and "Nächster Starttermin: 01.03.2024" in errors
    assert not JourneyEvent.objects.filter(participation=suitable, kind="entry").exists()
    response = client.post(_url(suitable), {**_data(world, "2024-02-05"), "confirm_entry_date": "on"})
    assert response.status_code == 302
    entry = JourneyEvent.objects.get(participation=suitable, kind="entry")
    assert entry.occurred_on == dt.date(2024, 2, 5)
