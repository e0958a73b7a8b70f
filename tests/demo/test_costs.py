"""The demo's WENDE.PUNKT programme has cost entries (with a validity change) and savings, so that
the cost page shows a balance and a break-even month."""

from __future__ import annotations

from stufenweg.costs.balance import programme_balance
from stufenweg.costs.models import CostEntry
from stufenweg.programmes.models import Programme


def test_the_demo_programme_has_costs_savings_and_a_balance(small_demo, db):
    programme = Programme.objects.get(code="WP")
    entries = CostEntry.objects.filter(programme=programme)
    assert entries.count() == 4
    assert entries.filter(category="staff", valid_to__isnull=False).exists()  # the change in 2023
    result = programme_balance(programme)
    assert result.cost > 0
    assert result.households > 0 and result.savings > 0, "the demo households save benefits"
