"""Two-factor login is enforced for every staff account: set-up on first login, code on every login."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.core.models import AuditEntry
from tests.factories import UserFactory
from tests.security.conftest import confirmed_device, current_code, full_login, password_login

pytestmark = pytest.mark.django_db


def test_first_login_walks_through_the_set_up(client, require_2fa):
    user = UserFactory(username="neu")
    response = password_login(client, "neu")
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zwei-faktor/einrichten/")

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<path" in html  # QR code rendered on the server
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    import base64

    assert base64.b32encode(device.bin_key).decode().rstrip("=") == secret.replace(" ", "")

    wrong = client.post(
        "/konto/zwei-faktor/einrichten/", {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "Der Code stimmt nicht" in wrong.content.decode()
    assert client.get("/").status_code == 302  # still not through

    ok = client.post("/konto/zwei-faktor/einrichten/", {"code": current_code(device)})
    assert ok.status_code == 302
    codes_page = client.get(ok["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert codes_page["Cache-Control"] == "no-store"
    # shown once only
    again = client.get("/konto/zwei-faktor/wiederherstellungscodes/")
    assert again.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert (
        AuditEntry.objects.filter(object_type="accounts.two_factor", summary__contains="eingerichtet").count()
        == 1
    )


def test_returning_user_must_enter_a_code(client, require_2fa):
    user = UserFactory(username="zurueck")
    device = confirmed_device(user)
    password_login(client, "zurueck")
    response = client.get("/teilnehmende/?q=x")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zwei-faktor/pruefen/")
    assert "next=%2Fteilnehmende%2F%3Fq%3Dx" in response["Location"]

    bad = client.post("/konto/zwei-faktor/pruefen/", {"code": "12345x"})
    assert "ungültig" in bad.content.decode()
    assert client.get("/").status_code == 302

    good = client.post(
        "/konto/zwei-faktor/pruefen/", {"code": current_code(device), "next": "/teilnehmende/"}
    )
    assert good.status_code == 302
    assert good["Location"] == "/teilnehmende/"
    assert client.get("/").status_code == 200


def test_verification_refuses_an_open_redirect(client, require_2fa):
    user = UserFactory(username="weiter")
    device = confirmed_device(user)
    password_login(client, "weiter")
    response = client.post(
        "/konto/zwei-faktor/pruefen/", {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_recovery_code_works_exactly_once(client, require_2fa):
    user = UserFactory(username="handyweg")
    confirmed_device(user)
    static = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    StaticToken.objects.create(device=static, token="efgh6789")

    password_login(client, "handyweg")
    response = client.post("/konto/zwei-faktor/pruefen/", {"code": "abcd2345"}, follow=True)
    assert "Wiederherstellungscode verwendet" in response.content.decode()
    assert client.get("/").status_code == 200

    client.post("/abmelden/")
    password_login(client, "handyweg")
    again = client.post("/konto/zwei-faktor/pruefen/", {"code": "abcd2345"})
    assert again.status_code == 200
    assert "ungültig" in again.content.decode()
    assert client.get("/").status_code == 302


def test_the_setup_cannot_replace_a_confirmed_device(client, require_2fa):
    """An attacker with only the password cannot enrol a device of their own."""
    user = UserFactory(username="opfer")
    confirmed_device(user)
    password_login(client, "opfer")
    response = client.get("/konto/zwei-faktor/einrichten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zwei-faktor/pruefen/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_session_api_access_needs_the_second_factor(client, require_2fa):
    user = UserFactory(username="apinutzer")
    device = confirmed_device(user)
    password_login(client, "apinutzer")
    assert client.get("/api/v1/programmes/").status_code in (401, 403)
    client.post("/konto/zwei-faktor/pruefen/", {"code": current_code(device)})
    assert client.get("/api/v1/programmes/").status_code == 200


def test_the_switch_is_what_enforces(client, settings):
    """With the setting off (other areas' tests) no second factor is asked for: the test above
    would therefore fail if the middleware were removed."""
    settings.STUFENWEG_REQUIRE_2FA = False
    UserFactory(username="ohne")
    password_login(client, "ohne")
    assert client.get("/").status_code == 200


def test_exempt_paths_stay_reachable(client, require_2fa):
    UserFactory(username="halb")
    password_login(client, "halb")
    assert client.get("/health/").status_code == 200
    assert client.post("/abmelden/").status_code == 302


def test_full_login_helper_reaches_the_start_page(client, require_2fa):
    user = UserFactory(username="ganz")
    confirmed_device(user)
    full_login(client, user)
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN, actor=user).count() == 1


def test_settings_require_2fa_outside_tests():
    from stufenweg.config.settings import base

    assert base.STUFENWEG_REQUIRE_2FA is True
    from pathlib import Path

    source = Path(base.__file__).with_name("production.py").read_text()
    assert "STUFENWEG_REQUIRE_2FA = True" in source
