"""A fingerprint of the demo data (persons, households, events, caseworkers), for the
reproducibility check: the same seed and scale must give the same digest.

Database ids and creation timestamps are left out. Events whose id the services draw at random
(retractions) enter with kind, date and target only.
"""

from __future__ import annotations

import hashlib

from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.people.models import HouseholdMonth, Person

PERSON_FIELDS = (
    "person_id", "first_name", "last_name", "birth_date", "gender", "nationality", "foreign_background",
    "disability", "homeless", "rural", "isced", "vocational_qualification", "single_parent", "postcode",
    "household__household_id", "household_role",
)  # fmt: skip
EVENT_FIELDS = (
    "participation__person__person_id", "participation__programme__code", "event_id", "kind", "occurred_on",
    "recorded_at", "recorded_by__username", "region__code", "measure__code", "stage__code", "referrer__code",
    "employer__code", "result", "planned_end", "employment_status", "unemployed_since", "benefit", "change",
    "reason", "exit_kind", "statuses", "qualification", "end_date", "first_labour_market", "employment_kind",
    "hours", "benefit_effect", "reached", "source", "supersedes__event_id",
)  # fmt: skip


def data_digest() -> str:
    digest = hashlib.sha256()
    for row in Person.objects.order_by("person_id").values_list(*PERSON_FIELDS):
        digest.update(repr(row).encode())
    for row in HouseholdMonth.objects.order_by("household__household_id", "month").values_list(
        "household__household_id", "month", "members", "llu", "kdu"
    ):
        digest.update(repr(row).encode())
    events = []
    for row in JourneyEvent.objects.values_list(*EVENT_FIELDS):
        row = list(row)
        if row[2].startswith("sw-"):  # id and recording time drawn by the service at random / now
            row[2] = row[5] = None
        events.append(tuple(row))
    events.sort(key=repr)
    for row in events:
        digest.update(repr(row).encode())
    for row in Participation.objects.order_by("person__person_id", "programme__code").values_list(
        "person__person_id", "programme__code", "caseworker__username", "state", "current_stage__code"
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()
