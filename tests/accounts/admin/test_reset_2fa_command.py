"""``stufenweg reset_2fa``: removes the devices, ends the sessions and revokes the API keys."""

from __future__ import annotations

import io

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.api.models import ApiKey
from stufenweg.api.services import api_key_issue
from tests.security.conftest import confirmed_device

pytestmark = pytest.mark.django_db


def test_the_command_revokes_keys_and_ends_sessions(staff):
    user = staff.staff_a
    confirmed_device(user)
    Client().force_login(user)
    key = api_key_issue(user=user, by=None, name="Skript", days=30).api_key
    out = io.StringIO()
    call_command("reset_2fa", user.username, stdout=out)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
    assert not Session.objects.exists()
    assert "1 Sitzungen beendet, 1 API-Schlüssel widerrufen" in out.getvalue()
