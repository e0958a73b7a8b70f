"""``stufenweg api_token USERNAME [--rotate]``: print the API token of a staff user."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from stufenweg.api.services import api_token_issue
from stufenweg.organisations.models import User


class Command(BaseCommand):
    help = "Gibt das API-Token eines Benutzerkontos aus (legt es bei Bedarf an; --rotate: neues Token)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="altes Token ungültig machen und ein neues ausgeben"
        )

    def handle(self, *args, username: str, rotate: bool, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Benutzerkonto „{username}“.")
        if not user.is_active:
            raise CommandError(f"Das Benutzerkonto „{username}“ ist deaktiviert.")
        token = api_token_issue(user=user, rotate=rotate, purpose="Kommandozeile")
        self.stdout.write(token.key)
