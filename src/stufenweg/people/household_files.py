"""Benefit months of one household from a file (households.csv of the exchange format,
docs/exchange.md), uploaded on the household page.

The file is read and its rows parsed by the exchange import itself (``interchange.reader``,
``interchange.validation.RowParser`` with ``interchange.schemas.HOUSEHOLDS``, duplicate months
by ``interchange.masterdata.unique_rows``): one parser, the same German messages. A CSV file
(UTF-8, comma or semicolon) or an XLSX workbook with the sheet „households“. Every row must
name this household; each month is then written through ``households.month_record`` (who may
record, a month not in the future, at least one person): any problem, nothing is written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.masterdata import Context, unique_rows
from stufenweg.interchange.problems import Problem, UsageError
from stufenweg.interchange.reader import BROKEN_ARCHIVE, CsvDirectory, ReadError, XlsxWorkbook
from stufenweg.interchange.validation import ParsedRow, RowParser
from stufenweg.people import households
from stufenweg.people.models import Household, HouseholdMonth

SCHEMA = s.HOUSEHOLDS
MAX_BYTES = 2 * 1024 * 1024  # a household's months fit in a few kilobytes
MAX_ROWS = 1200  # a hundred years of months


@dataclass
class UploadResult:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _file_problem(message: str) -> Problem:
    return Problem(SCHEMA.name, 0, "", "", message)


def read_rows(data: bytes, name: str) -> tuple[list[ParsedRow], list[Problem]]:
    """The valid rows of the file and the problems of the others (the import's parser)."""
    problems: list[Problem] = []
    if len(data) > MAX_BYTES:
        return [], [_file_problem(_("Die Datei ist größer als 2 MB."))]
    is_xlsx = name.lower().endswith(".xlsx")
    with tempfile.TemporaryDirectory(prefix="stufenweg-bg-") as tmp:
        path = Path(tmp) / ("upload.xlsx" if is_xlsx else SCHEMA.name)
        path.write_bytes(data)
        try:
            source = XlsxWorkbook(path) if is_xlsx else CsvDirectory(Path(tmp))
        except UsageError as exc:
            return [], [_file_problem(str(exc))]
        try:
            if SCHEMA.name not in source.files():
                return [], [
                    _file_problem(_("Die Arbeitsmappe hat kein Blatt „%(sheet)s“.") % {"sheet": SCHEMA.sheet})
                ]
            rows = _parse(source, problems)
        except BROKEN_ARCHIVE:
            return [], [_file_problem(_("Die Datei ist beschädigt und kann nicht gelesen werden."))]
        finally:
            if hasattr(source, "close"):
                source.close()
    return rows, problems


def _parse(source, problems: list[Problem]) -> list[ParsedRow]:
    try:
        sheet = source.open(SCHEMA.name)
    except ReadError as exc:
        problems.append(Problem(SCHEMA.name, exc.line, "", "", exc.message))
        return []
    parser = RowParser(SCHEMA, sheet.header, problems)
    rows: list[ParsedRow] = []
    try:
        for line, cells in sheet.rows:
            if not parser.ok:
                break  # the header is wrong: its problems are reported, the rows cannot be read
            if len(rows) >= MAX_ROWS:
                problems.append(
                    Problem(
                        SCHEMA.name,
                        line,
                        "",
                        "",
                        _("Mehr als %(n)s Zeilen: bitte aufteilen.") % {"n": MAX_ROWS},
                    )
                )
                break
            row = parser.parse(line, cells)
            if row is not None:
                rows.append(row)
    except ReadError as exc:
        problems.append(Problem(SCHEMA.name, exc.line, "", "", exc.message))
    return rows


class _Rollback(Exception):
    pass


def months_upload(*, household: Household, data: bytes, name: str, by) -> UploadResult:
    """Read the file and record its months for ``household``, all or nothing. Raises
    ``PermissionDenied`` when ``by`` may not record months for it (``households.may_record_months``);
    every problem of the content is in the result (and then nothing is written)."""
    if by is not None and not households.may_record_months(by, household):
        raise PermissionDenied(_("Sie können für diese Bedarfsgemeinschaft keine Leistungsmonate erfassen."))
    rows, problems = read_rows(data, name)
    result = UploadResult(problems=problems)
    ctx = Context(by=by, problems=problems)
    rows = unique_rows(ctx, SCHEMA, rows)
    for row in rows:
        if row.values["household_id"] != household.household_id:
            ctx.problem(
                SCHEMA,
                row,
                "household_id",
                _("Die Zeile gehört zur Bedarfsgemeinschaft „%(other)s“, nicht zu „%(this)s“.")
                % {"other": row.values["household_id"], "this": household.household_id},
            )
    if not rows and not problems:
        problems.append(_file_problem(_("Die Datei enthält keine Leistungsmonate.")))
    if problems:
        problems.sort(key=lambda p: (p.row, p.column))
        return result
    try:
        with transaction.atomic():
            _write(household, rows, by, result)
            if result.problems:
                raise _Rollback
    except _Rollback:
        result.created = result.updated = result.unchanged = 0
    result.problems.sort(key=lambda p: (p.row, p.column))
    return result


def _write(household: Household, rows: list[ParsedRow], by, result: UploadResult) -> None:
    existing = {m.month: m for m in HouseholdMonth.objects.filter(household=household)}
    for row in rows:
        month, members, llu, kdu = (row.values[c] for c in ("month", "members", "llu", "kdu"))
        old = existing.get(month)
        if old is not None and (old.members, old.llu, old.kdu) == (members, llu, kdu):
            result.unchanged += 1
            continue
        try:
            households.month_record(
                household=household, month=month, members=members, llu=llu, kdu=kdu, by=by
            )
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                for message in messages:
                    result.problems.append(
                        Problem(
                            SCHEMA.name,
                            row.line,
                            column if column in SCHEMA.names else "month",
                            row.raw.get(column, ""),
                            message,
                        )
                    )
            continue
        if old is None:
            result.created += 1
        else:
            result.updated += 1
