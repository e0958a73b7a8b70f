"""``stufenweg export --programme CODE PATH``: write a programme's data in the exchange format."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.management.commands._common import command_user
from stufenweg.interchange.problems import UsageError
from stufenweg.interchange.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Exportiert ein Programm im Austauschformat: CSV-Dateien in ein Verzeichnis oder eine "
        "XLSX-Arbeitsmappe. CSV-Zellen, die eine Tabellenkalkulation als Formel ausführen würde, "
        "beginnen mit ' (Formelschutz); --raw schreibt sie unverändert (nur für den Austausch "
        "zwischen Programmen). --excel schreibt CSV für Excel (Semikolon, BOM)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Zielverzeichnis (csv) oder .xlsx-Datei (xlsx)")
        parser.add_argument("--programme", required=True, help="Kürzel des Programms")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--excel", action="store_true", help="CSV für Excel: ; als Trennzeichen, BOM")
        parser.add_argument("--separator", choices=[",", ";"], default=None)
        parser.add_argument("--bom", action="store_true", help="UTF-8-BOM an den Dateianfang")
        parser.add_argument(
            "--raw",
            action="store_true",
            help="ohne Formelschutz: Zellen wie =… +… -… @… unverändert (nur CSV, nur für Programme, "
            "nicht zum Öffnen in einer Tabellenkalkulation)",
        )
        parser.add_argument("--lang", choices=["de", "en"], default="de")
        parser.add_argument("--user", help="Benutzername, dem der Export zugeschrieben wird")
        parser.add_argument("--progress", choices=["auto", "yes", "no"], default="auto")

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            by = command_user(options["user"])
            if options["raw"] and options["excel"]:
                raise CommandError(
                    _("--raw und --excel schließen sich aus: Die Excel-Fassung ist immer formelsicher."),
                    returncode=2,
                )
            separator = options["separator"] or (";" if options["excel"] else ",")
            bom = options["bom"] or options["excel"]
            enabled = options["progress"] == "yes" or (options["progress"] == "auto" and sys.stderr.isatty())
            bar = ProgressBar(enabled=enabled)
            try:
                counts = programme_export(
                    programme_code=options["programme"],
                    path=options["path"],
                    file_format=options["format"],
                    separator=separator,
                    bom=bom,
                    raw=options["raw"],
                    by=by,
                    progress=lambda name, done: bar(name, done, 0),
                )
            except UsageError as exc:
                raise CommandError(str(exc), returncode=2) from None
            finally:
                bar.finish()
            for name, count in counts.items():
                self.stdout.write(_("%(file)s: %(count)s Zeilen") % {"file": name, "count": count})
