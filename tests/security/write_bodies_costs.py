"""Valid bodies for the cost entries' writes (``test_write_authority``): each is valid for the
coordination office's writing members (``costs.services``: ``require_coordination_writer``), so
that a refusal for anyone else is about authority, not about a broken form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from stufenweg.costs.models import CostEntry


def cost_entry(world) -> CostEntry:
    """One cost entry of the world's programme (the coordination office's staff, 2024 onwards)."""
    return CostEntry.objects.get_or_create(
        programme=world.programme,
        organisation=world.coordination,
        category="staff",
        valid_from=dt.date(2024, 1, 1),
        defaults={"monthly_amount": Decimal("1000.00")},
    )[0]


def entry_new(ww, which, persona):
    data = {
        "region": ww.world.region_a.pk,
        "category": "measures",
        "monthly_amount": "2500",
        "valid_from": "2024-01-01",
    }
    return reverse("costs:entry_create", args=[ww.world.programme.pk]), data


def entry_edit(ww, which, persona):
    entry = cost_entry(ww.world)
    data = {
        "organisation": ww.world.coordination.pk,
        "category": "staff",
        "monthly_amount": "1000",
        "valid_from": "2024-01-01",
        "valid_to": "2024-12-31",
    }
    return reverse("costs:entry_edit", args=[entry.pk]), data


def api_entry_new(ww, which, persona):
    data = {
        "programme": ww.world.programme.code,
        "region": ww.world.region_b.code,
        "category": "other",
        "monthly_amount": "300.00",
        "valid_from": "2024-01-01",
    }
    return reverse("api:programme-cost-list"), data
