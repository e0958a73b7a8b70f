"""Fixtures for the security tests: two-factor login switched on, TOTP codes computed here."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Sicheres-Passwort-2026"  # tests.factories.UserFactory's password


@pytest.fixture
def require_2fa(settings):
    settings.STUFENWEG_REQUIRE_2FA = True
    # django-otp's own back-off (1 s, 2 s, 4 s … after a wrong code) would make the next right code
    # fail within the same second; our lock (accounts.throttle) is tested on its own.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


def current_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset_steps)
    return f"{code:0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test", confirmed=True)


def password_login(client, username: str, password: str = PASSWORD, **extra):
    return client.post("/anmelden/", {"username": username, "password": password}, **extra)


def full_login(client, user) -> None:
    """Password and TOTP through the real pages (the user must have a confirmed device)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = password_login(client, user.username)
    assert response.status_code == 302
    response = client.post("/konto/zwei-faktor/pruefen/", {"code": current_code(device)})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, _document_folder):
    """The permission matrix's world (``matrix_world.build``), built once per module that only reads
    it, rolled back at the end (``tests.conftest.data_for_module``); its person's document goes
    where every test looks for documents (``_document_folder``)."""
    from django.test import override_settings

    from tests.conftest import data_for_module, make_world
    from tests.security.matrix_world import build

    with data_for_module(django_db_blocker):
        with override_settings(STUFENWEG_DOCUMENT_DIR=_document_folder):
            world = build(make_world())
        yield world
