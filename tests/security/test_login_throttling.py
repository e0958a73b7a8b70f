"""Guessing passwords or codes is throttled: 5 failures per user name (20 per address) lock for 15 min."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.accounts.models import LoginThrottle
from tests.factories import UserFactory
from tests.security.conftest import PASSWORD, confirmed_device, current_code, password_login

pytestmark = pytest.mark.django_db


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_even_the_right_one(client):
    UserFactory(username="ziel")
    for _ in range(4):
        response = password_login(client, "ziel", "falsch")
        assert response.status_code == 200
        assert "gesperrt" not in response.content.decode()
    fifth = password_login(client, "ziel", "falsch")
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in fifth.content.decode()

    right = password_login(client, "ziel", PASSWORD)
    assert right.status_code == 200
    assert not _logged_in(client)
    assert "gesperrt" in right.content.decode()


def test_the_lock_ends_after_the_window(client):
    UserFactory(username="geduld")
    for _ in range(5):
        password_login(client, "geduld", "falsch")
    LoginThrottle.objects.update(
        locked_until=timezone.now() - dt.timedelta(seconds=1),
        window_start=timezone.now() - dt.timedelta(minutes=16),
    )
    assert password_login(client, "geduld", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_the_user_name_is_normalised(client):
    UserFactory(username="gross")
    for name in ["Gross", "GROSS", " gross", "gRoss", "gross "]:
        password_login(client, name, "falsch")
    assert password_login(client, "gross", PASSWORD).status_code == 200
    assert not _logged_in(client)


def test_a_success_resets_the_user_counter(client):
    UserFactory(username="vertipper")
    for _ in range(4):
        password_login(client, "vertipper", "falsch")
    assert password_login(client, "vertipper", PASSWORD).status_code == 302
    client.post("/abmelden/")
    for _ in range(4):
        password_login(client, "vertipper", "falsch")
    assert password_login(client, "vertipper", PASSWORD).status_code == 302


def test_one_address_trying_many_names_is_locked(client):
    UserFactory(username="echt")
    for n in range(20):
        password_login(client, f"rate{n}", "falsch", REMOTE_ADDR="203.0.113.9")
    assert password_login(client, "echt", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert not _logged_in(client)
    # another address is not affected
    assert password_login(client, "echt", PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 302


def test_neither_names_nor_addresses_are_stored_in_clear(client):
    password_login(client, "geheimname", "falsch", REMOTE_ADDR="203.0.113.77")
    keys = list(LoginThrottle.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all("geheimname" not in k and "203.0.113" not in k and len(k) == 64 for k in keys)


def test_guessing_the_second_factor_locks_and_logs_out(client, require_2fa):
    user = UserFactory(username="codeziel")
    device = confirmed_device(user)
    password_login(client, "codeziel")
    wrong = "000000" if current_code(device) != "000000" else "111111"
    for _ in range(3):  # the password login already reset the counter; 5 code failures lock
        client.post("/konto/zwei-faktor/pruefen/", {"code": wrong})
    client.post("/konto/zwei-faktor/pruefen/", {"code": wrong})
    last = client.post("/konto/zwei-faktor/pruefen/", {"code": wrong}, follow=True)
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in last.content.decode()
    assert not _logged_in(client)
    # and the password alone does not get back in during the lock
    assert password_login(client, "codeziel").status_code == 200
    assert not _logged_in(client)


def test_django_otp_back_off_is_on_outside_tests():
    from django.conf import settings

    assert getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1) >= 1
