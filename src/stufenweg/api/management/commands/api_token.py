"""``stufenweg api_token USERNAME``: issue, list or revoke a user's API keys (administrators).

    stufenweg api_token mmustermann --name "Fachverfahren" --scope read --days 30
    stufenweg api_token mmustermann --list
    stufenweg api_token mmustermann --revoke sw_1a2b3c4d

A new key is printed once on standard output (and nowhere else); only its hash is stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stufenweg.api.models import DEFAULT_DAYS, KEY_PREFIX, MAX_DAYS, ApiKey
from stufenweg.api.services import api_key_issue, api_key_revoke
from stufenweg.organisations.models import User

PURPOSE = "Kommandozeile"
STATUS = {"active": "gültig", "expired": "abgelaufen", "revoked": "widerrufen"}


class Command(BaseCommand):
    help = (
        "Legt einen API-Schlüssel für ein Benutzerkonto an und gibt ihn einmalig aus "
        "(--list: Schlüssel auflisten, --revoke KENNUNG: Schlüssel widerrufen)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default=PURPOSE, help="Bezeichnung des Schlüssels")
        parser.add_argument(
            "--scope",
            choices=ApiKey.Scope.values,
            default=ApiKey.Scope.READ,
            help="read = nur lesen (Voreinstellung), write = lesen und schreiben",
        )
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS, help=f"Gültigkeit in Tagen (1–{MAX_DAYS})"
        )
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--list", action="store_true", help="die Schlüssel des Kontos auflisten")
        action.add_argument("--revoke", metavar="KENNUNG", help="den Schlüssel mit dieser Kennung widerrufen")

    def handle(self, *args, username: str, name: str, scope: str, days: int, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Benutzerkonto „{username}“.")
        if options["list"]:
            return self._list(user)
        if options["revoke"]:
            return self._revoke(user, options["revoke"])
        if not user.is_active:
            raise CommandError(f"Das Benutzerkonto „{username}“ ist deaktiviert.")
        try:
            issued = api_key_issue(user=user, by=None, name=name, scope=scope, days=days, purpose=PURPOSE)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(issued.key)
        expires = timezone.localtime(issued.api_key.expires_at).strftime("%d.%m.%Y %H:%M")
        self.stderr.write(
            f"Schlüssel {issued.api_key.display_prefix} ({issued.api_key.get_scope_display()}) "
            f"gültig bis {expires}. Er wird nur jetzt angezeigt."
        )

    def _list(self, user: User) -> None:
        for api_key in ApiKey.objects.filter(user=user):
            expires = timezone.localtime(api_key.expires_at).strftime("%d.%m.%Y")
            self.stdout.write(
                f"{api_key.display_prefix}\t{api_key.scope}\t{STATUS[api_key.status]}\tbis {expires}\t{api_key.name}"
            )

    def _revoke(self, user: User, label: str) -> None:
        prefix = label.removeprefix(f"{KEY_PREFIX}_")
        api_key = ApiKey.objects.filter(user=user, prefix=prefix).first()
        if api_key is None:
            raise CommandError(f"Das Konto „{user.username}“ hat keinen Schlüssel {label}.")
        api_key_revoke(api_key=api_key, by=None, purpose=PURPOSE)
        self.stdout.write(f"Schlüssel {api_key.display_prefix} widerrufen.")
