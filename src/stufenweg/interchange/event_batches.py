"""events.csv, pass 2: the steps of one partition.

``_parse`` turns the spooled cells into parsed rows (Python), ``_look`` fetches the stored events
with the partition's ids, what the rules need to know and primary keys (database, in the worker),
``_check_and_write`` leaves identical events alone, reports changed ones, checks the journeys by
the rules of ``journeys.bulk_checks`` and hands the rows to the worker to write. A mixin of
``events.EventImport``, whose run state it uses.
"""

from __future__ import annotations

from concurrent.futures import Future

from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.pipeline import DbWorker
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.validation import ParsedRow
from stufenweg.interchange.writer import event_rows, fmt
from stufenweg.journeys.bulk_checks import check_journeys
from stufenweg.journeys.bulk_events import PreparedEvent
from stufenweg.journeys.bulk_lookups import Lookups, lookup_keys
from stufenweg.journeys.bulk_writes import journey_rows, write_rows
from stufenweg.journeys.models import JourneyEvent

LOOKUP_CHUNK = 2000
SCHEMA = s.EVENTS
COLUMN_INDEX = {name: i for i, name in enumerate(SCHEMA.names)}


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


class EventBatches:
    """Pass 2 of ``EventImport``, one partition at a time."""

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


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""
