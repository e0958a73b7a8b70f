"""Enrolments keep their ids as events are added: a later event never renumbers the enrolments
before it, a correction of an entry keeps the enrolment's id, and rebuilding the projection leaves
the rows (ids included) as they are."""

from __future__ import annotations

from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from stufenweg.journeys.models import Enrolment, JourneyEvent
from stufenweg.journeys.projection import first_versions
from tests.journeys import histories


def enrolments(history) -> tuple[list[tuple], dict[int, int]]:
    """(id, entered_on) in the pages' order, and first version of the entry event → enrolment id."""
    ids = [p.id for p in history.participations()]
    first = first_versions(ids)
    rows = list(
        Enrolment.objects.filter(participation_id__in=ids)
        .order_by("participation_id", "entered_on", "id")
        .values_list("id", "participation_id", "entered_on", "entry_event_id")
    )
    listed = [(pk, participation, entered_on) for pk, participation, entered_on, _entry in rows]
    return listed, {first.get(entry, entry): pk for pk, _p, _e, entry in rows}


class Watch:
    """After each step: the enrolments both before and after it have the same id; a new event
    (not a correction or a void) dated d leaves the order of the enrolments entered by d as it was."""

    def __init__(self):
        self.listed, self.by_entry, self.last_event = [], {}, 0

    def __call__(self, history) -> None:
        listed, by_entry = enrolments(history)
        new = list(
            JourneyEvent.objects.filter(id__gt=self.last_event).values("id", "occurred_on", "supersedes_id")
        )
        for origin, pk in by_entry.items():
            assert self.by_entry.get(origin, pk) == pk
        if new and not any(e["supersedes_id"] for e in new):
            on = min(e["occurred_on"] for e in new)
            assert set(self.by_entry.values()) <= set(by_entry.values())  # nothing lost
            for participation in {row[1] for row in self.listed}:
                before = [row for row in self.listed if row[1] == participation and row[2] <= on]
                after = [row for row in listed if row[1] == participation]
                assert after[: len(before)] == before  # same ids, same numbers
        self.listed, self.by_entry = listed, by_entry
        self.last_event = max([self.last_event, *(e["id"] for e in new)])


def rebuild_changes_nothing(history) -> None:
    ids = [p.id for p in history.participations()]
    rows = list(Enrolment.objects.filter(participation_id__in=ids).order_by("id").values())
    call_command("rebuild_projections", verbosity=0)
    assert list(Enrolment.objects.filter(participation_id__in=ids).order_by("id").values()) == rows


def check(world, drawn, *, bulk: bool) -> None:
    with transaction.atomic():
        history = histories.play(world, drawn, bulk=bulk, after=Watch())
        rebuild_changes_nothing(history)
        transaction.set_rollback(True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=histories.steps)
def test_enrolment_ids_stay_when_events_are_recorded_through_the_services(world, drawn):
    check(world, drawn, bulk=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=histories.steps)
def test_enrolment_ids_stay_when_events_are_appended_through_the_bulk_path(world, drawn):
    check(world, drawn, bulk=True)
