"""The bulk path's rules: ``check_journeys`` checks every new event of many journeys as the
single-event path does (who may write it, text lengths, reason codes, ``rules.check_new_event``,
``rules.check_supersession``, the replay) and collects every problem instead of stopping at the
first. No database access: what it needs comes in ``Lookups`` (``bulk_lookups``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext as _

from stufenweg.journeys.authority import WriteCheck
from stufenweg.journeys.bulk_events import _REASON_CODE, EVENT_INDEX, PreparedEvent
from stufenweg.journeys.bulk_lookups import Lookups
from stufenweg.journeys.records import Problem
from stufenweg.journeys.rules import (
    Ev,
    JourneyRuleError,
    JourneyState,
    check_new_event,
    check_supersession,
    replay,
)
from stufenweg.journeys.spec import FIELDS, LISTED, TEXT, too_long
from stufenweg.programmes.reason_codes import reason_code_problem

# The text fields with a length limit (``spec``), checked for every new event.
_LIMITED = tuple(
    (f.name, EVENT_INDEX[f.name], f.max_length) for f in FIELDS if f.type in (TEXT, LISTED) and f.max_length
)


def check_journeys(
    journeys: dict[tuple[int, int], list[PreparedEvent]],
    found: Lookups,
    *,
    birth_dates: dict[int, dt.date],
    today: dt.date,
    writer: WriteCheck,
    reason_codes: Mapping[int, Mapping[str, frozenset[str]]] | None = None,
) -> tuple[list[tuple[tuple[int, int], JourneyState]], list[Problem]]:
    """The rules for every journey: the replayed state of each, or problems. ``writer`` says
    whether the writer may write each event (``authority.WriteCheck``, made once per run: it reads
    the writer's scope once; no other database access here). ``reason_codes``: the active reason
    codes per programme and purpose (``programmes.reason_codes.active_codes``; read by the caller
    when an event names one); a code not in them is refused as on the single-event path."""
    problems: list[Problem] = []
    states: list[tuple[tuple[int, int], JourneyState]] = []
    seen_keys: set[str] = set()
    taken = found.taken
    for key, items in journeys.items():
        person_id, programme_id = key
        ctx = found.contexts[programme_id]
        participation = found.participations.get(key)
        participation_id = participation.id if participation else None
        known = {e.key: e for e in found.events.get(participation.id, [])} if participation else {}
        new_keys = set()
        failed = False
        for item in items:
            ev = item.ev
            if ev.key in taken or ev.key in seen_keys:
                problems.append(
                    Problem(
                        ev.key,
                        "event_id",
                        _("Die Ereignis-ID %(key)s ist bereits vergeben.") % {"key": ev.key},
                    )
                )
                failed = True
                continue
            seen_keys.add(ev.key)
            target_kind = _target_kind(ev, known, items) if ev.supersedes else None
            refusal = writer.refusal(ev.kind, target_kind, participation_id)
            if refusal is not None:
                problems.append(Problem(ev.key, "kind", refusal))
                failed = True
                continue
            over = _over_limit(item.values)
            if over is not None:
                problems.append(Problem(ev.key, *over))
                failed = True
                continue
            code = item.values[_REASON_CODE]
            if code:
                allowed = (reason_codes or {}).get(programme_id, {})
                message = reason_code_problem(ev.kind, code, allowed, kept=_kept_code(ev, items))
                if message:
                    problems.append(Problem(ev.key, "reason_code", message))
                    failed = True
                    continue
            try:
                check_new_event(ev, today=today)
                check_supersession(ev, known)
            except JourneyRuleError as exc:
                problems.append(Problem(ev.key, exc.field, exc.rule_message))
                failed = True
                continue
            known[ev.key] = ev
            new_keys.add(ev.key)
        if failed:
            continue
        try:
            state = replay(list(known.values()), ctx, birth_date=birth_dates.get(person_id), check=new_keys)
        except JourneyRuleError as exc:
            problems.append(Problem(exc.event_key, exc.field, exc.rule_message))
            continue
        states.append((key, state))
    return states, problems


def _kept_code(ev: Ev, items: list[PreparedEvent]) -> str:
    """The reason code of the event ``ev`` corrects when it is one of the batch (a correction may
    keep it, as on the single-event path); "" otherwise."""
    if not ev.supersedes:
        return ""
    target = next((i for i in items if i.ev.key == ev.supersedes), None)
    return target.values[_REASON_CODE] if target is not None else ""


def _target_kind(ev: Ev, known: dict[str, Ev], items: list[PreparedEvent]) -> str | None:
    """The kind of the event ``ev`` corrects or retracts: a recorded one, or one of the batch
    (also one refused above, so that its void is judged by its kind, not as naming nothing)."""
    target = known.get(ev.supersedes)
    if target is None:
        target = next((i.ev for i in items if i.ev.key == ev.supersedes), None)
    return target.kind if target is not None else None


def _over_limit(values) -> tuple[str, str] | None:
    """(field, German message) for the first text value longer than its field allows, or None."""
    for name, index, limit in _LIMITED:
        value = values[index]
        if value and len(value) > limit:
            return name, too_long(name, value)
    return None
