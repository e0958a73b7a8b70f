"""A report for one year shows the targets of that year (and those spanning it), not the targets
of the years before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.indicators.results import ReportParams
from stufenweg.indicators.standard import standard_report
from stufenweg.programmes.models import Target

D = dt.date


@pytest.mark.django_db
def test_only_targets_overlapping_the_report_year_appear(w):
    for year, soll in ((2024, "10"), (2025, "20"), (2026, "30")):
        Target.objects.create(
            programme=w.programme,
            indicator="flow.stage_entries",
            period_from=D(year, 1, 1),
            period_to=D(year, 12, 31),
            target=Decimal(soll),
        )
    Target.objects.create(  # the whole programme period spans the report's year
        programme=w.programme,
        indicator="flow.stage_entries",
        period_from=D(2023, 1, 1),
        period_to=D(2026, 10, 31),
        target=Decimal("99"),
    )
    report = standard_report(
        ReportParams(programme=w.programme, date_from=D(2025, 1, 1), date_to=D(2025, 12, 31))
    )
    rows = next(s for s in report["sections"] if s["id"] == "targets")["rows"]
    assert sorted((r["cells"][0], r["cells"][1]) for r in rows) == [
        ("2023-01-01 – 2026-10-31", 99.0),
        ("2025-01-01 – 2025-12-31", 20.0),
    ]
    assert sorted(report["charts"]["targets"]["target"]) == [20.0, 99.0]
