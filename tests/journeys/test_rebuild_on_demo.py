"""On the demo data (bulk-loaded plus recent activity through the services, with corrections and
voids), wiping the projection and rebuilding it from the log gives exactly the live state."""

from django.core.management import call_command

from stufenweg.demo import load_demo
from stufenweg.journeys.models import JourneyEvent
from tests.journeys.test_projection_rebuild import snapshot, wipe_projection


def test_rebuild_equals_live_state_on_the_demo_data(db):
    load_demo(seed=2026, scale=0.03, out=lambda message: None)
    assert JourneyEvent.objects.filter(kind="void").exists()
    assert JourneyEvent.objects.filter(supersedes__isnull=False).exclude(kind="void").exists()
    live = snapshot()
    assert len(live[0]) > 100 and len(live[1]) > 50
    wipe_projection()
    assert snapshot() != live
    call_command("rebuild_projections", verbosity=0)
    assert snapshot() == live
