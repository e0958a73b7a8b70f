"""events.csv: streamed in two passes, written through the journeys' bulk path.

Pass 1 reads the file once, checks the header, finds duplicate event ids and the region codes
used, and spools each row into one of N partitions by a hash of ``person_id`` (temporary files of
pickled blocks when the file is large; ``spool.py``), so that every journey lies in one partition. Pass 2 takes
one partition at a time: parses the cells, resolves codes, leaves identical existing events alone,
reports an existing event id with other content, and hands the journeys to the rules of
``journeys.bulk_checks`` (``check_journeys``: the same rules as the single-event path), then writes them.
Memory is bounded by the partition size, not the file size. This module holds the run (the two
passes and what they share); the steps of one partition are in ``event_batches``, the resolving
of a row's codes in ``event_codes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future

from django.db import connection
from django.utils.translation import gettext as _

from stufenweg.core.tablewrite import IdReserver
from stufenweg.interchange import schemas as s
from stufenweg.interchange.event_batches import EventBatches, _Batch
from stufenweg.interchange.event_codes import PLAIN_INDEX, EventCodes
from stufenweg.interchange.garbage import collect
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.pipeline import DbWorker
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.reader import ReadError
from stufenweg.interchange.spool import Spool
from stufenweg.interchange.validation import ParsedRow, RowParser
from stufenweg.journeys.authority import WriteCheck
from stufenweg.journeys.bulk_events import EVENT_INDEX, event_defaults
from stufenweg.journeys.capacity import new_entries_over_capacity
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.projection import rule_context
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure
from stufenweg.programmes.reason_codes import active_codes

PARTITION_ROWS = 50_000
COLLECT_EVERY = 5  # partitions between two garbage collections (see garbage.py)
SCHEMA = s.EVENTS


def _set_constraints(mode: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS ALL {mode}")


class EventImport(EventBatches, EventCodes):
    def __init__(
        self,
        ctx: Context,
        source,
        *,
        today: dt.date,
        now: dt.datetime,
        progress: Callable[[str, int, int], None] | None = None,
    ):
        self.ctx = ctx
        self.source = source
        self.today = today
        self.now = now
        self.progress = progress or (lambda phase, done, total: None)
        self.parser: RowParser | None = None
        self.spool: Spool | None = None
        self.region_codes: set[str] = set()
        self.total = 0
        self.created = 0
        self.unchanged = 0
        self.entry_rows: dict[str, tuple[int, str]] = {}
        # event_id -> line of its own row's problem (rows that supersede it name that line)
        self.broken_rows: dict[str, int] = ctx.broken_rows[SCHEMA.name]
        # (person_id, programme) of rows refused in pass 1 (a repeated event_id)
        self.scan_broken: set[tuple[str, str]] = set()
        # supersedes problems whose event may turn out broken in a later partition
        self.pending: list[tuple[ParsedRow, str, str]] = []

    # --- pass 1 -------------------------------------------------------------------------------

    def scan(self) -> None:
        """Read the file once: header, duplicate event ids, region codes; spool the rows."""
        name = SCHEMA.name
        total = self.source.count_rows(name)
        self.total = total
        try:
            sheet = self.source.open(name)
        except ReadError as exc:  # e.g. not UTF-8: a problem of the file, not of the import
            self.ctx.problems.append(Problem(name, exc.line, "", "", exc.message))
            return
        parser = RowParser(SCHEMA, sheet.header, self.ctx.problems)
        self.parser = parser
        if not parser.ok:
            for _row in sheet.rows:  # close the file
                pass
            return
        self.spool = Spool(-(-total // PARTITION_ROWS))
        position = {c.name: p for p, c in parser.index}
        p_event, p_person, p_programme = position["event_id"], position["person_id"], position["programme"]
        p_region = position.get("region")
        region_limit = SCHEMA.column("region").max_length
        seen: set[str] = set()
        done = 0
        try:
            for line, cells in sheet.rows:
                done += 1
                if done % 10000 == 0:
                    self.progress("scan", done, total)
                if not any(cells):
                    continue
                if len(cells) < parser.width:
                    cells = cells + [""] * (parser.width - len(cells))
                event_id = cells[p_event].strip()
                if event_id:
                    if event_id in seen:
                        self.ctx.problems.append(
                            Problem(
                                name,
                                line,
                                "event_id",
                                event_id,
                                _("Die Ereignis-ID %(key)s kommt mehrfach vor.") % {"key": event_id},
                            )
                        )
                        # which event a later row names by this id is unclear: both are broken
                        self._broken(event_id, line)
                        self.scan_broken.add((cells[p_person].strip(), cells[p_programme].strip()))
                        continue
                    seen.add(event_id)
                if p_region is not None:
                    region = cells[p_region].strip()
                    # An over-long code is reported when the row is parsed; no region for it.
                    if region and len(region) <= region_limit:
                        self.region_codes.add(region)
                self.spool.add(cells[p_person].strip(), line, cells)
        except ReadError as exc:
            self.ctx.problems.append(Problem(name, exc.line, "", "", exc.message))
        self.progress("scan", done, total)

    # --- pass 2 -------------------------------------------------------------------------------

    def write(self) -> None:
        if self.spool is None:
            return
        self._start()
        done = 0
        self.progress("events", 0, self.total)
        postgres = self.postgres
        try:
            with DbWorker(threaded=postgres) as db:
                if postgres:
                    # Foreign keys checked at the end of each COPY (in the worker, while Python
                    # works on) rather than all at once at commit; the same checks either way.
                    db.submit(_set_constraints, "IMMEDIATE")
                ahead: tuple[_Batch, Future] | None = None
                for number, rows in enumerate(self.spool.partitions(), start=1):
                    count = len(rows)
                    batch = self._parse(rows)
                    looked_up = db.submit(self._look, batch)
                    if ahead is not None:
                        self._check_and_write(db, *ahead)
                    ahead = (batch, looked_up)
                    if number % COLLECT_EVERY == 0:
                        collect()
                    done += count
                    self.progress("events", done, self.total)
                if ahead is not None:
                    self._check_and_write(db, *ahead)
                    ahead = None
                if postgres:
                    db.submit(_set_constraints, "DEFERRED")  # as Django's constraints are declared
        finally:
            self.spool.close()
        for row, target, message in self.pending:
            if target in self.broken_rows:
                self._follows(row, target)
            else:
                self.ctx.problem(SCHEMA, row, "supersedes", message)
                self._broken(row.values["event_id"], row.line)
        for problem in new_entries_over_capacity(after_event_pk=self.after_pk):
            line, value = self.entry_rows.get(problem.event_key, (0, ""))
            self.ctx.problems.append(Problem(SCHEMA.name, line, "measure", value, problem.message))

    def _start(self) -> None:
        """What pass 2 looks up once: the log's highest id, persons, codes, a blank event."""
        self.after_pk = JourneyEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.had_events = self.after_pk > 0
        self.persons = {
            p: (pk, born) for p, pk, born in Person.objects.values_list("person_id", "id", "birth_date")
        }
        self.births = dict(self.persons.values())
        self.by_id = self.ctx.by.pk if getattr(self.ctx.by, "pk", None) else None
        self.writer = WriteCheck(self.ctx.by).prepare()  # who may write which kind: once per run
        self.measures = dict(Measure.objects.values_list("code", "id"))
        self.template = event_defaults()
        self.template[EVENT_INDEX["recorded_by_id"]] = self.by_id
        self.programmes, self.organisations = self.ctx.programmes, self.ctx.organisations
        self.stages, self.regions = self.ctx.stages, self.ctx.regions
        self.contexts = {pk: rule_context(pk) for pk in set(self.programmes.values())}
        self.postgres = connection.vendor == "postgresql"
        self.event_pks, self.participation_pks = IdReserver(JourneyEvent), IdReserver(Participation)
        self.plain = [(name, index) for name, index in PLAIN_INDEX if name in self.parser.present]
        # the optional reason_code column: the programmes' active codes, read once per run
        self.reason_codes = (
            active_codes(set(self.programmes.values())) if "reason_code" in self.parser.present else None
        )
        position = {c.name: p for p, c in self.parser.index}
        self.p_person, self.p_programme = position["person_id"], position["programme"]
        self.p_event = position["event_id"]

    def _broken(self, event_id: str, line: int) -> None:
        """The row at ``line`` with ``event_id`` has a reported problem: its id is broken
        (``ctx.broken``, as the keys of every file), and a row that supersedes it is told which row
        to correct. (A row skipped for a cause reported elsewhere — its journey's broken row, an
        unknown measure of a broken measures.csv row — is only in ``ctx.broken``.)"""
        if event_id:
            self.ctx.broken[SCHEMA.name].add(event_id)
            self.broken_rows.setdefault(event_id, line)

    def _follows(self, row: ParsedRow, target: str) -> None:
        """``row`` supersedes ``target``, whose row has a problem: a problem naming that row (the
        row is checked once that one is right); ``row`` is then broken too (a chain of
        corrections names each link)."""
        self.ctx.problem(
            SCHEMA,
            row,
            "supersedes",
            _(
                "Das ersetzte Ereignis %(key)s in Zeile %(line)s hat einen Fehler; bitte zuerst jene Zeile berichtigen."
            )
            % {"key": target, "line": self.broken_rows[target]},
        )
        self._broken(row.values["event_id"], row.line)
