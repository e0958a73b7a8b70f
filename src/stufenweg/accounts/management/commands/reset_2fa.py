"""``stufenweg reset_2fa USERNAME``: remove a user's second factor (lost phone and codes)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stufenweg.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = (
        "Setzt die Zwei-Faktor-Anmeldung eines Kontos zurück; bei der nächsten Anmeldung wird sie neu "
        "eingerichtet. Identität der Person vorher persönlich prüfen."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen {username!r}.")
        two_factor_reset(user=user, by=None)
        self.stdout.write(f"Zwei-Faktor-Anmeldung für {username} zurückgesetzt.")
