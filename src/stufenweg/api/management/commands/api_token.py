"""``stufenweg api_token USERNAME [--rotate]``: print the API token of a staff user."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User


class Command(BaseCommand):
    help = "Gibt das API-Token eines Benutzerkontos aus (legt es bei Bedarf an; --rotate: neues Token)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="altes Token ungültig machen und ein neues ausgeben"
        )

    @transaction.atomic
    def handle(self, *args, username: str, rotate: bool, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Benutzerkonto „{username}“.")
        if not user.is_active:
            raise CommandError(f"Das Benutzerkonto „{username}“ ist deaktiviert.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            audit_write(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type="authtoken.token",
                object_id=str(user.pk),
                summary=f"API-Token für {user.username} {'erneuert' if rotate else 'angelegt'}",
                purpose="Kommandozeile",
            )
        self.stdout.write(token.key)
