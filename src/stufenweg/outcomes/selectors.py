"""Outcomes of a participation, read from its effective journey events.

Internships, employment spells, qualifications and follow-ups are journey events (the log is the
source of truth); this module turns the effective ones (not superseded, not voided) into small
records for display. Callers pass a participation they obtained through
``journeys.selectors.participations_visible_to``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent, Participation

K = EventKind
OUTCOME_KINDS = (K.INTERNSHIP, K.EMPLOYMENT_START, K.EMPLOYMENT_END, K.QUALIFICATION, K.FOLLOW_UP)


@dataclass
class EmploymentSpell:
    """A spell as INDICATORS.md defines it (and the report's ``sw_sp``): from an employment start
    to its ``end_date``, or else the next employment end of the participation, or else open."""

    start: JourneyEvent
    end: JourneyEvent | None = None  # the next employment end after the start, in log order

    @property
    def ended_on(self) -> dt.date | None:
        if self.start.end_date is not None:
            return self.start.end_date
        if self.end is not None:
            return self.end.occurred_on
        return None


@dataclass
class Outcomes:
    internships: list[JourneyEvent] = field(default_factory=list)
    employment: list[EmploymentSpell] = field(default_factory=list)
    qualifications: list[JourneyEvent] = field(default_factory=list)
    follow_ups: list[JourneyEvent] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.internships or self.employment or self.qualifications or self.follow_ups)


def effective_outcome_events(participation: Participation) -> list[JourneyEvent]:
    """Outcome events that are in force: no later event (correction or void) supersedes them."""
    return list(
        JourneyEvent.objects.filter(
            participation=participation, kind__in=OUTCOME_KINDS, superseded_by__isnull=True
        )
        .select_related("employer", "recorded_by")
        .order_by("occurred_on", "recorded_at", "id")
    )


def outcomes_of(participation: Participation) -> Outcomes:
    result = Outcomes()
    awaiting_end: list[EmploymentSpell] = []  # spells started since the last employment end
    for event in effective_outcome_events(participation):
        if event.kind == K.INTERNSHIP:
            result.internships.append(event)
        elif event.kind == K.EMPLOYMENT_START:
            spell = EmploymentSpell(start=event)
            result.employment.append(spell)
            awaiting_end.append(spell)
        elif event.kind == K.EMPLOYMENT_END:
            # the next end of every spell started before it (two starts, one end: both end here)
            for spell in awaiting_end:
                spell.end = event
            awaiting_end = []
        elif event.kind == K.QUALIFICATION:
            result.qualifications.append(event)
        elif event.kind == K.FOLLOW_UP:
            result.follow_ups.append(event)
    return result
