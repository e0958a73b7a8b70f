"""The bulk write path: many journeys' events validated and appended at once.

Used by the importer and the demo loader. It applies exactly the rules of the single-event path
(who may write the kind: ``authority.WriteCheck``; the reason's length: ``spec``;
``rules.check_new_event``, ``rules.check_supersession``, ``rules.replay``; capacity:
``capacity.py``) but collects every problem instead of stopping at the first, and writes events,
projection and audit rows with bulk inserts. Call it inside ``transaction.atomic``; when it raises
``BulkRuleErrors`` nothing must be kept. The steps are modules of their own: the events to append
(``bulk_events``), what the database knows (``bulk_lookups``), the rules (``bulk_checks``) and the
rows written (``bulk_writes``); the importer calls them one by one.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from stufenweg.journeys.authority import WriteCheck
from stufenweg.journeys.bulk_checks import check_journeys
from stufenweg.journeys.bulk_events import _REASON_CODE, NEW_ORDER_BASE, NewEvent, PreparedEvent, prepare
from stufenweg.journeys.bulk_lookups import lookup
from stufenweg.journeys.bulk_writes import write_journeys
from stufenweg.journeys.capacity import capacity_problems, new_entries_over_capacity
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.records import BulkRuleErrors, Problem
from stufenweg.programmes.reason_codes import active_codes


def journey_events_bulk_append(
    *,
    journeys: dict[tuple[int, int], list[NewEvent]],
    birth_dates: dict[int, dt.date],
    by=None,
    audit_summary: str = "Import",
    today: dt.date | None = None,
    check_capacity: bool = True,
) -> int:
    """Append events for many (person_id, programme_id) journeys. Returns the number of events.

    ``journeys`` maps (person pk, programme pk) to the new events in source order;
    ``birth_dates`` maps person pk to birth date (for the age rules). ``by`` must be allowed to
    write every event (``authority.WriteCheck``: the same rule and message as the single-event
    path; ``None`` is a system write). Raises ``BulkRuleErrors``
    with every problem found; writes nothing in that case. ``check_capacity=False`` leaves the
    capacity check to the caller, who appends in several calls inside one transaction and then
    calls ``new_entries_over_capacity`` once over everything appended.
    """
    today = today or timezone.localdate()
    if not journeys:
        return 0
    order = NEW_ORDER_BASE
    prepared: dict[tuple[int, int], list[PreparedEvent]] = {}
    for key, items in journeys.items():
        prepared[key] = [prepare(item, order + index) for index, item in enumerate(items)]
        order += len(items)
    with transaction.atomic():
        found = lookup(prepared)
        coded = {k[1] for k, items in prepared.items() if any(i.values[_REASON_CODE] for i in items)}
        states, problems = check_journeys(
            prepared,
            found,
            birth_dates=birth_dates,
            today=today,
            writer=WriteCheck(by),
            reason_codes=active_codes(coded) if coded else None,
        )
        if not problems and check_capacity:
            problems.extend(capacity_problems(states, prepared, found))
        if problems:
            raise BulkRuleErrors(problems)
        return write_journeys(prepared, found, states, by=by, audit_summary=audit_summary)


__all__ = [
    "BulkRuleErrors",
    "Problem",
    "journey_events_bulk_append",
    "new_entries_over_capacity",
    "EventKind",
]
