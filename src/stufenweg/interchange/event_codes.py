"""events.csv: a parsed row's codes resolved into a prepared event.

``_resolve`` looks up the person, programme, measure, organisations, stage and region of a row
and builds the event's column values and its ``Ev`` for the rules; when a code is unknown,
``_resolve_reporting`` says which (unless its row of the other file was reported already). A
mixin of ``events.EventImport``, whose lookups (``_start``) it uses.
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.validation import ParsedRow
from stufenweg.journeys.bulk_events import EVENT_INDEX, NEW_ORDER_BASE, PreparedEvent, canonical_statuses
from stufenweg.journeys.rules import Ev
from stufenweg.journeys.spec import FIELDS, REF

SCHEMA = s.EVENTS
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


class EventCodes:
    """The codes of an ``EventImport`` row, resolved with the lookups of ``_start``."""

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
