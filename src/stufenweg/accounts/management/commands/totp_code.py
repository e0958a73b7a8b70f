"""``stufenweg totp_code USERNAME``: the current TOTP code of a demo account (demo only:
``STUFENWEG_DEMO``)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Zeigt den aktuellen Zwei-Faktor-Code eines Demo-Kontos (nur in der Demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not getattr(settings, "STUFENWEG_DEMO", False):
            raise CommandError(
                "totp_code ist nur in der Demo verfügbar. "
                "In Produktion erzeugt ausschließlich die Authenticator-App der Person den Code."
            )
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen {username!r}.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(
                f"Das Konto {username!r} hat noch kein Zwei-Faktor-Gerät; es richtet eines bei der ersten "
                "Anmeldung ein."
            )
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"(gültig noch {remaining} s)")
