"""Two-factor devices: set-up, confirmation, recovery codes."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry

RECOVERY_CODES = 10
TOTP_NAME = "Authenticator-App"
STATIC_NAME = "Wiederherstellungscodes"


def pending_totp_device(*, user) -> TOTPDevice:
    """The unconfirmed device for the set-up (one per user, made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URL as an SVG QR code, rendered on the server (no script, no CDN)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1]
    return svg.replace("<svg ", '<svg role="img" aria-label="QR-Code" class="qr-code" ', 1)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, by) -> list[str]:
    """Confirm ``device`` and issue fresh recovery codes (shown to the user once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    codes = recovery_codes_issue(user=device.user, by=by, audit=False)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        object_type="accounts.two_factor",
        object_id=str(device.user_id),
        summary="Zwei-Faktor-Anmeldung eingerichtet",
    )
    return codes


@transaction.atomic
def recovery_codes_issue(*, user, by, audit: bool = True) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=STATIC_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    if audit:
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            object_type="accounts.two_factor",
            object_id=str(user.pk),
            summary="Neue Wiederherstellungscodes ausgegeben",
        )
    return codes


@transaction.atomic
def two_factor_reset(*, user, by) -> tuple[int, int]:
    """Remove every device of ``user``, end the user's sessions and revoke the user's API keys;
    the next login walks through the set-up again. Returns (sessions ended, keys revoked).

    The command line (``stufenweg reset_2fa``, ``by=None``) calls this directly; on the web the
    reset needs a second person's confirmation (``reset_services.two_factor_reset_confirm``)."""
    from stufenweg.accounts.reset_services import two_factor_remove

    return two_factor_remove(account=user, by=by, why="Zwei-Faktor zurückgesetzt")
