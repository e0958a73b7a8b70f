"""A shortened list on the start page links to the whole list it is an excerpt of."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from stufenweg.web import selectors
from tests.conftest import enter, start_journey
from tests.web.conftest import _person


def _html(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_shortened_planned_end_list_links_to_the_worklist(client, scenario, monkeypatch):
    world = scenario.world
    part = start_journey(world, _person("Zweite"), on=dt.date(2025, 5, 1))
    enter(
        world,
        part,
        measure=world.measure_a,
        stage=world.s3,
        on=dt.date(2025, 5, 21),
        planned_end=dt.date(2025, 7, 2),
    )
    monkeypatch.setattr(selectors, "LIST_LIMIT", 1)
    html = _html(client, world.personas["regional"])
    assert "1 von 2 angezeigt." in html
    url = reverse("casework:worklists") + "?liste=planned_ends"
    assert f'<a href="{url}">Alle 2 in der Arbeitsliste anzeigen</a>' in html


def test_shortened_participant_list_links_to_the_participant_list(client, scenario, monkeypatch):
    world = scenario.world
    part = start_journey(world, _person("Zweite"), on=dt.date(2025, 5, 1))
    enter(world, part, measure=world.measure_a, stage=world.s3, on=dt.date(2025, 5, 21))
    monkeypatch.setattr(selectors, "LIST_LIMIT", 1)
    html = _html(client, world.personas["provider"])
    assert "1 von 2 angezeigt." in html
    url = reverse("casework:participant_list")
    assert f'<a href="{url}">Alle in der Teilnehmendenliste anzeigen</a>' in html


def test_a_complete_list_has_no_link(client, scenario):
    html = _html(client, scenario.world.personas["provider"])
    assert "angezeigt." not in html
    assert "Alle in der Teilnehmendenliste anzeigen" not in html
