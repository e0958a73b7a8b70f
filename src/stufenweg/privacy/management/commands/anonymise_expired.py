"""``stufenweg anonymise_expired [--dry-run] [--today YYYY-MM-DD]``: erase persons past retention
and delete the problem lists of import runs past theirs (``interchange.retention``)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from stufenweg.interchange.retention import purge_problem_lists
from stufenweg.privacy.tasks import anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymisiert alle Personen, deren Aufbewahrungsfrist abgelaufen ist, und löscht abgelaufene "
        "Problemlisten von Importläufen (täglich ausführen)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="nur auflisten (Datenbank-IDs)")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, dry_run: bool = False, today=None, **options):
        ids = anonymise_expired(today=today, dry_run=dry_run)
        now = None if today is None else timezone.make_aware(dt.datetime.combine(today, dt.time()))
        runs = purge_problem_lists(now=now, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{len(ids)} Personen mit abgelaufener Aufbewahrungsfrist: {ids}")
            self.stdout.write(f"{runs} Importläufe mit abgelaufener Problemliste.")
        else:
            self.stdout.write(f"{len(ids)} Personen anonymisiert.")
            self.stdout.write(f"{runs} Problemlisten von Importläufen gelöscht.")
