"""Security headers on every page: CSP without unsafe-inline/unsafe-eval, frame denial, referrer
policy, nosniff; HSTS and secure cookies in production."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/anmelden/", "/health/", "/api/v1/programmes/"])
def test_csp_is_strict_everywhere(client, path):
    response = client.get(path)
    csp = _csp(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_with_personal_data_are_not_cached(client):
    client.force_login(UserFactory(username="cache"))
    assert "no-store" in client.get("/")["Cache-Control"]


def test_a_loose_csp_setting_is_refused(settings):
    from stufenweg.core.security import content_security_policy

    settings.STUFENWEG_CSP = {"script-src": "'self' 'unsafe-inline'"}
    with pytest.raises(ValueError):
        content_security_policy()


PROD_CHECK = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
    "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.STUFENWEG_REQUIRE_2FA, s.DEBUG)"
)


def test_production_turns_on_hsts_and_secure_cookies():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.production",
        "SECRET_KEY": "y" * 50,
        "ALLOWED_HOSTS": "stufenweg.example",
        "DATABASE_URL": "postgres://u:p@db.example:5432/stufenweg",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROD_CHECK], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    hsts, subdomains, redirect, session_secure, csrf_secure, cookie, twofa, debug = result.stdout.split()
    assert int(hsts) >= 31536000
    assert subdomains == redirect == session_secure == csrf_secure == twofa == "True"
    assert cookie.startswith("__Host-")
    assert debug == "False"


def test_production_check_deploy_is_clean():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.production",
        "SECRET_KEY": "z" * 20 + "Q9!kP2@xL7#mN4$vB8%cR1^tY6&wE3*u",
        "ALLOWED_HOSTS": "stufenweg.example",
        "DATABASE_URL": "postgres://u:p@db.example:5432/stufenweg",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "stufenweg",
            "check",
            "--deploy",
            "--tag",
            "security",
            "--fail-level",
            "WARNING",
        ],
        env={k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
