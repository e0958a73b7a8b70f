"""„Mein Konto“ → API-Schlüssel: list, create (the key shown exactly once), revoke; only one's own
keys; only in a session verified with the second factor."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from stufenweg.api.models import ApiKey, key_hash
from stufenweg.api.services import api_key_issue
from stufenweg.core.models import AuditEntry
from tests.security.conftest import confirmed_device, full_login, password_login

pytestmark = pytest.mark.django_db
PAGE = "/konto/"
CREATE = "/konto/api-schluessel/"
KEY = re.compile(r'id="api-key"[^>]*value="(sw_[0-9a-f]{8}_[A-Za-z0-9_-]+)"')


def _create(client, **data):
    return client.post(CREATE, {"name": "Fachverfahren", "scope": "read", "days": "30", **data})


def test_the_page_lists_own_keys_only(client, world):
    mine = api_key_issue(user=world.personas["regional"], by=None, name="Mein Skript", scope="write")
    theirs = api_key_issue(user=world.personas["coordinator"], by=None, name="Fremdes Skript")
    client.force_login(world.personas["regional"])
    html = client.get(PAGE).content.decode()
    assert "API-Schlüssel" in html and "Mein Skript" in html
    assert mine.api_key.display_prefix in html and "Lesen und schreiben" in html and "Gültig" in html
    assert "Fremdes Skript" not in html and theirs.api_key.display_prefix not in html
    assert mine.key not in html


def test_creating_shows_the_key_once(client, world):
    user = world.personas["regional"]
    client.force_login(user)
    response = _create(client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = KEY.search(response.content.decode()).group(1)
    api_key = ApiKey.objects.get(user=user)
    assert (
        api_key.secret_hash == key_hash(key) and api_key.scope == "read" and api_key.name == "Fachverfahren"
    )
    assert "nur dieses eine Mal angezeigt" in response.content.decode()
    again = client.get(PAGE).content.decode()
    assert key not in again and key.split("_", 2)[2] not in again
    assert api_key.display_prefix in again  # listed by its prefix only
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/programmes/").status_code == 200
    entry = AuditEntry.objects.get(object_type="api.apikey")
    assert (entry.action, entry.actor, entry.purpose) == ("create", user, "Mein Konto")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "Dieses Feld ist zwingend erforderlich."),
        ({"days": "366"}, "days", "kleiner oder gleich 365"),
        ({"days": "0"}, "days", "größer oder gleich 1"),
        ({"scope": "admin"}, "scope", "Auswahl"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_creates_nothing(client, world, data, field, message):
    client.force_login(world.personas["regional"])
    response = _create(client, **data)
    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(rf'id="id_{field}_error">([^<]*)<', html)
    assert error and message in error.group(1), html[:3000]
    assert not ApiKey.objects.exists()
    assert not KEY.search(html)


def test_revoking_own_key(client, world):
    user = world.personas["regional"]
    issued = api_key_issue(user=user, by=None, name="Alt")
    client.force_login(user)
    page = client.get(PAGE).content.decode()
    action = f"/konto/api-schluessel/{issued.api_key.pk}/widerrufen/"
    assert f'action="{action}"' in page and "data-confirm=" in page
    assert client.get(action).status_code == 405  # GET changes nothing
    response = client.post(action)
    assert response.status_code == 302
    issued.api_key.refresh_from_db()
    assert issued.api_key.revoked_at is not None
    assert "Widerrufen" in client.get(PAGE).content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
    assert api.get("/api/v1/programmes/").status_code == 401
    assert AuditEntry.objects.filter(object_type="api.apikey", action="update", actor=user).count() == 1


def test_another_users_key_cannot_be_revoked(client, world):
    issued = api_key_issue(user=world.personas["coordinator"], by=None, name="Fremd")
    client.force_login(world.personas["regional"])
    response = client.post(f"/konto/api-schluessel/{issued.api_key.pk}/widerrufen/")
    assert response.status_code == 404
    issued.api_key.refresh_from_db()
    assert issued.api_key.revoked_at is None
    assert not AuditEntry.objects.filter(object_type="api.apikey", action="update").exists()


def test_revoking_needs_the_csrf_token(world):
    from django.test import Client

    user = world.personas["regional"]
    issued = api_key_issue(user=user, by=None, name="Alt")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(f"/konto/api-schluessel/{issued.api_key.pk}/widerrufen/").status_code == 403
    assert client.post(CREATE, {"name": "x", "scope": "read", "days": "5"}).status_code == 403
    issued.api_key.refresh_from_db()
    assert issued.api_key.revoked_at is None and ApiKey.objects.count() == 1


def test_a_password_only_session_cannot_create_a_key(client, world, settings):
    settings.STUFENWEG_REQUIRE_2FA = True  # as in production (tests/security/conftest.py)
    user = world.personas["regional"]
    confirmed_device(user)
    assert password_login(client, user.username).status_code == 302
    response = _create(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zwei-faktor/pruefen/")
    assert not ApiKey.objects.exists()
    # after the second factor the same session may
    client.logout()
    full_login(client, user)
    response = _create(client)
    assert response.status_code == 200 and KEY.search(response.content.decode())
    assert ApiKey.objects.filter(user=user).count() == 1
