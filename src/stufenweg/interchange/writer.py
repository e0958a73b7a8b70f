"""The export: one programme's data as CSV files or one XLSX workbook, in the exchange format.

Deterministic: rows ordered by key (events by person, then in log order), ISO dates, recorded-at
timestamps in ISO 8601 with the Europe/Berlin offset (microseconds only where the database has
them), statuses in canonical order, ``yes``/``no``, decimals without trailing zeros, empty = not
given. So export -> import into an empty database -> export gives the same bytes.

Every CSV file is formula-safe by default (``core.spreadsheet.neutralise``): a cell that starts
with ``=``, ``+``, ``-``, ``@``, ``|``, ``%``, a tab, a carriage return or a ``'`` itself is written
with a leading ``'``, so that a spreadsheet shows the text instead of running it as a formula. The
raw variant (``raw=True``, for machine exchange) writes formula starts as they are and doubles only
a leading ``'``. The importer reverses either (``core.spreadsheet.restore``), so both round-trip.
The Excel variant adds ``;`` and a UTF-8 BOM.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from stufenweg.core.spreadsheet import neutralise_row, protect_apostrophe_row
from stufenweg.interchange import schemas as s
from stufenweg.interchange.parsers import local_zone
from stufenweg.interchange.problems import UsageError
from stufenweg.journeys.codes import join_statuses, split_statuses
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation
from stufenweg.people.models import HouseholdMonth, Person
from stufenweg.programmes.models import Measure, Programme, Stage, Target

XLSX_MAX_ROWS = 1_048_576
CHUNK = 5000


def fmt(value) -> str:
    """One value as exchange-format text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        local = value.astimezone(local_zone())
        return local.isoformat(timespec="microseconds" if local.microsecond else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "") else text
    return str(value)


def fmt_month(value: dt.date) -> str:
    return value.strftime("%Y-%m")


EVENT_VALUES = (
    "event_id",
    "participation__person__person_id",
    "participation__programme__code",
    "kind",
    "occurred_on",
    "recorded_at",
    "region__code",
    "measure__code",
    "stage__code",
    "supersedes__event_id",
    "referrer__code",
    "result",
    "planned_end",
    "employment_status",
    "unemployed_since",
    "benefit",
    "change",
    "reason",
    "exit_kind",
    "statuses",
    "qualification",
    "employer__code",
    "end_date",
    "first_labour_market",
    "employment_kind",
    "hours",
    "benefit_effect",
    "reached",
    "source",
    "reason_code",
)
assert len(EVENT_VALUES) == len(s.EVENTS.columns)


STATUSES_INDEX = EVENT_VALUES.index("statuses")


def event_rows(queryset: QuerySet[JourneyEvent]) -> Iterator[list[str]]:
    """events.csv rows (column order of ``schemas.EVENTS``) for the events of ``queryset``."""
    for values in queryset.values_list(*EVENT_VALUES).iterator(chunk_size=CHUNK):
        row = [fmt(v) for v in values]
        if "|" in row[STATUSES_INDEX]:
            row[STATUSES_INDEX] = join_statuses(split_statuses(row[STATUSES_INDEX]))
        yield row


def programme_rows(programme: Programme) -> Iterator[list[str]]:
    for stage in Stage.objects.filter(programme=programme).order_by("position", "code"):
        yield [
            programme.code,
            programme.name,
            stage.code,
            stage.name,
            fmt(stage.position),
            fmt(stage.max_months),
            fmt(stage.min_age),
            fmt(stage.max_age),
            fmt(stage.min_unemployed_months),
            fmt(stage.extendable),
        ]


def organisation_rows() -> Iterator[list[str]]:
    for values in Organisation.objects.order_by("code").values_list("code", "name", "kind", "region__code"):
        yield [fmt(v) for v in values]


def measure_rows(programme: Programme) -> Iterator[list[str]]:
    stages: dict[int, list[str]] = {}
    for measure_id, code in (
        Measure.stages.through.objects.filter(measure__programme=programme)
        .order_by("stage__position", "stage__code")
        .values_list("measure_id", "stage__code")
    ):
        stages.setdefault(measure_id, []).append(code)
    for m in (
        Measure.objects.filter(programme=programme)
        .order_by("code")
        .values_list(
            "id",
            "code",
            "name",
            "programme__code",
            "provider__code",
            "region__code",
            "operation",
            "places",
            "start",
            "end",
            "rolling_entry",
        )
    ):
        measure_id, code, name, prog, provider, region, *rest = m
        yield [
            code,
            name,
            prog,
            "|".join(stages.get(measure_id, [])),
            provider,
            region,
            *(fmt(v) for v in rest),
        ]


