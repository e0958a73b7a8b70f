"""``stufenweg report``: the indicator report on the command line (INDICATORS.md, Output contract).

    stufenweg report --programme CODE --from DATE --to DATE [--as-of DATE]
        [--recorded-on TIMESTAMP] [--by DIMENSION]... [--indicator ID]...
        --format json|csv|xlsx|pdf [--output FILE] [--suppress-below N]
        [--csv-variant maschinell|excel]

``--csv-variant``: ``maschinell`` (default, the contract's CSV: ``,``, codes, decimal point) or
``excel`` (for German Excel: ``;``, BOM, decimal comma, German headers and labels).
Usage errors exit with status 2 and a German message.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stufenweg.indicators.definitions import BY_ID, DIMENSIONS
from stufenweg.indicators.results import ReportParams

FORMATS = ("json", "csv", "xlsx", "pdf")


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def parse_date(value: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise usage_error(f"{flag}: „{value}“ ist kein gültiges Datum (JJJJ-MM-TT).") from None


def parse_timestamp(value: str, flag: str) -> dt.datetime:
    """ISO 8601 timestamp; a plain date means the end of that day (local time)."""
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            moment = dt.datetime.combine(day, dt.time.max)
        else:
            moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise usage_error(f"{flag}: „{value}“ ist kein gültiger Zeitpunkt (ISO 8601).") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = "Kennzahlenbericht eines Programms als JSON, CSV, XLSX oder PDF."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def german_error(message):
            raise usage_error(f"Aufruf fehlerhaft: {message}. Hilfe: stufenweg report --help")

        parser.error = german_error
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="Programmkürzel")
        parser.add_argument("--from", dest="date_from", help="Beginn des Zeitraums (JJJJ-MM-TT)")
        parser.add_argument("--to", dest="date_to", help="Ende des Zeitraums (JJJJ-MM-TT)")
        parser.add_argument("--as-of", dest="as_of", help="Stichtag (Standard: Ende des Zeitraums)")
        parser.add_argument("--recorded-on", dest="recorded_on", help="Erfassungsstand (Standard: jetzt)")
        parser.add_argument("--by", action="append", default=[], help="Aufschlüsselung (mehrfach möglich)")
        parser.add_argument("--indicator", action="append", default=[], help="Kennzahl-ID (mehrfach möglich)")
        parser.add_argument("--format", dest="fmt", help="json, csv, xlsx oder pdf")
        parser.add_argument("--output", help="Ausgabedatei (Standard: Standardausgabe)")
        parser.add_argument(
            "--csv-variant",
            dest="csv_variant",
            default="maschinell",
            help="CSV: maschinell (Standard: Komma, Codes, Dezimalpunkt) oder excel (Semikolon, "
            "BOM, Dezimalkomma, deutsche Spalten)",
        )
        parser.add_argument(
            "--suppress-below", dest="suppress_below", help="kleine Werte unter N als * zeigen"
        )

    def handle(self, *args, **options):
        from stufenweg.programmes.models import Programme

        missing = [
            flag
            for flag, key in (
                ("--programme", "programme"),
                ("--from", "date_from"),
                ("--to", "date_to"),
                ("--format", "fmt"),
            )
            if not options.get(key)
        ]
        if missing:
            raise usage_error("Es fehlen Angaben: " + ", ".join(missing) + ".")
        fmt = options["fmt"]
        if fmt not in FORMATS:
            raise usage_error(f"--format: „{fmt}“ ist kein Format; möglich sind json, csv, xlsx, pdf.")
        from stufenweg.indicators.render import CSV_VARIANTS

        if options["csv_variant"] not in CSV_VARIANTS:
            raise usage_error(
                f"--csv-variant: „{options['csv_variant']}“ gibt es nicht; möglich sind "
                + ", ".join(CSV_VARIANTS)
                + "."
            )
        date_from = parse_date(options["date_from"], "--from")
        date_to = parse_date(options["date_to"], "--to")
        if date_to < date_from:
            raise usage_error("--to liegt vor --from.")
        as_of = parse_date(options["as_of"], "--as-of") if options.get("as_of") else None
        recorded_on = (
            parse_timestamp(options["recorded_on"], "--recorded-on") if options.get("recorded_on") else None
        )
        for dim in options["by"]:
            if dim not in DIMENSIONS:
                raise usage_error(
                    f"--by: „{dim}“ ist keine Aufschlüsselung; möglich: {', '.join(DIMENSIONS)}."
                )
        for ind in options["indicator"]:
            if ind not in BY_ID:
                raise usage_error(f"--indicator: „{ind}“ ist keine bekannte Kennzahl.")
        suppress_below = None
        if options.get("suppress_below"):
            try:
                suppress_below = int(options["suppress_below"])
                if suppress_below < 1:
                    raise ValueError
            except ValueError:
                raise usage_error("--suppress-below: bitte eine ganze Zahl ab 1 angeben.") from None
        programme = Programme.objects.filter(code=options["programme"]).first()
        if programme is None:
            raise usage_error(f"--programme: Ein Programm „{options['programme']}“ gibt es nicht.")
        params = ReportParams(
            programme=programme,
            date_from=date_from,
            date_to=date_to,
            as_of=as_of,
            recorded_on=recorded_on,
            by=tuple(dict.fromkeys(options["by"])),
            indicators=tuple(dict.fromkeys(options["indicator"])),
            suppress_below=suppress_below,
        )
        from stufenweg.indicators import render

        data = render.render(params, fmt, csv_variant=options["csv_variant"])
        output = options.get("output")
        if output:
            with open(output, "wb") as fh:
                fh.write(data)
        else:
            # text formats decode with "utf-8" (not "utf-8-sig"): the Excel CSV keeps its BOM
            sys.stdout.buffer.write(data) if fmt in ("xlsx", "pdf") else self.stdout.write(
                data.decode("utf-8"), ending=""
            )
