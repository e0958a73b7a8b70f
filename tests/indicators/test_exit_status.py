"""Exit status tables ("Status der TN zum Austritt"): multiple statuses, implicit exits, shares."""

import datetime as dt

D = dt.date


def test_multiple_statuses_count_under_each_and_shares_use_cases_of_the_group(w, journey, run):
    a = journey()
    a.assess()
    a.enter(D(2023, 2, 1))
    a.exit(D(2023, 6, 30), "early_negative", ["job_seeking", "minijob"])
    b = journey()
    b.assess()
    b.enter(D(2023, 2, 1))
    b.exit(D(2023, 7, 31), "early_negative")  # no status named
    c = journey()
    c.assess()
    c.enter(D(2023, 2, 1))
    c.exit(D(2023, 8, 31), "regular", ["employed_svb"])

    r = run(by=("stage", "exit_group", "status"))
    g = {"stage": "S3", "exit_group": "dropout"}
    assert r.value("exit.cases", stage="S3", exit_group="dropout") == 2
    assert r.value("exit.status", **g, status="job_seeking") == 1
    assert r.value("exit.status", **g, status="minijob") == 1
    assert r.value("exit.status", **g, status="employed_svb") == 0
    assert r.frac("exit.status_share", **g, status="job_seeking") == (1, 2)
    assert r.value("exit.status_share", **g, status="job_seeking") == 0.5
    assert r.frac("exit.status_share", stage="S3", exit_group="successful", status="employed_svb") == (1, 1)
    # totals: 3 cases; exits naming any status: A and C
    assert r.value("exit.cases") == 3
    assert r.value("exit.status") == 2
    assert r.frac("exit.status_share") == (2, 3)
    # statuses of a group may add up to more than its cases
    dropout_statuses = sum(
        row["value"]
        for row in r.rows
        if row["indicator"] == "exit.status"
        and row["group"].get("exit_group") == "dropout"
        and "status" in row["group"]
    )
    assert dropout_statuses == 2


def test_stage_change_is_an_implicit_exit_with_status_education(w, journey, run):
    a = journey()
    a.assess()
    a.enter(D(2023, 2, 1), measure=w.measure_b, stage=w.s4)
    a.change(D(2023, 5, 1), measure=w.measure_a, stage=w.s3, change="planned")
    b = journey()
    b.assess()
    b.enter(D(2023, 2, 1), measure=w.measure_b, stage=w.s4)
    b.change(D(2023, 6, 1), measure=w.measure_a, stage=w.s3, change="unplanned")

    r = run(by=("stage", "exit_group", "status"))
    assert r.value("exit.cases", stage="S4", exit_group="successful") == 1  # planned -> regular
    assert r.value("exit.cases", stage="S4", exit_group="neutral") == 1  # unplanned -> early_neutral
    assert r.value("exit.status", stage="S4", exit_group="successful", status="education") == 1
    assert r.value("exit.status", stage="S4", exit_group="neutral", status="education") == 1
    assert r.value("exit.cases", stage="S3", exit_group="successful") == 0
    p = run(by=("stage",))
    assert p.frac("prog.success_rate", stage="S4") == (1, 2)
    assert p.frac("prog.follow_on_rate", stage="S4") == (1, 1)  # education on leaving


def test_a_status_no_exit_of_the_group_named_is_a_share_of_0_of_the_groups_exits():
    """The engine gives no row for a status nobody named; the table's share is then 0 of the
    group's n exits (0,0 %), not 0 / 0, and only a group without exits has no share."""
    from stufenweg.indicators.standard import _exit_sections

    def row(indicator, value, **group):
        return {
            "indicator": indicator,
            "group": group,
            "numerator": None,
            "denominator": None,
            "value": value,
        }

    rows = [
        row("exit.cases", 3, exit_group="neutral", stage="S1"),
        row("exit.status", 2, exit_group="neutral", stage="S1", status="parental_leave"),
    ]
    neutral = next(s for s in _exit_sections(rows, ["S1", "S2"]) if s["id"] == "exit_neutral")
    assert neutral["columns"][1:] == ["S1 (n=3)", "S2 (n=0)"]
    share = next(r for r in neutral["rows"] if r["id"] == "share_job_seeking")
    assert share["cells"] == [{"num": 0, "den": 3, "value": 0.0}, {"num": 0, "den": 0, "value": None}]
