"""The fairness audit on a hand-made held-out set: calibration and error rates per group, small
groups suppressed (with the counts of the next smallest, so that the total does not reveal them)."""

from __future__ import annotations

from stufenweg.earlywarning.fairness import Case, audit, nationality_group


def case(person, gender, risk, dropout, nationality="de"):
    return Case(
        person_id=person,
        groups={"gender": gender, "age_band": "30-44", "nationality": nationality, "disability": "no"},
        risk=risk,
        dropout=dropout,
    )


CASES = [
    # men: TP, FP, FN, TN, TN, TP at threshold 0.5
    case(6, "m", 0.8, True),
    case(7, "m", 0.6, False),
    case(8, "m", 0.3, True),
    case(9, "m", 0.2, False),
    case(10, "m", 0.1, False),
    case(11, "m", 0.9, True),
    # women: five persons, no dropout, all warned (risk at the threshold counts as warned)
    *[case(p, "f", 0.5, False, nationality="eu") for p in range(1, 6)],
    # one person of gender diverse: a dropout
    case(12, "d", 0.7, True, nationality="non_eu"),
]


def test_total_calibration_and_error_rates():
    total = audit(CASES, 0.5)["total"]
    assert total["persons"] == 12 and total["n"] == 12
    assert total["observed"] == round(4 / 12, 4)
    assert total["predicted"] == round((0.8 + 0.6 + 0.3 + 0.2 + 0.1 + 0.9 + 5 * 0.5 + 0.7) / 12, 4)
    assert total["fpr"] == 0.75  # 6 of 8 without dropout were warned (1 man, 5 women)
    assert total["fnr"] == 0.25  # 1 of 4 dropouts had no warning


def test_a_group_by_hand():
    rows = {r["group"]: r for r in audit(CASES, 0.5)["dimensions"]["gender"]}
    men = rows["m"]
    assert (men["persons"], men["n"]) == (6, 6)
    assert men["observed"] == 0.5
    assert men["predicted"] == round(2.9 / 6, 4)
    assert men["fpr"] == round(1 / 3, 4)
    assert men["fnr"] == round(1 / 3, 4)


def test_a_small_group_and_the_next_smallest_are_suppressed():
    rows = {r["group"]: r for r in audit(CASES, 0.5)["dimensions"]["gender"]}
    assert all(rows["d"][f] == "*" for f in ("persons", "n", "observed", "predicted", "fpr", "fnr"))
    # the counts of the next smallest are hidden too (the total would reveal the one person)
    assert (rows["f"]["persons"], rows["f"]["n"]) == ("*", "*")
    assert rows["f"]["fpr"] == 1.0  # its rates stay
    assert rows["m"]["persons"] == 6


def test_no_suppression_when_every_group_is_large_enough():
    rows = audit(CASES, 0.5, min_persons=1)["dimensions"]["gender"]
    assert [r["persons"] for r in rows] == [1, 5, 6]  # d, f, m
    women = next(r for r in rows if r["group"] == "f")
    assert women["fnr"] is None  # no dropout among them: no false-negative rate
    assert women["fpr"] == 1.0


def test_nationality_groups():
    assert [nationality_group(c) for c in ("DE", "PL", "AT", "SY", "stateless", "unknown", "")] == [
        "de",
        "eu",
        "eu",
        "non_eu",
        "non_eu",
        "unknown",
        "unknown",
    ]