# the columns of persons.csv as model values (the household by its source key)
PERSON_VALUES = tuple("household__household_id" if n == "household_id" else n for n in s.PERSONS.names)


def programme_persons(programme: Programme) -> QuerySet[Person]:
    return Person.objects.filter(participations__programme=programme)


def person_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = programme_persons(programme).order_by("person_id").values_list(*PERSON_VALUES)
    for values in queryset.iterator(chunk_size=CHUNK):
        yield [fmt(v) for v in values]


def household_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = (
        HouseholdMonth.objects.filter(household__members__participations__programme=programme)
        .distinct()
        .order_by("household__household_id", "month")
        .values_list("household__household_id", "month", "members", "llu", "kdu")
    )
    for household_id, month, members, llu, kdu in queryset.iterator(chunk_size=CHUNK):
        yield [household_id, fmt_month(month), fmt(members), fmt(llu), fmt(kdu)]


def target_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = (
        Target.objects.filter(programme=programme)
        .order_by("indicator", "period_from", "period_to", "region__code", "stage__code", "target", "id")
        .values_list(
            "programme__code",
            "indicator",
            "period_from",
            "period_to",
            "region__code",
            "stage__code",
            "target",
        )
    )
    for values in queryset:
        yield [fmt(v) for v in values]


def event_queryset(programme: Programme) -> QuerySet[JourneyEvent]:
    return JourneyEvent.objects.filter(participation__programme=programme).order_by(
        "participation__person__person_id", "id"
    )


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    from stufenweg.interchange import (  # they import this module
        aftercare_files,
        cost_files,
        employer_files,
        groupwork_files,
        mentoring_files,
        support_files,
    )

    return [
        (s.ORGANISATIONS, organisation_rows),
        (s.PROGRAMMES, lambda: programme_rows(programme)),
        (s.MEASURES, lambda: measure_rows(programme)),
        (s.PERSONS, lambda: person_rows(programme)),
        (s.HOUSEHOLDS, lambda: household_rows(programme)),
        (s.TARGETS, lambda: target_rows(programme)),
        (s.EVENTS, lambda: event_rows(event_queryset(programme))),
        *groupwork_files.file_rows(programme),
        *support_files.file_rows(programme),
        *employer_files.file_rows(programme),
        *mentoring_files.file_rows(programme),
        *aftercare_files.file_rows(programme),
        *cost_files.file_rows(programme),
    ]


def write_csv_files(
    programme: Programme,
    directory: Path,
    *,
    separator: str = ",",
    bom: bool = False,
    raw: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Write the seven files into ``directory``; returns rows per file. Cells are formula-safe
    unless ``raw`` (see the module's docstring)."""
    directory.mkdir(parents=True, exist_ok=True)
    safe = protect_apostrophe_row if raw else neutralise_row
    counts: dict[str, int] = {}
    for schema, rows in file_rows(programme):
        count = 0
        with open(directory / schema.name, "w", encoding="utf-8", newline="") as handle:
            if bom:
                handle.write(codecs.BOM_UTF8.decode("utf-8"))
            writer = csv.writer(handle, delimiter=separator, lineterminator="\r\n")
            writer.writerow(schema.names)
            for row in rows():
                writer.writerow(safe(row))
                count += 1
                if progress and count % 10000 == 0:
                    progress(schema.name, count)
        counts[schema.name] = count
    return counts


def write_xlsx(programme: Programme, path: Path, *, progress=None) -> dict[str, int]:
    """Write one workbook, one sheet per file; every cell is written as text (never a formula)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        for schema, rows in file_rows(programme):
            sheet = book.add_worksheet(schema.sheet)
            for col, name in enumerate(schema.names):
                sheet.write_string(0, col, name)
            count = 0
            for count, row in enumerate(rows(), start=1):  # noqa: B007
                if count >= XLSX_MAX_ROWS:
                    raise UsageError(
                        _(
                            "%(file)s hat zu viele Zeilen für eine XLSX-Arbeitsmappe; bitte als CSV exportieren."
                        )
                        % {"file": schema.name}
                    )
                for col, cell in enumerate(row):
                    if cell:
                        sheet.write_string(count, col, cell)
                if progress and count % 10000 == 0:
                    progress(schema.name, count)
            counts[schema.name] = count
    finally:
        book.close()
    return counts
