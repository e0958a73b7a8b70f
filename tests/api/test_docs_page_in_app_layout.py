"""The API documentation page has the app's header and navigation (it extends the base layout,
CSP-clean: only local scripts, no inline code), and the navigation links to it for every member
of an organisation: everyone who may create an API key (any signed-in user, for themselves) and
read something through it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stufenweg.core.visibility import scope_of

pytestmark = pytest.mark.django_db

LINK = '<a class="main-nav__link" href="/api/docs/"'


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider", "jobcenter", "mentor", "dpo"])
def test_every_member_finds_the_link_and_the_page_has_the_header(client, world, persona):
    user = world.personas[persona]
    assert scope_of(user).staff
    client.force_login(user)
    assert LINK in client.get(reverse("web:home")).content.decode()
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<header class="site-header">' in html
    assert '<nav class="main-nav"' in html
    assert f'{LINK} aria-current="page">API-Dokumentation</a>' in html
    assert '<div id="swagger-ui"' in html
    assert "<h1>API-Dokumentation</h1>" in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []  # no inline script
    assert "style=" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert "swagger-ui-bundle" in scripts[-3]  # the Swagger UI after the app's own scripts


def test_someone_without_an_organisation_gets_no_link(client, world):
    client.force_login(world.personas["outsider"])
    assert LINK not in client.get(reverse("web:home")).content.decode()
