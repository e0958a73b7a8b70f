"""The report command's contract (JSON shape, usage errors) and small-cell suppression."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stufenweg.indicators.results import self_checks, suppress

D = dt.date


def test_json_contract(w, journey):
    j = journey()
    j.assess()
    j.enter(D(2023, 2, 1))
    j.exit(D(2023, 6, 30), "early_negative")
    out = StringIO()
    call_command(
        "report",
        "--programme",
        "JPS",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--indicator",
        "prog.dropout_rate",
        "--indicator",
        "flow.exits",
        "--by",
        "stage",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) == {"programme", "from", "to", "as_of", "recorded_on", "rows"}
    assert data["programme"] == "JPS" and data["as_of"] == "2023-12-31"
    assert {
        "indicator": "prog.dropout_rate",
        "group": {"stage": "S3"},
        "numerator": 1,
        "denominator": 1,
        "value": 1.0,
    } in data["rows"]
    assert {
        "indicator": "flow.exits",
        "group": {},
        "numerator": None,
        "denominator": None,
        "value": 1,
    } in data["rows"]


@pytest.mark.parametrize(
    "args",
    [
        ["--programme", "JPS", "--from", "2023-01-01", "--to", "2023-12-31"],  # no format
        ["--programme", "JPS", "--from", "2023-13-01", "--to", "2023-12-31", "--format", "json"],
        ["--programme", "XXX", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "json"],
        [
            "--programme",
            "JPS",
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--format",
            "json",
            "--by",
            "colour",
        ],
        ["--programme", "JPS", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "doc"],
    ],
)
def test_usage_errors_exit_2_in_german(w, args):
    with pytest.raises(CommandError) as exc:
        call_command("report", *args)
    assert exc.value.returncode == 2


def test_suppression_hides_small_cells_and_one_more():
    rows = [
        {"indicator": "flow.referrals", "group": {}, "numerator": None, "denominator": None, "value": 20},
        {
            "indicator": "flow.referrals",
            "group": {"region": "RA"},
            "numerator": None,
            "denominator": None,
            "value": 2,
        },
        {
            "indicator": "flow.referrals",
            "group": {"region": "RB"},
            "numerator": None,
            "denominator": None,
            "value": 7,
        },
        {
            "indicator": "flow.referrals",
            "group": {"region": "RC"},
            "numerator": None,
            "denominator": None,
            "value": 11,
        },
    ]
    out = suppress(rows, 3)
    values = [r["value"] for r in out]
    assert values == [20, "*", "*", 11]  # RA primary, RB (the next smallest) secondary


def test_self_checks_report_violations():
    rows = [
        {"indicator": f"esf.{i}", "group": {}, "numerator": None, "denominator": None, "value": v}
        for i, v in (("EECO01", 5), ("EECO02", 2), ("EECO03", 3), ("EECO04", 1), ("EECO05", 1))
    ]
    rows.append(
        {"indicator": "prog.dropout_rate", "group": {}, "numerator": 3, "denominator": 2, "value": 1.5}
    )
    problems = self_checks(rows)
    assert len(problems) == 3
