"""Helpers shared by the import and export commands."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from stufenweg.organisations.models import User


def command_user(username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("Den Benutzer „%(name)s“ gibt es nicht.") % {"name": username}, returncode=2)
    return user
