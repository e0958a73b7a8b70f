"""A small hand-counted programme year for the export tests (XLSX, CSV).

Referrals: A and B in region RA, C in RB, D in RA (four; a referral has no stage, so all four fall
in the stage group of the empty code). A: entry S3, exit early_negative with job_seeking + minijob;
B: entry S3, exit early_negative, no status; C: entry S3, exit regular with employed_svb, an svb job
the next day (one integration); D: assessment only. Targets for flow.stage_entries: the year
(Soll 6), its first half (Soll 4); all three entries lie in the first half.
"""

from __future__ import annotations

import datetime as dt

from stufenweg.indicators.results import ReportParams
from tests.indicators.conftest import stage_entry_targets

D = dt.date


def build(w, journey) -> None:
    a = journey()
    a.assess()
    a.enter(D(2023, 2, 1))
    a.exit(D(2023, 6, 30), "early_negative", ["job_seeking", "minijob"])
    b = journey()
    b.assess()
    b.enter(D(2023, 2, 1))
    b.exit(D(2023, 7, 31), "early_negative")
    c = journey(region=w.region_b)
    c.assess()
    c.enter(D(2023, 3, 1))
    c.exit(D(2023, 8, 31), "regular", ["employed_svb"])
    c.job(D(2023, 9, 1), "svb")
    journey().assess()
    stage_entry_targets(w.programme, (D(2023, 12, 31), "6"), (D(2023, 6, 30), "4"))


def params(w, recorded_on: dt.datetime, *, by=(), indicators=()) -> ReportParams:
    """The report's parameters; one ``recorded_on`` for every report of a test, so that the
    standard report and the contract JSON read the same state."""
    return ReportParams(
        programme=w.programme,
        date_from=D(2023, 1, 1),
        date_to=D(2023, 12, 31),
        as_of=D(2024, 6, 30),
        recorded_on=recorded_on,
        by=tuple(by),
        indicators=tuple(indicators),
    )
