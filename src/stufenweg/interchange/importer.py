"""The import: check the whole input, write it in one transaction, or write nothing.

``import_exchange(path)`` reads the seven files, parses and checks every row, writes master data
through ``interchange.services`` and events through the journeys' bulk path, all inside one
database transaction. If any problem was found anywhere, or for a dry run, the transaction is
rolled back: the database never sees a partial import. The result lists every problem as file,
row, column, value and message. One import writes at a time: the transaction starts with the
import lock (``interchange.locking``), so a second import waits for the first to commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.interchange import (
    aftercare_files,
    cost_files,
    employer_files,
    groupwork_files,
    masterdata,
    mentoring_files,
    services,
    support_files,
)
from stufenweg.interchange import schemas as s
from stufenweg.interchange.events import EventImport
from stufenweg.interchange.garbage import collect, few_collections
from stufenweg.interchange.locking import WAITING, import_transaction
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.permissions import import_permission_check
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.reader import ReadError, open_source
from stufenweg.interchange.validation import ParsedRow, RowParser

logger = logging.getLogger(__name__)

# The importers of the optional files, in the order they write (all after events.csv): group work
# and the support files (their rows name participations), the employer contacts (they name
# participations too), mentoring (its log names employer contacts), the programme costs (they
# need only the master data).
OPTIONAL_FILES = (
    groupwork_files.GroupImport,
    support_files.SupportImport,
    employer_files.EmployerImport,
    mentoring_files.MentoringImport,
    aftercare_files.AftercareImport,  # after-placement support names mentorships
    cost_files.CostImport,
)

Progress = Callable[[str, int, int], None]


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> int:
        return sum(c.get("created", 0) + c.get("updated", 0) for c in self.counts.values())


class _Rollback(Exception):
    pass


def read_rows(source, schema: s.FileSchema, problems: list[Problem], ctx: Context) -> list[ParsedRow]:
    """All valid rows of a master-data file (problems of the others are reported; their keys are
    marked broken so that rows referring to them do not add follow-on problems)."""
    unreadable = ctx.unreadable
    try:
        sheet = source.open(schema.name)
    except ReadError as exc:
        problems.append(Problem(schema.name, exc.line, "", "", exc.message))
        unreadable.add(schema.name)
        return []
    parser = RowParser(schema, sheet.header, problems)
    if not parser.ok:
        unreadable.add(schema.name)
    rows: list[ParsedRow] = []
    try:
        for line, cells in sheet.rows:
            if not parser.ok:
                continue  # header is wrong: rows cannot be read, but the file is read to the end
            row = parser.parse(line, cells)
            if row is not None:
                rows.append(row)
            elif parser.last_failed:
                key_position = next((p for p, c in parser.index if c.name == schema.key[0]), None)
                if key_position is not None and key_position < len(cells):
                    ctx.broken[schema.name].add(cells[key_position].strip())
    except ReadError as exc:
        problems.append(Problem(schema.name, exc.line, "", "", exc.message))
    return rows


def import_exchange(
    path: str | Path,
    *,
    by=None,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the directory of CSV files or the XLSX workbook at ``path``.

    Raises ``UsageError`` when ``path`` cannot be used at all, ``ImportNotAllowed`` (a
    ``UsageError``) when ``by`` may not run imports (``interchange.permissions``; ``by=None`` is
    the system); every problem of the content is in the result (and then nothing is written).
    """
    import_permission_check(by=by)
    source = open_source(path)
    try:
        with few_collections():
            return _import(
                source, by=by, dry_run=dry_run, today=today or timezone.localdate(), progress=progress
            )
    finally:
        if hasattr(source, "close"):
            source.close()


def _import(source, *, by, dry_run: bool, today: dt.date, progress: Progress | None) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    problems = result.problems
    present = set(source.files())
    for name in sorted(present - set(s.BY_NAME)):
        problems.append(
            Problem(
                name,
                0,
                "",
                "",
                _("Die Datei ist im Austauschformat nicht vorgesehen (erwartet: %(files)s).")
                % {"files": ", ".join(x.name for x in s.SCHEMAS)},
            )
        )
    for schema in s.SCHEMAS:
        if schema.required_file and schema.name not in present:
            problems.append(Problem(schema.name, 0, "", "", _("Die Pflichtdatei fehlt.")))

    tick = progress or (lambda phase, done, total: None)
    rows: dict[str, list[ParsedRow]] = {}
    ctx = Context(by=by, problems=problems)
    ctx.unreadable = {schema.name for schema in s.SCHEMAS if schema.name not in present}
    for schema in s.SCHEMAS:
        if schema is s.EVENTS or schema.name not in present:
            continue
        tick(schema.name, 0, 0)
        rows[schema.name] = read_rows(source, schema, problems, ctx)
    optional = [(importer, importer.take_rows(rows)) for importer in OPTIONAL_FILES]

    events = EventImport(ctx, source, today=today, now=timezone.now(), progress=tick)
    if s.EVENTS.name in present:
        events.scan()

    region_codes = set(events.region_codes)
    for name, column in (
        (s.ORGANISATIONS.name, "region"),
        (s.MEASURES.name, "region"),
        (s.TARGETS.name, "region"),
    ):
        region_codes |= {r.values.get(column) for r in rows.get(name, []) if r.values.get(column)}

    try:
        with import_transaction(on_wait=lambda: tick(WAITING, 0, 0)), sqlite_page_cache():
            ctx.regions = services.regions_ensure(codes=region_codes, by=by)
            masterdata.import_organisations(ctx, rows.get(s.ORGANISATIONS.name, []))
            masterdata.import_programmes(ctx, rows.get(s.PROGRAMMES.name, []))
            masterdata.import_measures(ctx, rows.get(s.MEASURES.name, []))
            household_ids = {r.values["household_id"] for r in rows.get(s.HOUSEHOLDS.name, [])}
            masterdata.import_persons(ctx, rows.get(s.PERSONS.name, []), household_ids)
            collect()
            masterdata.import_household_months(ctx, rows.get(s.HOUSEHOLDS.name, []))
            masterdata.import_targets(ctx, rows.get(s.TARGETS.name, []))
            rows.clear()
            collect()
            events.write()
            ctx.counts[s.EVENTS.name] = {
                "created": events.created,
                "updated": 0,
                "unchanged": events.unchanged,
            }
            for importer, its_rows in optional:
                importer(ctx, its_rows).run()
            result.counts = ctx.counts
            if problems or dry_run:
                raise _Rollback
            if result.changed:
                services.import_run_audit(
                    by=by,
                    summary=_("Import im Austauschformat: %(count)s Datensätze angelegt oder geändert")
                    % {"count": result.changed},
                    counts=dict(ctx.counts),
                )
            result.written = True
    except _Rollback:
        result.written = False
    result.counts = ctx.counts
    problems.sort(key=_problem_order)
    logger.info(
        "import finished written=%s dry_run=%s problems=%s changed=%s",
        result.written,
        dry_run,
        len(problems),
        result.changed,
    )
    return result


SQLITE_CACHE_KIB = 262_144


@contextmanager
def sqlite_page_cache() -> Iterator[None]:
    """SQLite: a page cache of SQLITE_CACHE_KIB while the import writes (the default 2 MB makes
    every insert into the event log's indexes read and write pages through the file system);
    the connection's setting is restored afterwards. Other databases: nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


FILE_ORDER = {schema.name: index for index, schema in enumerate(s.SCHEMAS)}


def _problem_order(problem: Problem):
    return (FILE_ORDER.get(problem.file, -1), problem.file, problem.row, problem.column)
