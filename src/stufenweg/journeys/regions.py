"""The region of an event that names none.

An event recorded in the web or the API without a region and without a measure gets the region
the participation has just before it, as the rules see it (``rules.replay``: the last earlier
effective event's region, or else its measure's); where no earlier event has one, the
participation's current region. The participation's region therefore does not change, and the
report (INDICATORS.md: the event's region, or else its measure's) counts the event where the
participant page shows it. An event with a measure keeps the measure's region (a correction that
changes the measure must not keep an old region). The import fills nothing: events.csv keeps
what the source says, so an export → import → export round trip stays byte-identical.
"""

from __future__ import annotations

from collections.abc import Mapping

from stufenweg.journeys.records import Ev, MeasureInfo
from stufenweg.journeys.rules import effective


def region_before(events: list[Ev], new: Ev, measures: Mapping[int, MeasureInfo]) -> int | None:
    """The region of the participation just before ``new`` in the effective order of
    ``events`` + ``new`` (None: no earlier event has one)."""
    region = None
    for ev in effective([*events, new]):
        if ev.key == new.key:
            break
        named = ev.region_id or (measures[ev.measure_id].region_id if ev.measure_id in measures else None)
        if named:
            region = named
    return region
