"""The bulk path's reads: what the database knows about a batch of journeys before they are
appended to (``Lookups``: their participations, recorded events and rule contexts, and which new
event ids the log already has), read in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from stufenweg.journeys.bulk_events import PreparedEvent
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.projection import events_by_participation, rule_context
from stufenweg.journeys.rules import Ev, RuleContext

LOOKUP_CHUNK = 2000


@dataclass(slots=True)
class Lookups:
    """What the database knows about a batch of journeys before they are appended to."""

    participations: dict[tuple[int, int], Participation]  # the existing ones
    events: dict[int, list[Ev]]  # participation pk -> its recorded events
    taken: set[str]  # event ids of the batch that the log already has
    contexts: dict[int, RuleContext]


def lookup(
    journeys: dict[tuple[int, int], list[PreparedEvent]], *, contexts: dict[int, RuleContext] | None = None
) -> Lookups:
    """Read what the rules need for ``journeys``: participations, their events, taken event ids,
    the rule context of each programme (``contexts`` may hold some already)."""
    return lookup_keys(
        journeys.keys(), [p.ev.key for items in journeys.values() for p in items], contexts=contexts
    )


def lookup_keys(
    keys: Iterable[tuple[int, int]], event_keys: list[str], *, contexts: dict[int, RuleContext] | None = None
) -> Lookups:
    """``lookup`` by the journeys' keys and their new events' keys (more of either does no harm)."""
    keys = set(keys)
    participations = _participations(keys)
    events: dict[int, list[Ev]] = {}
    old_ids = [p.id for p in participations.values()]
    for start in range(0, len(old_ids), LOOKUP_CHUNK):
        events.update(events_by_participation(old_ids[start : start + LOOKUP_CHUNK]))
    taken = existing_event_ids(event_keys)
    contexts = dict(contexts or {})
    for _person, programme_id in keys:
        if programme_id not in contexts:
            contexts[programme_id] = rule_context(programme_id)
    return Lookups(participations, events, taken, contexts)


def _participations(keys) -> dict[tuple[int, int], Participation]:
    """The existing participations among ``keys`` (person pk, programme pk)."""
    wanted = set(keys)
    found: dict[tuple[int, int], Participation] = {}
    person_ids = sorted({k[0] for k in wanted})
    for start in range(0, len(person_ids), LOOKUP_CHUNK):
        for p in Participation.objects.filter(person_id__in=person_ids[start : start + LOOKUP_CHUNK]):
            if (p.person_id, p.programme_id) in wanted:
                found[(p.person_id, p.programme_id)] = p
    return found


def existing_event_ids(keys: list[str]) -> set[str]:
    """Which of ``keys`` are event ids already in the log (one cheap query per chunk, raw SQL:
    an IN list of thousands of ORM parameters costs more to build than to run)."""
    found: set[str] = set()
    table = connection.ops.quote_name(JourneyEvent._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(keys), 50_000):
                cursor.execute(
                    f"SELECT event_id FROM {table} WHERE event_id = ANY(%s)",  # noqa: S608 - table from model
                    [keys[start : start + 50_000]],
                )
                found.update(row[0] for row in cursor.fetchall())
        else:
            for start in range(0, len(keys), 900):
                chunk = keys[start : start + 900]
                cursor.execute(
                    f"SELECT event_id FROM {table} WHERE event_id IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                    chunk,
                )
                found.update(row[0] for row in cursor.fetchall())
    return found
