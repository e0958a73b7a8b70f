"""Savings, cost and balance of a small programme, hand-counted (docs/indicators.md, „Kosten und
Einsparungen“).

The household BG-KOSTEN has three members (Anna applicant, Ben partner, Cleo child); only Anna
enters the programme, on 1 Apr 2022. Comparison month B = March 2022, S = 1200 + 600 = 1800 €.
Six months before the entry (Oct 2021 – Mar 2022) and six after the entry month (May – Oct 2022);
the entry month April is neither before nor after (no savings counted).

    month    LLU + KdU = T   S − T    outcome
    2022-04  1200 + 600 1800     –    (entry month, not counted)
    2022-05  1200 + 600 1800     0    nicht verringert
    2022-06   700 + 600 1300   500    verringert
    2022-07   300 + 600  900   900    verringert
    2022-08  no row        0  1800    beendet
    2022-09     0 +   0    0  1800    beendet
    2022-10  1400 + 600 2000  −200    nicht verringert (signed: a higher sum lowers the savings)

→ savings 0 + 500 + 900 + 1800 + 1800 − 200 = 4800 €; ended in 2 months, reduced in 2.

(Fixtures in conftest.py.) Costs: staff at the coordination office 1000 €/month from 1 Apr to 30 Jun 2022, then 600 €/month
from 1 Jul 2022 (open). Balance = savings − cost, cumulative from April:

    month  cost  savings  balance  cumulative
    04     1000        0    −1000       −1000
    05     1000        0    −1000       −2000
    06     1000      500     −500       −2500
    07      600      900     +300       −2200
    08      600     1800    +1200       −1000
    09      600     1800    +1200        +200   ← break-even (first month ≥ 0)
    10      600     −200     −800        −600
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.costs import balance, services
from stufenweg.costs.models import CostEntry
from stufenweg.people import households
from stufenweg.people.models import Household
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 7)


def test_household_of_three_saves_4800_in_six_months(world, household):
    assert households.benefits_of(household, today=TODAY).baseline_total == Decimal("1800")
    savings, counts, compared = balance.savings_by_month([household], today=TODAY)
    assert compared == 1
    assert {f"{m:%Y-%m}": v for m, v in savings.items()} == {
        "2022-05": Decimal("0"),
        "2022-06": Decimal("500"),
        "2022-07": Decimal("900"),
        "2022-08": Decimal("1800"),
        "2022-09": Decimal("1800"),
        "2022-10": Decimal("-200"),
    }
    assert sum(savings.values()) == Decimal("4800")
    assert sum(c["ended"] for c in counts.values()) == 2
    assert sum(c["reduced"] for c in counts.values()) == 2
    assert counts[dt.date(2022, 8, 1)]["ended"] == 1  # a month without a row: no benefit
    assert counts[dt.date(2022, 7, 1)]["reduced"] == 1


def test_balance_with_a_validity_change_matches_the_hand_computation(world, household, costs):
    result = balance.programme_balance(world.programme, today=TODAY)
    got = [(f"{m.month:%m}", m.cost, m.savings, m.balance, m.cumulative) for m in result.months]
    d = Decimal
    assert got == [
        ("04", d(1000), d(0), d(-1000), d(-1000)),
        ("05", d(1000), d(0), d(-1000), d(-2000)),
        ("06", d(1000), d(500), d(-500), d(-2500)),
        ("07", d(600), d(900), d(300), d(-2200)),
        ("08", d(600), d(1800), d(1200), d(-1000)),
        ("09", d(600), d(1800), d(1200), d(200)),
        ("10", d(600), d(-200), d(-800), d(-600)),
    ]
    assert result.break_even == dt.date(2022, 9, 1)
    assert (result.cost, result.savings, result.balance) == (
        d(5400),
        d(4800),
        d(-600),
    )  # 3 × 1000 + 4 × 600; the savings above
    assert result.households == 1 and result.compared == 1
    assert [(m.ended, m.reduced) for m in result.months] == [
        (0, 0),
        (0, 0),
        (0, 1),
        (0, 1),
        (1, 0),
        (1, 0),
        (0, 0),
    ]


def test_no_break_even_when_the_cumulative_balance_stays_negative(world, household, costs):
    result = balance.programme_balance(world.programme, last=dt.date(2022, 8, 1), today=TODAY)
    assert result.months[-1].cumulative == Decimal("-1000")
    assert result.break_even is None


def test_a_validity_inside_a_month_counts_by_days():
    entry = CostEntry(monthly_amount=Decimal("900"), valid_from=dt.date(2022, 2, 15))
    assert balance.month_cost(entry, dt.date(2022, 2, 1)) == Decimal("450.00")  # 14 of 28 days
    entry = CostEntry(
        monthly_amount=Decimal("1000"), valid_from=dt.date(2022, 1, 1), valid_to=dt.date(2022, 3, 10)
    )
    assert balance.month_cost(entry, dt.date(2022, 3, 1)) == Decimal("322.58")  # 10 of 31 days
    assert balance.month_cost(entry, dt.date(2022, 4, 1)) == Decimal("0.00")


def test_region_filter_takes_the_participations_and_the_bearers_of_the_region(world, household, costs):
    services.cost_entry_save(
        programme=world.programme,
        region=world.region_b,
        category="measures",
        monthly_amount=Decimal("50"),
        valid_from=dt.date(2022, 4, 1),
        by=None,
    )
    in_a = balance.programme_balance(world.programme, region=world.region_a, today=TODAY)
    assert in_a.households == 1  # Anna's participation is in region A
    assert in_a.cost == 0  # the coordination office has no region; the 50 € are region B's
    in_b = balance.programme_balance(world.programme, region=world.region_b, today=TODAY)
    assert in_b.households == 0 and in_b.cost == Decimal("350")  # 7 months × 50


def test_a_voided_entry_does_not_make_a_household_participate(world):
    from stufenweg.journeys import services as journeys

    bg = Household.objects.create(household_id="BG-STORNO")
    person = PersonFactory(household=bg)
    event = enter(world, start_journey(world, person), on=dt.date(2022, 4, 1))
    journeys.journey_event_void(event=event, reason="Irrtum", by=None)
    assert balance.households_of(world.programme) == []


@pytest.mark.parametrize(
    ("total", "outcome"),
    [
        ("0", households.ENDED),
        ("1", households.REDUCED),
        ("1799.99", households.REDUCED),
        ("1800", households.UNCHANGED),
    ],
)
def test_ended_and_reduced_as_the_indicator_definitions_say(total, outcome):
    """INDICATORS.md: needs covering = no benefit (ended); reducing = a benefit below the one before
    (reduced). The page counts with the household page's ``classify`` (comparison 1800 €)."""
    assert households.classify(Decimal(total), Decimal("1800")) == outcome
