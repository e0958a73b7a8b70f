"""The participant list's default („laufende“) holds on its page and sort links: „Weiter“ and a
column header of the default list led to „?page=2“ / „?sort=-name“, which showed every
participation (ended ones too) and a different count. „alle“ chosen stays all, also when saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.casework.models import SavedFilter
from stufenweg.journeys import services as journeys
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = pytest.mark.django_db
URL = reverse("casework:participant_list")


@pytest.fixture
def cohort(world):
    running = start_journey(world, make_person("Laufend", "Lea", "P-1"), on=dt.date(2024, 1, 8))
    ended = start_journey(world, make_person("Beendet", "Ben", "P-2"), on=dt.date(2024, 1, 8))
    enter(world, ended, stage=world.s3, on=dt.date(2024, 2, 1))
    journeys.enrolment_exit(
        participation=ended, on=dt.date(2024, 3, 1), kind="regular", statuses=["job_seeking"], by=None
    )
    return running, ended


def _names(response):
    return [p.person.last_name for p in response.context["rows"]]


@pytest.mark.parametrize("query", [{}, {"page": "1"}, {"sort": "-name"}, {"sort": "name", "page": "1"}])
def test_page_and_sort_links_keep_the_default(client, world, cohort, query):
    client.force_login(world.personas["coordinator"])
    response = client.get(URL, query)
    assert _names(response) == ["Laufend"]
    assert response.context["form"]["status"].value() == "active"


def test_all_chosen_stays_all_and_is_saved_as_all(client, world, cohort):
    client.force_login(world.personas["coordinator"])
    assert _names(client.get(URL, {"status": "", "sort": "name"})) == ["Beendet", "Laufend"]
    client.post(reverse("casework:saved_filter_save"), {"name": "Alle", "query": "status=&sort=name"})
    saved = SavedFilter.objects.get(name="Alle")
    assert _names(client.get(f"{URL}?{saved.query}")) == ["Beendet", "Laufend"]
