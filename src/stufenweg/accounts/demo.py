"""Demo step: a confirmed TOTP device for every persona, with a secret derived from the user name.

Log in to the demo with the persona's user name and the demo password, then enter the code that
``stufenweg totp_code USERNAME`` prints (DEBUG only) or that an authenticator app shows after
adding the printed secret. Other demo accounts have no device and walk through the set-up.
"""

from __future__ import annotations

import base64
import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.accounts.services import TOTP_NAME


def demo_totp_key(username: str) -> str:
    """A reproducible 20-byte key (hex) for a demo account. Never used outside the demo."""
    return hashlib.sha1(f"stufenweg-demo-totp:{username}".encode()).hexdigest()  # noqa: S324


def demo_secret(username: str) -> str:
    return base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode().rstrip("=")


def create_demo_devices(ctx) -> None:
    usernames = [p["username"] for p in ctx.personas] or list(ctx.users)
    devices = []
    for username in usernames:
        user = ctx.users.get(username)
        if user is None:
            continue
        TOTPDevice.objects.filter(user=user).delete()
        devices.append(TOTPDevice(user=user, name=TOTP_NAME, key=demo_totp_key(username), confirmed=True))
    TOTPDevice.objects.bulk_create(devices)
    ctx.out(f"  Zwei-Faktor-Geräte für {len(devices)} Demo-Konten (Code: stufenweg totp_code BENUTZERNAME)")
    for username in usernames:
        if username in ctx.users:
            ctx.out(f"    {username}: TOTP-Schlüssel {demo_secret(username)}")
