"""``stufenweg import PATH``: import a directory of CSV files or an XLSX workbook."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from stufenweg.interchange.importer import import_exchange
from stufenweg.interchange.management.commands._common import command_user
from stufenweg.interchange.problems import UsageError, format_problem
from stufenweg.interchange.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Importiert Daten im Austauschformat (Verzeichnis mit CSV-Dateien oder XLSX-Arbeitsmappe). "
        "Exit-Code 0: importiert; 1: Eingabe abgelehnt, nichts geschrieben; 2: falscher Aufruf."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Verzeichnis mit CSV-Dateien oder .xlsx-Datei")
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts schreiben")
        parser.add_argument("--lang", choices=["de", "en"], default="de", help="Sprache der Meldungen")
        parser.add_argument(
            "--user",
            help=(
                "Benutzername, dem der Import zugeschrieben wird (Mitglied der Regiestelle mit "
                "schreibender Rolle); ohne: das System"
            ),
        )
        parser.add_argument(
            "--progress",
            choices=["auto", "yes", "no"],
            default="auto",
            help="Fortschrittsanzeige auf stderr (auto: nur im Terminal)",
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            by = command_user(options["user"])
            enabled = options["progress"] == "yes" or (options["progress"] == "auto" and sys.stderr.isatty())
            bar = ProgressBar(enabled=enabled)
            try:
                result = import_exchange(options["path"], by=by, dry_run=options["dry_run"], progress=bar)
            except UsageError as exc:
                raise CommandError(str(exc), returncode=2) from None
            finally:
                bar.finish()
            if result.problems:
                for problem in result.problems:
                    self.stderr.write(format_problem(problem))
                raise CommandError(
                    _("%(count)s Probleme gefunden; es wurde nichts geschrieben.")
                    % {"count": len(result.problems)},
                    returncode=1,
                )
            for name, count in result.counts.items():
                self.stdout.write(
                    _("%(file)s: %(created)s neu, %(updated)s geändert, %(unchanged)s unverändert")
                    % {"file": name, **count}
                )
            if options["dry_run"]:
                self.stdout.write(_("Probelauf: Die Eingabe ist fehlerfrei; es wurde nichts geschrieben."))
            elif not result.changed:
                self.stdout.write(_("Nichts zu tun: Alle Datensätze sind bereits vorhanden."))
            else:
                self.stdout.write(_("Import abgeschlossen."))
