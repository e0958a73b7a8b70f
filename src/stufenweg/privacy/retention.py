"""Which persons are past their retention period (selectors, no writes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from stufenweg.core.time import add_months
from stufenweg.journeys.codes import State
from stufenweg.privacy.models import Anonymisation, RetentionRule

CLOSED_STATES = {State.NOT_ARRIVED, State.NOT_SUITABLE, State.EXITED, State.FOLLOWED_UP}


@dataclass(frozen=True)
class Expiry:
    person_id: int  # database pk
    expires_on: dt.date


def _rules() -> tuple[dict[int, RetentionRule], RetentionRule | None]:
    rules = {rule.programme_id: rule for rule in RetentionRule.objects.all()}
    return {k: v for k, v in rules.items() if k is not None}, rules.get(None)


def retention_end(*, last_event_on: dt.date, rule: RetentionRule) -> dt.date:
    end = add_months(last_event_on, rule.months_after_last_event)
    if rule.keep_until and rule.keep_until > end:
        end = rule.keep_until
    return end


def expiries(*, today: dt.date) -> list[Expiry]:
    """Persons (not yet anonymised) whose every participation is closed and past retention."""
    from stufenweg.journeys.models import JourneyEvent, Participation

    by_programme, default = _rules()
    anonymised = set(Anonymisation.objects.values_list("person_id", flat=True))
    last_events = dict(
        JourneyEvent.objects.values("participation_id")
        .annotate(last=Max("occurred_on"))
        .values_list("participation_id", "last")
    )
    per_person: dict[int, dt.date | None] = {}
    for pk, person_id, programme_id, state, last_on in Participation.objects.values_list(
        "pk", "person_id", "programme_id", "state", "last_event_on"
    ):
        if person_id in anonymised:
            continue
        rule = by_programme.get(programme_id, default)
        last = last_events.get(pk) or last_on
        if state not in CLOSED_STATES or rule is None or last is None:
            per_person[person_id] = None  # blocks this person
            continue
        end = retention_end(last_event_on=last, rule=rule)
        if person_id not in per_person:
            per_person[person_id] = end
        elif per_person[person_id] is not None:
            per_person[person_id] = max(per_person[person_id], end)
    return sorted(
        (Expiry(person_id=pid, expires_on=end) for pid, end in per_person.items() if end and end < today),
        key=lambda e: (e.expires_on, e.person_id),
    )
