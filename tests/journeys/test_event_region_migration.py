"""The data migration that gives past web/API events their region (issue #12, item 5): an event
the services recorded without region and measure gets the region the participation had just
before it; an imported one (the source's id) and an event with a measure stay as they were."""

from __future__ import annotations

import datetime as dt
import importlib

from django.db import connection
from django.db.migrations.state import StateApps

from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

migration = importlib.import_module("stufenweg.journeys.migrations.0006_fill_event_regions")


class _Editor:
    connection = connection


def test_past_web_events_get_the_region_they_had_imported_ones_do_not(world):
    journey = start_journey(world, PersonFactory(person_id="MIG-1"))
    enter(world, journey, measure=world.measure_b, stage=world.s4)  # the participation moves to region B
    extension = services.enrolment_extend(
        participation=journey, on=dt.date(2022, 3, 1), planned_end=dt.date(2022, 12, 1), by=None
    )
    # an event recorded before the entry, later (its region is A's, not the current B)
    not_on_time = services.participation_waitlist(
        participation=journey, on=dt.date(2022, 1, 20), stage=world.s4, by=None
    )
    imported = services.enrolment_interrupt(
        participation=journey, on=dt.date(2022, 4, 1), by=None, event_id="SRC-000042"
    )
    # as before the fix: no region stored on any of them
    JourneyEvent.objects.filter(
        kind__in=["assessment_start", "extension", "waitlist", "interruption"]
    ).update(region=None)

    migration.fill(StateApps([], {}), _Editor())

    regions = dict(JourneyEvent.objects.values_list("event_id", "region__code"))
    assert regions[extension.event_id] == "RB"
    assert regions[not_on_time.event_id] == "RA"
    assert regions[imported.event_id] is None
    start = journey.events.get(kind="assessment_start")
    assert regions[start.event_id] == "RA"
    entry = journey.events.get(kind="entry")
    assert regions[entry.event_id] is None  # attributed through its measure
    journey.refresh_from_db()
    assert journey.region == world.region_b
