"""The demo's second factor: devices for the personas, codes on the command line only in the demo."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.accounts.demo import create_demo_devices, demo_secret
from tests.factories import UserFactory
from tests.security.conftest import current_code

pytestmark = pytest.mark.django_db


def _ctx(users):
    lines = []
    return SimpleNamespace(
        personas=[{"username": u.username} for u in users],
        users={u.username: u for u in users},
        out=lines.append,
        lines=lines,
    )


def test_demo_step_gives_each_persona_a_confirmed_device():
    users = [UserFactory(username="koordination"), UserFactory(username="regional")]
    ctx = _ctx(users)
    create_demo_devices(ctx)
    create_demo_devices(ctx)  # repeatable
    assert TOTPDevice.objects.filter(confirmed=True).count() == 2
    assert any(demo_secret("koordination") in line for line in ctx.lines)


def test_totp_code_refuses_outside_the_demo(settings):
    settings.STUFENWEG_DEMO = False
    settings.DEBUG = True  # debug pages on do not make a demo
    user = UserFactory(username="koordination")
    create_demo_devices(_ctx([user]))
    with pytest.raises(CommandError, match="nur in der Demo"):
        call_command("totp_code", "koordination")


def test_totp_code_prints_the_current_code_in_the_demo(settings):
    settings.STUFENWEG_DEMO = True
    user = UserFactory(username="koordination")
    create_demo_devices(_ctx([user]))
    out = io.StringIO()
    call_command("totp_code", "koordination", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == current_code(TOTPDevice.objects.get(user=user))
