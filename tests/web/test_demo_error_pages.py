"""The demo answers a mistyped or forbidden address with the product's German error page, not
Django's English technical page that lists every route of the site (the demo settings keep the
debug pages off; ``STUFENWEG_DEMO`` marks the demo instead)."""

from __future__ import annotations

import importlib


def test_the_demo_settings_keep_debug_pages_off():
    demo = importlib.import_module("stufenweg.config.settings.demo")
    assert demo.DEBUG is False
    assert demo.STUFENWEG_DEMO is True


def test_a_missing_page_in_the_demo_is_the_german_error_page(client, settings):
    settings.DEBUG = False
    settings.STUFENWEG_DEMO = True
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Seite nicht gefunden" in body
    assert "Using the URLconf" not in body and "urlpatterns" not in body
