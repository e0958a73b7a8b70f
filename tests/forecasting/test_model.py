"""The flow model on hand-made flows whose answer is known without the model."""

from __future__ import annotations

import datetime as dt

import numpy as np

from stufenweg.forecasting.flows import GONE, PRE, WAIT, Spell
from stufenweg.forecasting.model import add_months, estimate, reference_steps, simulate

AS_OF = dt.date(2026, 6, 30)
STAGE_A, STAGE_B = 11, 12
REGION = 7


def _steady_flow(per_month: int, stay_days: int) -> list[Spell]:
    """``per_month`` referrals a month over the last year; each is admitted after a week, enters
    stage A a week later and stays ``stay_days``; the ones still in the stage are open."""
    spells = []
    start = add_months(AS_OF, -12) + dt.timedelta(days=1)
    days = (AS_OF - start).days
    for i in range(per_month * 12):
        referred = start + dt.timedelta(days=i * days // (per_month * 12))
        admitted = referred + dt.timedelta(days=7)
        entered = admitted + dt.timedelta(days=7)
        left = entered + dt.timedelta(days=stay_days)
        spells.append(Spell(PRE, REGION, referred, min(admitted, AS_OF) if admitted <= AS_OF else None, WAIT))
        if admitted > AS_OF:
            continue
        spells.append(Spell(WAIT, REGION, admitted, entered if entered <= AS_OF else None, STAGE_A))
        if entered > AS_OF:
            continue
        done = left <= AS_OF
        spells.append(Spell(STAGE_A, REGION, entered, left if done else None, GONE if done else None))
    return [s if s.end else Spell(s.phase, s.region, s.start) for s in spells]


def test_constant_inflow_gives_littles_law_occupancy():
    """λ = 20 entries a month, each staying 6 months (182 days): L = λ·d = 120 places."""
    model = estimate(_steady_flow(20, 182), AS_OF, stages=[STAGE_A, STAGE_B], regions=[REGION])
    assert model.referrals_per_month[0] == 20  # 240 referrals in the year up to the as-of day
    counts = simulate(model, reference_steps(AS_OF, 12), runs=100)
    stage_a = counts[:, :, 2, 0]  # phase 2 = the first stage
    median = np.median(stage_a, axis=0)
    # by month 8 the stock has been renewed; each later month holds λ·d within 10 %
    for month in range(8, 12):
        assert abs(median[month] - 120) <= 12, (month, median[month])
    assert counts[:, :, 3, 0].max() == 0  # no one ever reaches stage B: no flow leads there
    # the waiting list: λ times one week (20 × 12/52 ≈ 4.6)
    assert 2 <= np.median(counts[:, 11, 1, 0]) <= 8


def test_without_inflow_the_stock_drains_as_the_stays_say():
    """No referrals; 40 people in stage A who entered 4 weeks ago and every completed stay of the
    past lasted 8 weeks: after a month (≈4 weeks) they have all left."""
    spells = [
        Spell(STAGE_A, REGION, AS_OF - dt.timedelta(days=300 - i), AS_OF - dt.timedelta(days=244 - i), GONE)
        for i in range(30)
    ]
    spells += [Spell(STAGE_A, REGION, AS_OF - dt.timedelta(days=28)) for _ in range(40)]
    model = estimate(spells, AS_OF, stages=[STAGE_A], regions=[REGION])
    assert model.referrals_per_month[0] == 0
    counts = simulate(model, reference_steps(AS_OF, 3), runs=20)
    assert (counts[:, 0, 2, 0] == 0).all()


def test_same_seed_same_forecast():
    model = estimate(_steady_flow(10, 120), AS_OF, stages=[STAGE_A], regions=[REGION])
    steps = reference_steps(AS_OF, 6)
    assert (simulate(model, steps, runs=30) == simulate(model, steps, runs=30)).all()


def test_a_programme_without_any_journey_gets_an_empty_forecast(world, client):
    """No events, no stages: the page still answers, with zeros and no estimate."""
    from stufenweg.programmes.models import Programme

    empty = Programme.objects.create(code="LEER", name="Leeres Programm")
    client.force_login(world.personas["coordinator"])
    response = client.get(
        "/prognose/", {"programme": empty.pk, "as_of": "2026-01-15", "backtest_from": "2025-01-15"}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result["total_band"][1] == [0.0] * 12 and result["regions"] == []
    assert "keine Daten" in response.content.decode()
