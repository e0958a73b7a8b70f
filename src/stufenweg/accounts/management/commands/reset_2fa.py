"""``stufenweg reset_2fa USERNAME``: remove a user's second factor (lost phone and codes), end the
user's sessions and revoke the user's API keys (``accounts.services.two_factor_reset``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stufenweg.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = (
        "Setzt die Zwei-Faktor-Anmeldung eines Kontos zurück; bei der nächsten Anmeldung wird sie neu "
        "eingerichtet. Beendet die Sitzungen des Kontos und widerruft seine API-Schlüssel. Identität der "
        "Person vorher persönlich prüfen. Im Web braucht das Zurücksetzen die Bestätigung einer zweiten "
        "Person (Verwaltung › Konten)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen {username!r}.")
        ended, keys = two_factor_reset(user=user, by=None)
        self.stdout.write(
            f"Zwei-Faktor-Anmeldung für {username} zurückgesetzt; {ended} Sitzungen beendet, "
            f"{keys} API-Schlüssel widerrufen."
        )
