"""The bulk path's events to append: a caller's ``NewEvent`` (an unsaved model row) prepared as a
``PreparedEvent``, its ``Ev`` for the rules and its column values in the order of
``EVENT_FIELDS``, as the importer also builds them from file rows (``event_defaults``,
``canonical_statuses``).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from stufenweg.journeys.codes import STATUS_ORDER, join_statuses, split_statuses
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.rules import Ev

NEW_ORDER_BASE = 10**15


@dataclass(slots=True)
class NewEvent:
    """An event to append: the unsaved model row, the key it supersedes (if any)."""

    event: JourneyEvent
    supersedes_key: str | None = None


# The columns of a new event that its caller gives (everything but the keys the write assigns).
EVENT_FIELDS: tuple[str, ...] = tuple(
    f.attname
    for f in JourneyEvent._meta.concrete_fields
    if f.attname not in ("id", "participation_id", "supersedes_id")
)
EVENT_INDEX = {name: index for index, name in enumerate(EVENT_FIELDS)}
_event_values = operator.itemgetter(*EVENT_FIELDS)
_REASON_CODE = EVENT_INDEX["reason_code"]


class PreparedEvent:
    """A new event as the rules and the insert need it: ``ev`` (its key, kind, dates and the key it
    supersedes) and ``values``, the column values in the order of ``EVENT_FIELDS``."""

    __slots__ = ("ev", "values")

    def __init__(self, ev: Ev, values: list | tuple):
        self.ev = ev
        self.values = values


def event_defaults() -> list:
    """Column values of a blank event (``EVENT_FIELDS`` order), to fill in for a new one."""
    return list(_event_values(JourneyEvent().__dict__))


def canonical_statuses(statuses: str) -> str:
    """The canonical form of known status codes, as the services store it (unknown codes are
    left as they are, for ``check_new_event`` to report)."""
    if "|" in statuses and all(code in STATUS_ORDER for code in split_statuses(statuses)):
        return join_statuses(split_statuses(statuses))
    return statuses


def _to_ev(item: NewEvent, order: int) -> Ev:
    e = item.event
    e.statuses = canonical_statuses(e.statuses)
    return Ev.from_event(e, order=order, supersedes=item.supersedes_key)


def prepare(item: NewEvent, order: int) -> PreparedEvent:
    ev = _to_ev(item, order)
    return PreparedEvent(ev, _event_values(item.event.__dict__))
