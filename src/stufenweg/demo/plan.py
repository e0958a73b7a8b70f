"""The plan the demo writes: planned events and journeys (codes and dates, no database ids), and
the day-by-day occupancy of the measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stufenweg.demo.population import PlannedHousehold, PlannedPerson

DAY = dt.timedelta(days=1)
ORIGIN = dt.date(2020, 1, 1)


@dataclass
class PEvent:
    kind: str
    on: dt.date
    by: str
    fields: dict = field(default_factory=dict)
    key: str = ""
    recorded_at: dt.datetime | None = None


@dataclass
class PJourney:
    person_id: str
    programme: str
    caseworker: str
    events: list[PEvent] = field(default_factory=list)


@dataclass
class Plan:
    persons: list[PlannedPerson] = field(default_factory=list)
    households: list[PlannedHousehold] = field(default_factory=list)
    journeys: list[PJourney] = field(default_factory=list)


class Occupancy:
    """Places taken per measure and day; an interval [entry, exit) occupies its days."""

    def __init__(self, end: dt.date):
        self.size = (end - ORIGIN).days + 2
        self.days: dict[str, list[int]] = {}

    def _span(self, start: dt.date, stop: dt.date | None) -> tuple[int, int]:
        a = max(0, (start - ORIGIN).days)
        b = self.size if stop is None else min(self.size, (stop - ORIGIN).days)
        return a, max(b, a + 1)

    def fits(self, measure: str, places: int, start: dt.date, stop: dt.date | None) -> bool:
        days = self.days.setdefault(measure, [0] * self.size)
        a, b = self._span(start, stop)
        return max(days[a:b]) < places

    def take(self, measure: str, start: dt.date, stop: dt.date | None) -> None:
        days = self.days[measure]
        a, b = self._span(start, stop)
        for i in range(a, b):
            days[i] += 1


@dataclass
class Draft:
    """Working state while one person's journey is planned."""

    person: PlannedPerson
    region: str
    caseworker: str
    events: list[PEvent] = field(default_factory=list)
    job: tuple[str, dt.date] | None = None  # open employment: (kind, start)
    spells: list[list] = field(default_factory=list)  # [start, end, effect]
    last_statuses: list[str] = field(default_factory=list)
    last_stage: str = ""
