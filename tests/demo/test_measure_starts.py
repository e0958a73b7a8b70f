"""The demo's measures without rolling entry (JPS vocational training and retraining) start in
cohorts: their start dates are in the data, so the entry form proposes the next one."""

from __future__ import annotations

import datetime as dt

from stufenweg.programmes.entry_dates import start_dates
from stufenweg.programmes.models import Measure


def test_measures_without_rolling_entry_have_cohort_start_dates(small_demo, db):
    cohorts = list(Measure.objects.filter(rolling_entry=False).prefetch_related("starts"))
    assert cohorts, "the demo has measures without rolling entry"
    for measure in cohorts:
        days = start_dates(measure)
        assert dt.date(2024, 8, 1) in days and dt.date(2025, 2, 1) in days, measure.code
    assert not Measure.objects.filter(rolling_entry=True, starts__isnull=False).exists()
