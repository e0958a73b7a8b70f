"""The measures overview says how each measure takes entries: rolling entry, or at start dates
with the next one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stufenweg.programmes.models import MeasureStart

pytestmark = pytest.mark.django_db


def test_the_overview_shows_rolling_entry_and_the_next_start_date(client, world):
    today = timezone.localdate()
    measure = world.measure_a
    measure.start, measure.rolling_entry = today - dt.timedelta(days=30), False
    measure.save()
    MeasureStart.objects.create(measure=measure, on=today + dt.timedelta(days=10))
    client.force_login(world.personas["coordinator"])
    html = client.get(reverse("casework:measure_list")).content.decode()
    assert f"Einstieg zu Startterminen, nächster {today + dt.timedelta(days=10):%d.%m.%Y}" in html
    assert "durchlaufender Einstieg" in html  # measure_b and measure_m
