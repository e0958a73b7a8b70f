"""The demo records its events as the web does (issue #12, item 5): every event without a measure
carries the participation's region, so each regional office's report counts the demo's
not-arrived, waiting-list entries, extensions and the rest where its start page shows them."""

from __future__ import annotations

from django.db.models import F

from stufenweg.journeys.models import JourneyEvent


def test_every_demo_event_has_the_region_of_its_participation_or_its_measure(small_demo, db):
    events = JourneyEvent.objects.exclude(kind="void")
    assert events.filter(region__isnull=True, measure__isnull=True).count() == 0
    unplaced = events.filter(measure__isnull=True).exclude(region=F("participation__region"))
    assert unplaced.count() == 0
    assert events.filter(kind__in=["extension", "waitlist", "not_arrived"], region__isnull=False).exists()
