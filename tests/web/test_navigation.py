"""Navigation entries follow the user's scope; missing views are hidden; the current one is marked."""

from __future__ import annotations

import pytest

from stufenweg.web.navigation import navigation_for

ALL = "tests.web.nav_urls"
MINIMAL = "tests.web.nav_urls_minimal"

EXPECTED = {
    "coordinator": [
        "Start",
        "Teilnehmende",
        "Arbeitslisten",
        "Maßnahmen",
        "Berichte",
        "Import",
        "Verwaltung",
        "API-Dokumentation",
    ],
    "regional": ["Start", "Teilnehmende", "Arbeitslisten", "Maßnahmen", "Berichte", "API-Dokumentation"],
    "provider": ["Start", "Teilnehmende", "Arbeitslisten", "Maßnahmen", "API-Dokumentation"],
    "jobcenter": ["Start", "Teilnehmende", "Arbeitslisten", "Maßnahmen", "API-Dokumentation"],
    "mentor": ["Start", "Teilnehmende", "Arbeitslisten", "Maßnahmen", "API-Dokumentation"],
    "dpo": ["Start", "API-Dokumentation", "Protokoll"],
    "outsider": ["Start"],
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_entries_per_persona(world, settings, persona):
    settings.ROOT_URLCONF = ALL
    entries = navigation_for(world.personas[persona], "/")
    assert [e.label for e in entries] == EXPECTED[persona]


def test_entries_whose_view_does_not_exist_are_hidden(world, settings):
    settings.ROOT_URLCONF = MINIMAL
    # the web app's own pages stay: the Verwaltung hub (its areas' links are hidden the same way)
    assert [e.label for e in navigation_for(world.personas["coordinator"], "/")] == ["Start", "Verwaltung"]
    assert [e.label for e in navigation_for(world.personas["dpo"], "/")] == ["Start", "Protokoll"]


def test_current_entry_is_the_longest_matching_url(world, settings):
    settings.ROOT_URLCONF = ALL
    user = world.personas["regional"]
    current = {e.label: e.current for e in navigation_for(user, "/teilnehmende/arbeitslisten/")}
    assert current == {
        "Start": False,
        "Teilnehmende": False,
        "Arbeitslisten": True,
        "Maßnahmen": False,
        "Berichte": False,
        "API-Dokumentation": False,
    }
    # a participant's page belongs to "Teilnehmende"; Start is current only on "/" itself
    assert [e.label for e in navigation_for(user, "/teilnehmende/7/") if e.current] == ["Teilnehmende"]
    assert [e.label for e in navigation_for(user, "/") if e.current] == ["Start"]


def test_anonymous_user_gets_no_navigation(rf):
    from django.contrib.auth.models import AnonymousUser

    assert navigation_for(AnonymousUser(), "/") == []


def test_layout_renders_navigation_with_aria_current(world, client, settings):
    settings.ROOT_URLCONF = ALL
    client.force_login(world.personas["regional"])
    html = client.get("/").content.decode()
    assert '<nav class="main-nav" aria-label="Hauptnavigation">' in html
    assert '<a class="main-nav__link" href="/" aria-current="page">Start</a>' in html
    assert '<a class="main-nav__link" href="/berichte/">Berichte</a>' in html
    assert "Import" not in html
    assert "Protokoll" not in html
