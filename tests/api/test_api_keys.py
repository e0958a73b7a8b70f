"""API keys are stored as a hash only, expire, can be revoked, and are issued only by the owner in a
verified session or by an administrator; issuing and revoking are audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from stufenweg.api.models import LAST_USED_EVERY, ApiKey
from stufenweg.api.services import api_key_issue, api_key_revoke
from stufenweg.core.models import AuditEntry

URL = "/api/v1/programmes/"


def _client(key: str, keyword: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {key}")
    return client


@pytest.fixture
def issued(world):
    return api_key_issue(
        user=world.personas["regional"], by=None, name="Fachverfahren", scope="read", days=30
    )


def test_only_the_hash_is_stored(issued):
    key = issued.key
    prefix, secret = key.split("_", 2)[1:]
    assert len(secret) >= 40  # 256 random bits
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apikey")
        rows = cursor.fetchall()
    stored = " ".join(str(value) for row in rows for value in row)
    assert prefix in stored
    assert key not in stored and secret not in stored
    assert ApiKey.objects.get().secret_hash != key


def test_token_and_bearer_both_authenticate(issued):
    assert _client(issued.key).get(URL).status_code == 200
    assert _client(issued.key, "Bearer").get(URL).status_code == 200


def test_a_key_works_until_it_expires_and_not_after(issued):
    assert _client(issued.key).get(URL).status_code == 200
    now = timezone.now()  # as if 30 days had passed: created a month ago, expired a second ago
    ApiKey.objects.filter(pk=issued.api_key.pk).update(
        created_at=now - dt.timedelta(days=30), expires_at=now - dt.timedelta(seconds=1)
    )
    response = _client(issued.key).get(URL)
    assert response.status_code == 401
    assert "abgelaufen" in response.json()["detail"]


def test_a_revoked_key_fails_at_once(issued):
    assert _client(issued.key).get(URL).status_code == 200
    api_key_revoke(api_key=issued.api_key, by=None)
    response = _client(issued.key).get(URL)
    assert response.status_code == 401
    assert "widerrufen" in response.json()["detail"]


def test_a_key_of_a_deactivated_account_fails(issued, world):
    user = world.personas["regional"]
    user.is_active = False
    user.save()
    assert _client(issued.key).get(URL).status_code == 401


@pytest.mark.parametrize(
    "mangle",
    [
        lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"),  # right prefix, wrong secret
        lambda k: k.replace("sw_", "xx_", 1),
        lambda k: k.split("_", 2)[0] + "_" + k.split("_", 2)[1],  # prefix only
        lambda k: "sw_\x00\x00\x00\x00\x00\x00\x00\x00_abc",
        lambda k: "sw_zzzzzzzz_" + "x" * 300,
    ],
)
def test_a_wrong_or_malformed_key_is_401(issued, mangle):
    response = _client(mangle(issued.key)).get(URL)
    assert response.status_code == 401
    assert response.json()["detail"] == "Ungültiger API-Schlüssel."


def test_the_old_clear_drf_token_no_longer_authenticates(issued, settings):
    """A 40-hex token of ``rest_framework.authtoken`` (the old format) is refused, and that app is
    gone: no table could hold a clear token any more."""
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
    assert "authtoken_token" not in connection.introspection.table_names()
    response = _client("9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b").get(URL)
    assert response.status_code == 401


def test_last_used_is_written_at_most_every_few_minutes(issued):
    api_key = issued.api_key
    client = _client(issued.key)
    assert client.get(URL).status_code == 200
    api_key.refresh_from_db()
    first = api_key.last_used_at
    assert first is not None
    client.get(URL)
    api_key.refresh_from_db()
    assert api_key.last_used_at == first  # no write per request
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=first - LAST_USED_EVERY)
    client.get(URL)
    api_key.refresh_from_db()
    assert api_key.last_used_at > first


def test_issue_and_revoke_are_audited_without_the_key(world):
    user = world.personas["regional"]
    issued = api_key_issue(user=user, by=user, name="Skript", scope="write", days=10, purpose="Mein Konto")
    api_key_revoke(api_key=issued.api_key, by=user, purpose="Mein Konto")
    created, revoked = AuditEntry.objects.filter(object_type="api.apikey").order_by("at", "id")
    assert (created.action, created.actor, created.object_id) == ("create", user, str(issued.api_key.pk))
    assert created.after["prefix"] == issued.api_key.prefix and created.after["scope"] == "write"
    assert revoked.action == "update" and revoked.before["revoked_at"] is None
    assert revoked.after["revoked_at"] is not None
    everything = " ".join(str(v) for e in (created, revoked) for v in (e.summary, e.before, e.after))
    assert issued.key.split("_", 2)[2] not in everything
    api_key_revoke(api_key=issued.api_key, by=user)  # again: nothing changes, no second row
    assert AuditEntry.objects.filter(object_type="api.apikey").count() == 2


def test_validity_is_required_and_bounded(world):
    user = world.personas["regional"]
    for days in (0, -5, 366):
        with pytest.raises(ValidationError):
            api_key_issue(user=user, by=None, name="x", days=days)
    with pytest.raises(ValidationError):
        api_key_issue(user=user, by=None, name="   ")
    issued = api_key_issue(user=user, by=None, name="Voreinstellung")
    assert issued.api_key.scope == "read"
    assert (issued.api_key.expires_at - issued.api_key.created_at).days == 90
    assert ApiKey.objects.count() == 1


def test_nobody_issues_or_revokes_a_key_for_someone_else(world):
    owner, other = world.personas["regional"], world.personas["coordinator"]
    with pytest.raises(PermissionDenied):
        api_key_issue(user=owner, by=other, name="fremd")
    issued = api_key_issue(user=owner, by=owner, name="eigen")
    with pytest.raises(PermissionDenied):
        api_key_revoke(api_key=issued.api_key, by=other)
    issued.api_key.refresh_from_db()
    assert issued.api_key.revoked_at is None


def test_a_session_without_the_second_factor_cannot_issue_a_key(world, settings):
    settings.STUFENWEG_REQUIRE_2FA = True
    user = world.personas["regional"]
    user.is_verified = lambda: False  # what django-otp's middleware sets for a password-only session
    with pytest.raises(PermissionDenied, match="zweiten Faktor"):
        api_key_issue(user=user, by=user, name="ohne 2FA")
    user.is_verified = lambda: True
    assert api_key_issue(user=user, by=user, name="mit 2FA").api_key.pk
    assert list(ApiKey.objects.values_list("name", flat=True)) == ["mit 2FA"]
