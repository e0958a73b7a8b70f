"""An idle session ends after STUFENWEG_SESSION_IDLE_SECONDS; the cookies are hardened."""

from __future__ import annotations

import time
import types

import pytest

from stufenweg.accounts import middleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _later(monkeypatch, seconds: float) -> None:
    base = time.time()
    monkeypatch.setattr(middleware, "time", types.SimpleNamespace(time=lambda: base + seconds))


def test_idle_session_is_logged_out(client, settings, monkeypatch):
    settings.STUFENWEG_SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(UserFactory(username="pause"))
    assert client.get("/").status_code == 200
    _later(monkeypatch, 31 * 60)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")
    assert "_auth_user_id" not in client.session
    follow = client.get(response["Location"])
    assert "ohne Aktivität abgemeldet" in follow.content.decode()


def test_idle_since_login_counts_too(client, settings, monkeypatch):
    settings.STUFENWEG_SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(UserFactory(username="nieaktiv"))
    _later(monkeypatch, 31 * 60)
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session(client, settings, monkeypatch):
    settings.STUFENWEG_SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(UserFactory(username="aktiv"))
    client.get("/")
    _later(monkeypatch, 29 * 60)
    assert client.get("/").status_code == 200
    _later(monkeypatch, 58 * 60)  # 29 minutes after the last request
    assert client.get("/").status_code == 200
    assert "_auth_user_id" in client.session


def test_a_forged_activity_cookie_does_not_help(client, settings, monkeypatch):
    settings.STUFENWEG_SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(UserFactory(username="faelscher"))
    client.get("/")
    client.cookies[middleware.SEEN_COOKIE] = str(time.time() + 10_000)
    _later(monkeypatch, 31 * 60)
    assert client.get("/").status_code == 302


def test_session_cookie_settings():
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.CSRF_COOKIE_HTTPONLY is True
    assert settings.STUFENWEG_SESSION_IDLE_SECONDS <= 30 * 60
