"""Worklist „Geplantes Ende überschritten“: in stage with the planned end already past, counted,
most days overdue first, with links to extend or record the exit for those who may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.casework.overviews import worklists
from stufenweg.journeys import services as journeys
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(world):
    """A second participant, planned end 31 Mar 2024 (overdue longer than the journey's)."""
    participation = start_journey(world, make_person("Früher", "Ende", "P-4001"), on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 3, 31))
    return participation


def test_overdue_lists_past_planned_ends_longest_first(world, journey, later):
    lists = worklists(world.personas["regional"], today=dt.date(2025, 1, 10))
    overdue = lists["overdue"]
    assert [p.pk for p in overdue.rows] == [later.pk, journey.pk]
    assert overdue.total == 2
    assert [p.days_overdue for p in overdue.rows] == [285, 10]
    # not yet overdue on the planned end itself; an exit takes it off the list
    assert [
        p.pk for p in worklists(world.personas["regional"], today=dt.date(2024, 12, 31))["overdue"].rows
    ] == [later.pk]
    journeys.enrolment_exit(
        participation=later, on=dt.date(2025, 1, 5), kind="regular", statuses=["job_seeking"], by=None
    )
    assert [
        p.pk for p in worklists(world.personas["regional"], today=dt.date(2025, 1, 10))["overdue"].rows
    ] == [journey.pk]


def test_overdue_section_links_to_extension_and_exit(client, world, journey):
    client.force_login(world.personas["regional"])
    response = client.get(reverse("casework:worklists"))  # today is long after 31 Dec 2024
    html = response.content.decode()
    assert "Geplantes Ende überschritten" in html
    assert response.context["lists"]["overdue"].total == 1
    assert reverse("casework:journey_action", args=[journey.pk, "verlaengerung"]) in html
    assert reverse("casework:journey_action", args=[journey.pk, "austritt"]) in html


def test_readers_see_the_list_without_action_links(client, world, journey, read_only):
    client.force_login(read_only)
    response = client.get(reverse("casework:worklists"))
    assert response.context["lists"]["overdue"].total == 1
    assert (
        reverse("casework:journey_action", args=[journey.pk, "verlaengerung"])
        not in response.content.decode()
    )
