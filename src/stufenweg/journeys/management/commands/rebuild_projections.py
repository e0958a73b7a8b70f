"""Recompute every participation's current state and enrolments from the journey event log."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from stufenweg.journeys.projection import rebuild_projections
from stufenweg.programmes.models import Programme


class Command(BaseCommand):
    help = "Baut Status und Maßnahmeteilnahmen aller Teilnahmen aus dem Ereignisprotokoll neu auf."

    def add_arguments(self, parser):
        parser.add_argument(
            "--programme", action="append", default=[], help="Programmkürzel (mehrfach möglich)"
        )

    def handle(self, *args, **options):
        programme_ids = None
        if options["programme"]:
            found = dict(Programme.objects.filter(code__in=options["programme"]).values_list("code", "id"))
            missing = sorted(set(options["programme"]) - set(found))
            if missing:
                raise CommandError(f"Unbekanntes Programm: {', '.join(missing)}")
            programme_ids = list(found.values())
        started = time.monotonic()
        count, problems = rebuild_projections(programme_ids=programme_ids)
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"{count} Teilnahmen neu aufgebaut in {time.monotonic() - started:.1f} s.")
        if problems:
            raise CommandError(f"{len(problems)} Teilnahmen konnten nicht neu aufgebaut werden.")
