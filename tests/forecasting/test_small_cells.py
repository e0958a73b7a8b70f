"""Small-cell suppression of the forecast's observed figures, by the rules of the indicator reports:
a median or a share that rests on fewer cases than the limit shows ``*`` (not „no estimate“), a
share whose count is a small cell too, the monthly referral rate with its hidden count, and one
hidden stage of a day's occupancy hides the next smallest (the total would reveal it)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from stufenweg.forecasting.flows import PRE, WAIT, Spell
from stufenweg.forecasting.service import _estimates, _history_row

D = dt.date
STAGE = 10
AS_OF = D(2026, 6, 30)


def _spells(admitted: int, stays: int, dropouts: int) -> list[Spell]:
    out = []
    for k in range(admitted):
        out.append(Spell(PRE, 1, D(2026, 1, 1), D(2026, 1, 10), WAIT))
        out.append(Spell(WAIT, 1, D(2026, 1, 10), D(2026, 1, 20 + k), STAGE))
    for k in range(stays):
        kind = "early_negative" if k < dropouts else "regular"
        out.append(Spell(STAGE, 1, D(2026, 1, 20), D(2026, 3, 1 + k), "gone", kind))
    return out


def _estimate(spells, limit):
    model = SimpleNamespace(referrals_per_month=[0.3], counts={(2, 0): {"spells": 40}})
    return _estimates(model, spells, AS_OF, [STAGE], (1,), [0], {1: "Nord"}, limit)[0]


def test_medians_and_shares_on_too_few_cases_show_a_star():
    row = _estimate(_spells(admitted=2, stays=2, dropouts=0), limit=3)
    assert row["referrals_window"] == "*" and row["decided"] == "*"
    assert row["referrals_per_month"] == "*"  # 2 referrals in twelve months would be 0.2
    assert row["admitted_share"] == "*"
    assert row["wait_days"] == "*"
    assert row["referral_to_entry_days"] == "*"
    stage = row["stages"][0]
    assert stage["completed"] == "*"
    assert (stage["months"], stage["onward_share"], stage["dropout_share"]) == ("*", "*", "*")


def test_a_share_whose_count_is_small_is_hidden_and_the_others_stay():
    row = _estimate(_spells(admitted=12, stays=12, dropouts=1), limit=3)
    stage = row["stages"][0]
    assert stage["completed"] == 12
    assert stage["dropout_share"] == "*"  # 1 of 12 would name the one person
    assert stage["onward_share"] == 0.0
    assert isinstance(stage["months"], float)
    # waits of 10 … 21 days: median 15.5, shown as whole days
    assert row["wait_days"] == 16 and row["admitted_share"] == 100.0


def test_without_a_limit_nothing_is_hidden():
    row = _estimate(_spells(admitted=2, stays=2, dropouts=1), limit=None)
    assert row["wait_days"] == 10 and row["stages"][0]["dropout_share"] == 50.0


def test_one_hidden_stage_hides_the_next_smallest_of_the_day():
    day = {"day": AS_OF, "stages": [2, 7, 30], "total": 39, "waiting": 4}
    assert _history_row(day, 3) == {**day, "stages": ["*", "*", 30]}
    assert _history_row(day, None) == day


def test_a_pooled_region_is_marked_with_a_dagger_not_with_the_hidden_sign():
    from stufenweg.forecasting.tables import build

    row = _estimate(_spells(admitted=12, stays=12, dropouts=1), limit=3)
    row["stages"][0]["pooled"] = True
    result = {
        "stages": [{"id": STAGE, "code": "S1", "name": "Qualifizierung"}],
        "months": [],
        "regions": [{"id": 1, "name": "Nord"}],
        "stage_band": [],
        "total_band": [],
        "capacity": [],
        "waiting_band": [],
        "assessment_band": [],
        "history": [],
        "estimates": [row],
    }
    stays = next(t for t in build(result) if t["id"] == "stays")
    assert stays["rows"][0][0] == "Nord / Qualifizierung †"
    assert "Mit † markierte" in stays["note"]


def test_the_back_test_errors_of_a_stage_with_a_hidden_actual_count_are_hidden():
    import numpy as np

    from stufenweg.forecasting.service import _suppress_backtest, errors

    forecast_ = np.array([[10.0, 4.0], [12.0, 5.0]])
    actual = np.array([[11, 2], [12, 6]])
    out = _suppress_backtest({"months": [AS_OF, AS_OF], **errors(forecast_, actual, forecast_, forecast_)}, 3)
    assert out["actual"] == [[11, "*"], [12, 6]]
    assert out["errors"][0]["mae"] == 0.5
    # |4 − a| = 2 with the forecast 4 shown would leave a = 2 or 6
    assert (out["errors"][1]["mae"], out["errors"][1]["mape"], out["errors"][1]["covered"]) == ("*",) * 3
