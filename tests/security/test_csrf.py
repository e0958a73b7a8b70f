"""CSRF everywhere: every URL that accepts POST refuses a session request without the token.

Data-driven over the URL resolver, so views added later are included automatically.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.urlmap import all_routes, sample_path

pytestmark = pytest.mark.django_db

# The CSRF check runs before the view (and before any object lookup), so a made-up id suffices.
# The API's views are csrf_exempt for Django, but DRF enforces CSRF for session authentication.


@pytest.mark.parametrize("route", all_routes(), ids=lambda r: r.name)
def test_post_without_csrf_token_is_refused(route, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.personas["coordinator"])
    path = sample_path(route, world)
    response = client.post(path, {"x": "1"})
    assert response.status_code in {403}, (route.name, response.status_code)


def test_login_itself_needs_the_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/anmelden/", {"username": "a", "password": "b"})
    assert response.status_code == 403
