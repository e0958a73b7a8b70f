"""events.csv: streamed in two passes, written through the journeys' bulk path.

Pass 1 reads the file once, checks the header, finds duplicate event ids and the region codes
used, and spools each row into one of N partitions by a hash of ``person_id`` (temporary files of
pickled blocks when the file is large; ``spool.py``), so that every journey lies in one partition. Pass 2 takes
one partition at a time: parses the cells, resolves codes, leaves identical existing events alone,
reports an existing event id with other content, and hands the journeys to the rules of
``journeys.bulk`` (``check_journeys``: the same rules as the single-event path), then writes them.
Memory is bounded by the partition size, not the file size.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future

from django.db import connection
from django.utils.translation import gettext as _

from stufenweg.core.tablewrite import IdReserver
from stufenweg.interchange import schemas as s
from stufenweg.interchange.garbage import collect
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.pipeline import DbWorker
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.reader import ReadError
from stufenweg.interchange.spool import Spool
from stufenweg.interchange.validation import ParsedRow, RowParser
from stufenweg.interchange.writer import event_rows, fmt
from stufenweg.journeys.authority import WriteCheck
from stufenweg.journeys.bulk import (
    EVENT_INDEX,
    NEW_ORDER_BASE,
    Lookups,
    PreparedEvent,
    canonical_statuses,
    check_journeys,
    event_defaults,
    journey_rows,
    lookup_keys,
    new_entries_over_capacity,
    write_rows,
)
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.projection import rule_context
from stufenweg.journeys.rules import Ev
from stufenweg.journeys.spec import FIELDS, REF
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure
from stufenweg.programmes.reason_codes import active_codes

PARTITION_ROWS = 50_000
COLLECT_EVERY = 5  # partitions between two garbage collections (see garbage.py)
LOOKUP_CHUNK = 2000
SCHEMA = s.EVENTS
COLUMN_INDEX = {name: i for i, name in enumerate(SCHEMA.names)}
# The columns taken as they are parsed (every event field but the references, ``journeys.spec``).
PLAIN_FIELDS = tuple(f.name for f in FIELDS if f.type != REF)
PLAIN_INDEX = tuple((name, EVENT_INDEX[name]) for name in PLAIN_FIELDS)
# Positions in a prepared event's values.
_EVENT_ID, _KIND, _OCCURRED_ON, _RECORDED_AT = (
    EVENT_INDEX[n] for n in ("event_id", "kind", "occurred_on", "recorded_at")
)
_REGION_ID, _MEASURE_ID, _STAGE_ID = (EVENT_INDEX[n] for n in ("region_id", "measure_id", "stage_id"))
_REFERRER_ID, _EMPLOYER_ID, _STATUSES = (EVENT_INDEX[n] for n in ("referrer_id", "employer_id", "statuses"))
_RESULT, _PLANNED_END, _EMPLOYMENT_STATUS = (
    EVENT_INDEX[n] for n in ("result", "planned_end", "employment_status")
)
_UNEMPLOYED_SINCE, _CHANGE, _EXIT_KIND = (EVENT_INDEX[n] for n in ("unemployed_since", "change", "exit_kind"))
_EMPLOYMENT_KIND, _REACHED = EVENT_INDEX["employment_kind"], EVENT_INDEX["reached"]
EV_FIELDS = (
    "key",
    "kind",
    "occurred_on",
    "recorded_at",
    "order",
    "supersedes",
    "region_id",
    "measure_id",
    "stage_id",
    "referrer_id",
    "result",
    "planned_end",
    "employment_status",
    "unemployed_since",
    "change",
    "exit_kind",
    "statuses",
    "employment_kind",
    "reached",
)
# ``_resolve`` builds Ev positionally: its fields must be these, in this order.
assert tuple(f.name for f in dataclasses.fields(Ev)) == EV_FIELDS


class _Batch:
    """One partition of events.csv on its way through pass 2."""

    __slots__ = ("parsed", "broken", "keys", "existing", "found", "event_ids", "participation_ids")

    def __init__(self):
        self.parsed: list[ParsedRow] = []
        self.broken: set[tuple[str, str]] = set()  # (person_id, programme) of rows with problems
        self.keys: set[tuple[int, int]] = set()
        self.existing: dict[str, list[str]] = {}
        self.found: Lookups | None = None
        self.event_ids: list[int] = []  # reserved for the new events
        self.participation_ids: list[int] = []  # reserved for the new participations


def _set_constraints(mode: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS ALL {mode}")


class EventImport:
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

    # The steps of one partition: _parse (Python), _look (database), _check (Python), then
    # write_rows (database). The database steps run in the worker.

    def _parse(self, rows: list[tuple[int, list[str]]]) -> _Batch:
        parser = self.parser
        parse = parser.parse
        batch = _Batch()
        broken, parsed = batch.broken, batch.parsed
        broken |= self.scan_broken
        for line, cells in rows:
            row = parse(line, cells)
            if row is None:
                if parser.last_failed:
                    broken.add((_cell(cells, self.p_person), _cell(cells, self.p_programme)))
                    self._broken(_cell(cells, self.p_event), line)
                continue
            parsed.append(row)
        rows.clear()
        # The journeys the rows may belong to (rows with unknown codes are left out later).
        persons, programmes = self.persons, self.programmes
        keys = batch.keys
        for row in parsed:
            person = persons.get(row.values["person_id"])
            programme_id = programmes.get(row.values["programme"])
            if person is not None and programme_id is not None:
                keys.add((person[0], programme_id))
        return batch

    def _look(self, batch: _Batch) -> None:
        """Database: stored events with the batch's ids, what the rules need to know, and primary
        keys for the rows to write. A person created by this import has no participation yet, and
        an event log that was empty has no event ids to collide with (duplicates within the file
        were found in pass 1), so neither is looked up."""
        event_ids = [r.values["event_id"] for r in batch.parsed]
        batch.existing = self._existing(event_ids) if self.had_events else {}
        new_ids = [k for k in event_ids if k not in batch.existing]
        created = self.ctx.created_persons
        batch.found = lookup_keys(
            [k for k in batch.keys if k[0] not in created],
            new_ids if self.had_events else [],
            contexts=self.contexts,
        )
        batch.event_ids = self.event_pks.reserve(len(new_ids))
        batch.participation_ids = self.participation_pks.reserve(
            sum(1 for k in batch.keys if k not in batch.found.participations)
        )

    def _check_and_write(self, db: DbWorker, batch: _Batch, looked_up: Future) -> None:
        looked_up.result()
        ctx = self.ctx
        broken, existing = batch.broken, batch.existing
        journeys: dict[tuple[int, int], list[PreparedEvent]] = {}
        raw_of: dict[tuple[int, int], tuple[str, str]] = {}
        row_of: dict[str, ParsedRow] = {}
        resolve = self._resolve
        broken_ids, broken_rows = ctx.broken[SCHEMA.name], self.broken_rows
        for row in batch.parsed:
            values = row.values
            journey_raw = (values["person_id"], values["programme"])
            target = values.get("supersedes")
            if target is not None and target in broken_rows:
                self._follows(row, target)
                broken.add(journey_raw)
                continue
            if journey_raw in broken:
                broken_ids.add(values["event_id"])  # not checked: who names it is not told again
                continue
            if existing:
                old = existing.get(values["event_id"])
                if old is not None:
                    if self._same(values, old):
                        self.unchanged += 1
                    else:
                        ctx.problem(
                            SCHEMA,
                            row,
                            "event_id",
                            _(
                                "Die Ereignis-ID %(key)s existiert bereits mit anderem Inhalt; Korrekturen bitte mit supersedes."
                            )
                            % {"key": values["event_id"]},
                        )
                        self._broken(values["event_id"], row.line)
                        broken.add(journey_raw)
                    continue
            reported = len(ctx.problems)
            resolved = resolve(row)
            if resolved is None:
                if len(ctx.problems) > reported:
                    self._broken(values["event_id"], row.line)
                else:  # an unknown code of a broken row of another file, reported there
                    broken_ids.add(values["event_id"])
                broken.add(journey_raw)
                continue
            key, event = resolved
            items = journeys.get(key)
            if items is None:
                journeys[key] = items = []
                raw_of[key] = journey_raw
            items.append(event)
            row_of[event.ev.key] = row
        if broken:
            # (person_id, programme) of a broken journey: the other files' rows naming its
            # participation are skipped quietly (``ExtensionImport._participation``)
            broken_ids.update(broken)
            for key in [k for k in journeys if raw_of[k] in broken]:
                broken_ids.update(item.ev.key for item in journeys.pop(key))
        if not journeys:
            return
        births = self.births
        states, problems = check_journeys(
            journeys,
            batch.found,
            birth_dates={k[0]: births[k[0]] for k in journeys},
            today=self.today,
            writer=self.writer,
            reason_codes=self.reason_codes,
        )
        if problems:
            for problem in problems:
                row = row_of.get(problem.event_key)
                column = s.event_column(problem.field)
                if row is not None:
                    target = row.values.get("supersedes")
                    if column == "supersedes" and target and target != problem.event_key:
                        if target in broken_rows:
                            self._follows(row, target)
                        else:  # its event may turn out broken in a later partition
                            self.pending.append((row, target, problem.message))
                        continue
                    self._broken(problem.event_key, row.line)
                ctx.problems.append(
                    Problem(
                        SCHEMA.name,
                        row.line if row else 0,
                        column,
                        row.raw.get(column, "") if row else (problem.event_key or ""),
                        problem.message,
                    )
                )
            # The journeys that passed are written all the same (the import is rejected anyway):
            # the later files then find their participations and events, and report no
            # follow-on problems (as ``masterdata._write`` does for the master data).
            passed = {key for key, _state in states}
            for key in [k for k in journeys if k not in passed]:
                broken_ids.add(raw_of[key])
                broken_ids.update(item.ev.key for item in journeys.pop(key))
            if not journeys:
                return
        rows = journey_rows(
            journeys,
            batch.found,
            states,
            participation_ids=iter(batch.participation_ids),
            event_ids=iter(batch.event_ids),
            by=ctx.by,
            audit_summary=_("Import"),
        )
        if self.postgres:
            rows.copy_data()  # formatted here, so that the worker only sends
        db.submit(write_rows, rows)
        self.created += rows.count
        entry_rows = self.entry_rows
        for items in journeys.values():
            for item in items:
                if item.ev.kind in ("entry", "stage_change"):
                    row = row_of[item.ev.key]
                    entry_rows[item.ev.key] = (row.line, row.raw.get("measure", ""))

    def _existing(self, keys: list[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            queryset = JourneyEvent.objects.filter(event_id__in=keys[start : start + LOOKUP_CHUNK]).order_by()
            for row in event_rows(queryset):
                found[row[0]] = row
        return found

    def _same(self, values: dict, old: list[str]) -> bool:
        for name, index in COLUMN_INDEX.items():
            value = values.get(name)
            if name == "recorded_at" and value is None:
                continue
            # a file of the contract without the extension column says nothing about the code
            if name == "reason_code" and name not in self.parser.present:
                continue
            if fmt(value) != old[index]:
                return False
        return True

    def _resolve(self, row: ParsedRow) -> tuple[tuple[int, int], PreparedEvent] | None:
        """(journey key, prepared event) or None after reporting what is unknown."""
        values = row.values
        get = values.get
        person = self.persons.get(values["person_id"])
        programme_id = self.programmes.get(values["programme"])
        measure, referrer, employer, stage = get("measure"), get("referrer"), get("employer"), get("stage")
        measure_id = self.measures.get(measure) if measure else None
        referrer_id = self.organisations.get(referrer) if referrer else None
        employer_id = self.organisations.get(employer) if employer else None
        stage_id = self.stages.get((programme_id, stage)) if stage else None
        if (
            person is None
            or programme_id is None
            or (measure and measure_id is None)
            or (referrer and referrer_id is None)
            or (employer and employer_id is None)
            or (stage and stage_id is None)
        ):
            return self._resolve_reporting(row)  # something is unknown: report it
        region = get("region")
        region_id = self.regions.get(region) if region else None
        recorded_at = get("recorded_at") or self.now
        # The event's column values: a blank event's, then what the row gives.
        event = self.template.copy()
        event[_EVENT_ID] = key = values["event_id"]
        event[_KIND] = kind = values["event"]
        event[_OCCURRED_ON] = occurred_on = values["date"]
        event[_RECORDED_AT] = recorded_at
        event[_REGION_ID] = region_id
        event[_MEASURE_ID] = measure_id
        event[_STAGE_ID] = stage_id
        event[_REFERRER_ID] = referrer_id
        event[_EMPLOYER_ID] = employer_id
        for name, index in self.plain:
            value = get(name)
            if value is not None:
                event[index] = value
        statuses = event[_STATUSES]
        if "|" in statuses:
            event[_STATUSES] = statuses = canonical_statuses(statuses)
        # Positional, in the order of Ev's fields (checked below the class).
        ev = Ev(
            key,
            kind,
            occurred_on,
            recorded_at,
            NEW_ORDER_BASE + row.line,  # source order
            get("supersedes"),
            region_id,
            measure_id,
            stage_id,
            referrer_id,
            event[_RESULT],
            event[_PLANNED_END],
            event[_EMPLOYMENT_STATUS],
            event[_UNEMPLOYED_SINCE],
            event[_CHANGE],
            event[_EXIT_KIND],
            statuses,
            event[_EMPLOYMENT_KIND],
            event[_REACHED],
        )
        return (person[0], programme_id), PreparedEvent(ev, event)

    def _resolve_reporting(self, row: ParsedRow) -> tuple[tuple[int, int], PreparedEvent] | None:
        """``_resolve`` step by step, reporting everything that is unknown."""
        ctx, values = self.ctx, row.values
        ok = True
        person = self.persons.get(values["person_id"])
        if person is None:
            if not ctx.is_broken(s.PERSONS.name, values["person_id"]):
                ctx.problem(
                    SCHEMA,
                    row,
                    "person_id",
                    _("Die Person „%(code)s“ ist nicht bekannt (weder in persons.csv noch in der Datenbank).")
                    % {"code": values["person_id"]},
                )
            return None
        programme_id = ctx.programmes.get(values["programme"])
        if programme_id is None:
            if not ctx.is_broken(s.PROGRAMMES.name, values["programme"]):
                ctx.problem(
                    SCHEMA,
                    row,
                    "programme",
                    _("Das Programm „%(code)s“ ist nicht bekannt.") % {"code": values["programme"]},
                )
            return None
        refs = {}
        for column, table, broken_file in (
            ("measure", self.measures, s.MEASURES.name),
            ("referrer", ctx.organisations, s.ORGANISATIONS.name),
            ("employer", ctx.organisations, s.ORGANISATIONS.name),
        ):
            code = values.get(column)
            if not code:
                refs[column] = None
                continue
            refs[column] = table.get(code)
            if refs[column] is None:
                ok = False
                if not ctx.is_broken(broken_file, code):
                    what = _("Die Maßnahme") if column == "measure" else _("Die Organisation")
                    ctx.problem(
                        SCHEMA,
                        row,
                        column,
                        _("%(what)s „%(code)s“ ist nicht bekannt.") % {"what": what, "code": code},
                    )
        stage_id = None
        if values.get("stage"):
            stage_id = ctx.stages.get((programme_id, values["stage"]))
            if stage_id is None:
                ok = False
                ctx.problem(
                    SCHEMA,
                    row,
                    "stage",
                    _("Die Stufe „%(stage)s“ gibt es im Programm %(programme)s nicht.")
                    % {"stage": values["stage"], "programme": values["programme"]},
                )
        if not ok:
            return None
        raise AssertionError("_resolve found every code")  # pragma: no cover


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""
