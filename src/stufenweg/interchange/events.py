"""events.csv: streamed in two passes, written through the journeys' bulk path.

Pass 1 reads the file once, checks the header, finds duplicate event ids and the region codes
used, and spools each row into one of N partitions by a hash of ``person_id`` (temporary CSV
files when the file is large), so that every journey lies in one partition. Pass 2 takes one
partition at a time: parses the cells, resolves codes, leaves identical existing events alone,
reports an existing event id with other content, and hands the journeys to
``journeys.bulk.journey_events_bulk_append`` – the same rules as the single-event path. Memory
is bounded by the partition size, not the file size.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db.models.base import ModelState
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.reader import ReadError
from stufenweg.interchange.validation import ParsedRow, RowParser
from stufenweg.interchange.writer import event_rows, fmt
from stufenweg.journeys.bulk import (
    BulkRuleErrors,
    NewEvent,
    journey_events_bulk_append,
    new_entries_over_capacity,
)
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure

PARTITION_ROWS = 50_000
LOOKUP_CHUNK = 2000
SCHEMA = s.EVENTS
COLUMN_INDEX = {name: i for i, name in enumerate(SCHEMA.names)}
PLAIN_FIELDS = (
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
    "end_date",
    "first_labour_market",
    "employment_kind",
    "hours",
    "benefit_effect",
    "reached",
    "source",
)


_EVENT_TEMPLATE: dict | None = None


def new_event(fields: dict) -> JourneyEvent:
    """An unsaved ``JourneyEvent`` from attribute values (``*_id`` for relations), without the
    cost of ``Model.__init__`` for a million rows: the defaults of a blank instance, then ``fields``."""
    global _EVENT_TEMPLATE
    if _EVENT_TEMPLATE is None:
        blank = JourneyEvent()
        _EVENT_TEMPLATE = {k: v for k, v in blank.__dict__.items() if k != "_state"}
    event = JourneyEvent.__new__(JourneyEvent)
    event.__dict__.update(_EVENT_TEMPLATE)
    event.__dict__.update(fields)
    event._state = ModelState()
    return event


class Spool:
    """Rows grouped into partitions by person; in memory for one partition, else temp files."""

    def __init__(self, partitions: int):
        self.count = max(1, partitions)
        self.memory: list[list[str]] | None = [] if self.count == 1 else None
        self.dir = None
        self.writers = []
        self.handles = []
        if self.memory is None:
            self.dir = tempfile.TemporaryDirectory(prefix="stufenweg-import-")
            for index in range(self.count):
                handle = open(Path(self.dir.name) / f"{index}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
                self.handles.append(handle)
                self.writers.append(csv.writer(handle))

    def add(self, person_id: str, line: int, cells: list[str]) -> None:
        if self.memory is not None:
            self.memory.append([str(line), *cells])
        else:
            self.writers[zlib.crc32(person_id.encode()) % self.count].writerow([line, *cells])

    def partitions(self) -> Iterator[list[list[str]]]:
        if self.memory is not None:
            rows, self.memory = self.memory, []
            yield rows
            return
        for handle in self.handles:
            handle.close()
        for index in range(self.count):
            with open(Path(self.dir.name) / f"{index}.csv", encoding="utf-8", newline="") as handle:
                yield list(csv.reader(handle))

    def close(self) -> None:
        for handle in self.handles:
            if not handle.closed:
                handle.close()
        if self.dir is not None:
            self.dir.cleanup()


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

    # --- pass 1 -------------------------------------------------------------------------------

    def scan(self) -> None:
        """Read the file once: header, duplicate event ids, region codes; spool the rows."""
        name = SCHEMA.name
        total = self.source.count_rows(name)
        self.total = total
        sheet = self.source.open(name)
        parser = RowParser(SCHEMA, sheet.header, self.ctx.problems)
        self.parser = parser
        if not parser.ok:
            for _row in sheet.rows:  # close the file
                pass
            return
        self.spool = Spool(-(-total // PARTITION_ROWS))
        position = {c.name: p for p, c in parser.index}
        p_event, p_person = position["event_id"], position["person_id"]
        p_region = position.get("region")
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
                        continue
                    seen.add(event_id)
                if p_region is not None and cells[p_region].strip():
                    self.region_codes.add(cells[p_region].strip())
                self.spool.add(cells[p_person].strip(), line, cells)
        except ReadError as exc:
            self.ctx.problems.append(Problem(name, exc.line, "", "", exc.message))
        self.progress("scan", done, total)

    # --- pass 2 -------------------------------------------------------------------------------

    def write(self) -> None:
        if self.spool is None:
            return
        self.after_pk = JourneyEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.had_events = self.after_pk > 0
        self.persons = {
            p: (pk, born) for p, pk, born in Person.objects.values_list("person_id", "id", "birth_date")
        }
        self.births = dict(self.persons.values())
        self.by_id = self.ctx.by.pk if getattr(self.ctx.by, "pk", None) else None
        self.measures = dict(Measure.objects.values_list("code", "id"))
        done = 0
        self.progress("events", 0, self.total)
        try:
            for rows in self.spool.partitions():
                self._partition(rows)
                done += len(rows)
                self.progress("events", done, self.total)
        finally:
            self.spool.close()
        for problem in new_entries_over_capacity(after_event_pk=self.after_pk):
            line, value = self.entry_rows.get(problem.event_key, (0, ""))
            self.ctx.problems.append(Problem(SCHEMA.name, line, "measure", value, problem.message))

    def _partition(self, rows: list[list[str]]) -> None:
        ctx, parser = self.ctx, self.parser
        position = {c.name: p for p, c in parser.index}
        broken: set[tuple[str, str]] = set()
        parsed: list[ParsedRow] = []
        for cells in rows:
            row = parser.parse(int(cells[0]), cells[1:])
            if row is None:
                if parser.last_failed:
                    broken.add((_cell(cells, position, "person_id"), _cell(cells, position, "programme")))
                continue
            parsed.append(row)
        existing = self._existing([r.values["event_id"] for r in parsed]) if self.had_events else {}
        journeys: dict[tuple[int, int], list[NewEvent]] = {}
        raw_of: dict[tuple[int, int], tuple[str, str]] = {}
        row_of: dict[str, ParsedRow] = {}
        for row in parsed:
            values = row.values
            journey_raw = (values["person_id"], values["programme"])
            if journey_raw in broken:
                continue
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
                    broken.add(journey_raw)
                continue
            resolved = self._resolve(row)
            if resolved is None:
                broken.add(journey_raw)
                continue
            key, event = resolved
            journeys.setdefault(key, []).append(NewEvent(event, values.get("supersedes")))
            raw_of[key] = journey_raw
            row_of[event.event_id] = row
        journeys = {k: v for k, v in journeys.items() if raw_of[k] not in broken}
        if not journeys:
            return
        try:
            count = journey_events_bulk_append(
                journeys=journeys,
                birth_dates={k[0]: self.births[k[0]] for k in journeys},
                by=ctx.by,
                audit_summary=_("Import"),
                today=self.today,
                check_capacity=False,
            )
        except BulkRuleErrors as exc:
            for problem in exc.problems:
                row = row_of.get(problem.event_key)
                column = s.event_column(problem.field)
                ctx.problems.append(
                    Problem(
                        SCHEMA.name,
                        row.line if row else 0,
                        column,
                        row.raw.get(column, "") if row else (problem.event_key or ""),
                        problem.message,
                    )
                )
            return
        self.created += count
        for items in journeys.values():
            for item in items:
                if item.event.kind in ("entry", "stage_change"):
                    row = row_of[item.event.event_id]
                    self.entry_rows[item.event.event_id] = (row.line, row.raw.get("measure", ""))

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
            if fmt(value) != old[index]:
                return False
        return True

    def _resolve(self, row: ParsedRow):
        """(journey key, unsaved event) or None after reporting what is unknown."""
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
        fields = {
            "event_id": values["event_id"],
            "kind": values["event"],
            "occurred_on": values["date"],
            "recorded_at": values.get("recorded_at") or self.now,
            "recorded_by_id": self.by_id,
            "region_id": self.ctx.regions.get(values["region"]) if values.get("region") else None,
            "measure_id": refs["measure"],
            "stage_id": stage_id,
            "referrer_id": refs["referrer"],
            "employer_id": refs["employer"],
        }
        for name in PLAIN_FIELDS:
            value = values.get(name)
            if value is not None:
                fields[name] = value
        return (person[0], programme_id), new_event(fields)


def _cell(cells: list[str], position: dict[str, int], name: str) -> str:
    index = position.get(name)
    return cells[index + 1].strip() if index is not None and index + 1 < len(cells) else ""
