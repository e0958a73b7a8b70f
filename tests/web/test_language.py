"""German by default, English switchable through Django's set_language; German date formats."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation


def test_german_by_default(client, world):
    client.force_login(world.personas["regional"])
    html = client.get(reverse("web:home")).content.decode()
    assert '<html lang="de">' in html
    assert "Zum Inhalt springen" in html
    assert '<form class="lang-switch" action="/i18n/setlang/" method="post">' in html


def test_switching_to_english_renders_english(client, scenario):
    client.force_login(scenario.world.personas["regional"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Log out" in html
    assert "Your region: Region A" in html
    assert "Tasks" in html
    assert '<span class="badge badge--in_stage">in stage</span>' in html
    assert "Zum Inhalt springen" not in html


def test_switching_back_to_german(client, world):
    client.force_login(world.personas["regional"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert '<html lang="de">' in client.get("/").content.decode()


def test_login_page_in_english(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("web:login"), {"username": "niemand", "password": "falsch"})
    html = response.content.decode()
    assert "Login failed: the user name or password is wrong." in html
    assert "User name" in html and "Password" in html


def test_dates_in_german_are_day_month_year(client, scenario):
    client.force_login(scenario.world.personas["regional"])
    html = client.get("/").content.decode()
    assert "Stand: 15.06.2025" in html


def test_german_format_module_makes_plain_dates_dd_mm_yyyy(settings):
    """With FORMAT_MODULE_PATH (see docs/ui.md) a bare {{ date }} renders as 01.07.2025 in German."""
    settings.FORMAT_MODULE_PATH = ["stufenweg.web.formats"]
    from django.utils import formats

    formats._format_cache.clear()
    formats._format_modules_cache.clear()
    try:
        with translation.override("de"):
            rendered = Template("{{ day }}|{{ day|date }}").render(Context({"day": dt.date(2025, 7, 1)}))
        assert rendered == "01.07.2025|01.07.2025"
    finally:
        formats._format_cache.clear()
        formats._format_modules_cache.clear()
