"""Every endpoint needs a staff user's token (or a session); the token comes from a command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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


def test_the_command_prints_a_token_that_works(world, journeys):
    out = StringIO()
    call_command("api_token", "regional", stdout=out)
    key = out.getvalue().strip()
    assert len(key) == 40
    assert Token.objects.get(user=world.personas["regional"]).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/persons/")
    assert response.status_code == 200
    assert [p["person_id"] for p in response.json()["results"]] == ["PA-1"]


def test_the_command_repeats_the_same_token_and_rotate_replaces_it(world):
    first, again, rotated = StringIO(), StringIO(), StringIO()
    call_command("api_token", "regional", stdout=first)
    call_command("api_token", "regional", stdout=again)
    call_command("api_token", "regional", "--rotate", stdout=rotated)
    assert first.getvalue() == again.getvalue()
    assert rotated.getvalue() != first.getvalue()
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first.getvalue().strip()}")
    assert old.get("/api/v1/programmes/").status_code == 401
    assert AuditEntry.objects.filter(object_type="authtoken.token").count() == 2  # created, rotated


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
