"""Capacity on the bulk path: new entries that find their measure full on the entry day.

Two ways to the same sweep (entries sorted by day; an exit on the entry day frees the place): over
the replayed states of one call (``capacity_problems``), or over the written projection after
several calls (``new_entries_over_capacity``, the importer).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict

from django.utils.translation import gettext as _

from stufenweg.core.time import format_date
from stufenweg.journeys.models import Enrolment
from stufenweg.journeys.records import Problem
from stufenweg.programmes.models import Measure


def capacity_problems(states, journeys, found) -> list[Problem]:
    """New entries of ``journeys`` (replayed into ``states``; ``found``: the bulk path's lookups) that
    find their measure full on the entry day (an exit that day frees the place)."""
    touched = {found.participations[key].id for key, _st in states if key in found.participations}
    new_keys = {p.ev.key for items in journeys.values() for p in items}
    intervals: dict[int, list[tuple[dt.date, dt.date | None, str | None]]] = defaultdict(list)
    for _key, st in states:
        for e in st.enrolments:
            intervals[e.measure_id].append(
                (e.entered_on, e.exited_on, e.entry_key if e.entry_key in new_keys else None)
            )
    if not intervals:
        return []
    measures = {m.id: m for m in Measure.objects.filter(id__in=intervals.keys())}
    for row in (
        Enrolment.objects.filter(measure_id__in=intervals.keys())
        .exclude(participation_id__in=touched)
        .values_list("measure_id", "entered_on", "exited_on")
    ):
        intervals[row[0]].append((row[1], row[2], None))
    problems = []
    for measure_id, spans in intervals.items():
        measure = measures[measure_id]
        if measure.allow_overbooking or not any(key for *_x, key in spans):
            continue
        problems.extend(_sweep(measure, spans))
    return problems


def new_entries_over_capacity(*, after_event_pk: int) -> list[Problem]:
    """Entries (events with pk > ``after_event_pk``) that find their measure full on the entry day.

    The same sweep as the per-call check, over the written projection: every enrolment of the
    measures that received a new entry, sorted by entry day; an exit on the entry day frees the place.
    """
    new_rows = list(
        Enrolment.objects.filter(entry_event_id__gt=after_event_pk)
        .values_list("measure_id", flat=True)
        .distinct()
    )
    if not new_rows:
        return []
    measures = {m.id: m for m in Measure.objects.filter(id__in=new_rows, allow_overbooking=False)}
    if not measures:
        return []
    spans: dict[int, list[tuple[dt.date, dt.date | None, str | None]]] = defaultdict(list)
    for measure_id, entered_on, exited_on, entry_pk, entry_key in (
        Enrolment.objects.filter(measure_id__in=measures.keys())
        .values_list("measure_id", "entered_on", "exited_on", "entry_event_id", "entry_event__event_id")
        .iterator(chunk_size=5000)
    ):
        spans[measure_id].append((entered_on, exited_on, entry_key if entry_pk > after_event_pk else None))
    problems: list[Problem] = []
    for measure_id, rows in spans.items():
        problems.extend(_sweep(measures[measure_id], rows))
    return problems


def _sweep(measure, spans) -> list[Problem]:
    problems = []
    spans.sort(key=lambda s: s[0])
    open_exits: list[dt.date] = []  # heap of exit days (date.max for open)
    for entered_on, exited_on, key in spans:
        while open_exits and open_exits[0] <= entered_on:
            heapq.heappop(open_exits)
        if key and len(open_exits) >= measure.places:
            problems.append(
                Problem(
                    key,
                    "measure",
                    _(
                        "Die Maßnahme %(measure)s ist am %(date)s voll belegt (%(taken)s von %(places)s Plätzen)."
                    )
                    % {
                        "measure": measure.code,
                        "date": format_date(entered_on),
                        "taken": len(open_exits),
                        "places": measure.places,
                    },
                )
            )
            continue
        heapq.heappush(open_exits, exited_on or dt.date.max)
    return problems
