"""Target attainment: actual over the target's own period (as of min(D, period end)) against
the target; a target for the report's own period is read from the report's run, another period
gets a run of its own (inside the report's transaction), and both give the hand-counted actuals."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.indicators.results import ReportParams, contract_report
from stufenweg.indicators.standard import standard_report
from tests.indicators.conftest import stage_entry_targets

D = dt.date


def _entries_and_targets(w, journey):
    for on in (D(2023, 2, 1), D(2023, 2, 1), D(2023, 8, 1)):
        j = journey()
        j.assess()
        j.enter(on)
    stage_entry_targets(
        w.programme, (D(2023, 12, 31), "6"), (D(2023, 6, 30), "4")
    )  # the year, its first half


def _attainment(rows):
    return {
        r["group"]["period"]: (r["numerator"], r["denominator"], r["value"])
        for r in rows
        if r["indicator"] == "prog.target_attainment"
    }


EXPECTED = {
    "2023-01-01/2023-12-31": (3, 6.0, 0.5),  # three entries in the year
    "2023-01-01/2023-06-30": (2, 4.0, 0.5),  # two in the first half
}


@pytest.mark.django_db
def test_targets_of_the_report_period_and_of_another_period(w, journey):
    _entries_and_targets(w, journey)
    params = ReportParams(programme=w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    assert _attainment(contract_report(params)["rows"]) == EXPECTED
    report = standard_report(params)
    table = next(s for s in report["sections"] if s["id"] == "targets")["rows"]
    cells = {row["cells"][0]: (row["cells"][2], row["cells"][1], row["cells"][3]["value"]) for row in table}
    assert cells == {period.replace("/", " – "): v for period, v in EXPECTED.items()}
    # the targets' chart (actual against target, in the report's order)
    assert sorted(
        zip(report["charts"]["targets"]["actual"], report["charts"]["targets"]["target"], strict=True)
    ) == [
        (2, 4.0),
        (3, 6.0),
    ]
