"""The report CSV (the contract's CSV) neutralises codes that a spreadsheet would run as a formula:
region and measure codes come from users (import, forms)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.management import call_command

from tests.factories import RegionFactory

D = dt.date
HOSTILE = '=HYPERLINK("http://x")'


def test_a_formula_region_code_is_neutralised_in_the_report_csv(w, journey):
    region = RegionFactory(code=HOSTILE)
    journey(region=region).assess(D(2023, 1, 9))
    journey().assess(D(2023, 1, 9))
    out = io.StringIO()
    call_command(
        "report",
        *("--programme", "JPS", "--from", "2023-01-01", "--to", "2023-12-31"),
        *("--indicator", "flow.referrals", "--by", "region", "--format", "csv"),
        stdout=out,
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    regions = {row["group_region"] for row in rows}
    assert "'" + HOSTILE in regions
    assert HOSTILE not in regions
    assert "RA" in regions  # ordinary codes are untouched
    values = {row["group_region"]: row["value"] for row in rows}
    assert values["'" + HOSTILE] == "1"  # numbers stay numbers
