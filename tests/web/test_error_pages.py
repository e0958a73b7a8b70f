"""Friendly German error pages without technical detail or personal data."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import override_settings


def test_404_page_is_german_and_friendly(client, world):
    client.force_login(world.personas["regional"])
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert "Zur Startseite" in html
    assert "Traceback" not in html and "/gibt-es-nicht/" not in html.split("<main")[1]


def test_404_for_a_scope_refusal_looks_the_same(client, world):
    client.force_login(world.personas["regional"])
    html = client.get("/protokoll/").content.decode()
    assert "Seite nicht gefunden" in html


def test_403_template():
    html = render_to_string("403.html")
    assert "Kein Zugriff" in html
    assert "Für diese Aktion fehlt Ihnen die Berechtigung." in html


def test_csrf_failure_page_is_german(client, world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/anmelden/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Sitzung abgelaufen" in response.content.decode()


def test_500_page_stands_alone_without_context():
    html = render_to_string("500.html")
    assert '<html lang="de">' in html
    assert "Ein Fehler ist aufgetreten" in html
    assert "Traceback" not in html


@override_settings(DEBUG=False)
def test_500_page_is_served_on_an_error(client, world, settings):
    settings.ROOT_URLCONF = "tests.web.error_urls"
    client.raise_request_exception = False
    response = client.get("/kaputt/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Ein Fehler ist aufgetreten" in html
    assert "geheime Detailinformation" not in html
