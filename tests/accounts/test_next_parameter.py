"""The ``next`` parameter of the two-factor pages is followed only to a path on this site.

A value without ``/`` or ``.`` (``?next=' OR 1=1 --``) passed the host check and then went to
``redirect()``, which took it for a view name: NoReverseMatch, a 500. Now anything that is not a
local path (another host, a scheme, a bare word) leads to the start page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/konto/zwei-faktor/wiederherstellungscodes/"


@pytest.mark.parametrize(
    "value",
    ["' OR 1=1 --", "web:home", "ä𝔘", "//evil.example/", "https://evil.example/", "javascript:alert(1)"],
)
def test_anything_but_a_local_path_leads_to_the_start_page(client, world, value):
    client.force_login(world.personas["coordinator"])
    response = client.get(URL, {"next": value})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_local_path_is_followed(client, world):
    client.force_login(world.personas["coordinator"])
    response = client.get(URL, {"next": "/teilnehmende/?region=1"})
    assert response.status_code == 302
    assert response["Location"] == "/teilnehmende/?region=1"
