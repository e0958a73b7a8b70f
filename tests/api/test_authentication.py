"""Every endpoint needs a staff user's API key (or a verified session); keys also come from a command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from stufenweg.api.models import ApiKey, key_hash
from stufenweg.core.models import AuditEntry

ENDPOINTS = [
    "/api/v1/programmes/",
    "/api/v1/measures/",
    "/api/v1/persons/",
    "/api/v1/participations/",
    "/api/v1/events/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_without_token_is_401(url, journeys):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Anmeldedaten fehlen."}


def test_a_wrong_token_is_401(journeys):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/persons/").status_code == 401


def test_post_without_token_is_401_and_writes_nothing(journeys):
    before = AuditEntry.objects.count()
    response = APIClient().post("/api/v1/persons/", {"person_id": "X"}, format="json")
    assert response.status_code == 401
    assert AuditEntry.objects.count() == before


def _command(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_a_key_once_that_works(world, journeys):
    key, note = _command("regional", "--name", "Fachverfahren", "--scope", "read", "--days", "30")
    assert key.startswith("sw_")
    api_key = ApiKey.objects.get(user=world.personas["regional"])
    assert (api_key.name, api_key.scope, api_key.secret_hash) == ("Fachverfahren", "read", key_hash(key))
    assert 29 <= (api_key.expires_at - api_key.created_at).days <= 30
    assert "nur jetzt angezeigt" in note and key not in note
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/persons/")
    assert response.status_code == 200
    assert [p["person_id"] for p in response.json()["results"]] == ["PA-1"]


def test_the_command_issues_a_new_key_each_time_lists_and_revokes(world):
    first, _ = _command("regional")
    second, _ = _command("regional", "--scope", "write")
    assert first != second
    listing, _ = _command("regional", "--list")
    assert first not in listing and second not in listing  # only prefixes are listed
    assert listing.count("gültig") == 2
    prefix = "_".join(first.split("_")[:2])
    _command("regional", "--revoke", prefix)
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert old.get("/api/v1/programmes/").status_code == 401
    new = APIClient()
    new.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert new.get("/api/v1/programmes/").status_code == 200
    entries = AuditEntry.objects.filter(object_type="api.apikey")
    assert sorted(entries.values_list("action", flat=True)) == ["create", "create", "update"]
    assert set(entries.values_list("purpose", flat=True)) == {"Kommandozeile"}
    with pytest.raises(CommandError, match="keinen Schlüssel"):
        _command("regional", "--revoke", "sw_00000000")


def test_the_command_refuses_a_validity_beyond_the_maximum(world):
    with pytest.raises(CommandError, match="zwischen 1 und 365 Tagen"):
        _command("regional", "--days", "400")
    assert not ApiKey.objects.exists()


def test_the_command_refuses_unknown_and_inactive_users(world):
    with pytest.raises(CommandError, match="Kein Benutzerkonto"):
        call_command("api_token", "niemand", stdout=StringIO())
    user = world.personas["regional"]
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="deaktiviert"):
        call_command("api_token", "regional", stdout=StringIO())


def test_a_session_login_works_too(world, journeys):
    client = APIClient()
    client.force_login(world.personas["jobcenter"])
    assert client.get("/api/v1/participations/").json()["count"] == 1
