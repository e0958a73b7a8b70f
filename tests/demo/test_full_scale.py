"""The demo loads at the scale the README's command uses (1.0), not only at the small scales of the
other demo tests: the recent activity is recorded through the services, whose authority check must
accept every recorder the loader names (where the planned one's organisation does not see the case,
the coordination office records it)."""

from __future__ import annotations

import pytest

from stufenweg.demo import load_demo
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_readme_demo_loads_at_full_scale():
    ctx = load_demo(seed=2026, scale=1.0, out=lambda message: None)
    assert ctx.stats["service_calls"] >= 300
    recorded = JourneyEvent.objects.filter(
        event_id__in=[e.key for _j, events in ctx.withheld for e in events]
    )
    assert recorded.count() == sum(len(events) for _j, events in ctx.withheld)
    assert not recorded.filter(recorded_by__isnull=True).exists()
    # some were recorded by their planned recorder, not all by the coordination office
    assert recorded.exclude(
        recorded_by__memberships__organisation__kind=Organisation.Kind.COORDINATION_OFFICE
    ).exists()
