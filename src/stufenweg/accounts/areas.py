"""Label, description and test for the link to the account administration in the „Verwaltung“
hub (``web.views.administration``), kept here so that their texts live in this app's catalogue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from stufenweg.accounts.authority import account_authority_of

ACCOUNTS_LABEL = _("Konten")
ACCOUNTS_DESCRIPTION = _(
    "Konten der Mitarbeitenden: Mitgliedschaften und Rollen, Deaktivierung, Link zum Festlegen des "
    "Passworts, Zurücksetzen der Zwei-Faktor-Anmeldung (Vier-Augen-Prinzip)"
)


def manages_accounts(user) -> bool:
    """The coordination office's writers and the organisation administrations (accounts.authority)."""
    return account_authority_of(user).manages_accounts
