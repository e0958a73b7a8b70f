"""Demo cost entries for the WENDE.PUNKT-like programme (seed 004: about 100,000 € programme cost
against about 120,000 € savings in passive benefits per month), scaled to the demo's households.

The monthly cost is set to 100/120 of the programme's mean monthly savings over its last twelve
months with savings, so that the page shows what the seed describes: a cost that the savings
overtake after a while. Staff at the coordination office cost more while the caseload was 1:50
(until 2022) than from 2023 on (1:65): a validity change mid-way. Written through the service
(``by=None``: the loader), with its checks and audit rows."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from stufenweg.costs import services
from stufenweg.costs.balance import households_of, savings_by_month

PROGRAMME = "WP"
START = dt.date(2021, 1, 1)
CHANGE = dt.date(2023, 1, 1)  # caseload 1:50 -> 1:65 (demo/catalogue/wendepunkt.py)
FALLBACK = Decimal("8000")  # a month's cost when the demo has no savings to scale by


def _tens(value: Decimal) -> Decimal:
    return (value / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10


def add_costs(ctx) -> None:
    programme = ctx.programmes.get(PROGRAMME)
    office = ctx.organisations.get("REGIE")
    team = ctx.organisations.get("WP-TEAM")
    if programme is None or office is None or team is None:
        return
    savings, _counts, _compared = savings_by_month(households_of(programme))
    recent = [v for _m, v in sorted(savings.items()) if v > 0][-12:]
    monthly = sum(recent, Decimal(0)) / len(recent) * 100 / 120 if recent else FALLBACK
    monthly = max(monthly, Decimal(100))
    entries = [
        (office, "staff", _tens(monthly * Decimal("0.60")), START, CHANGE - dt.timedelta(days=1),
         "Coaching 1:50, Projektleitung"),
        (office, "staff", _tens(monthly * Decimal("0.50")), CHANGE, None, "Coaching 1:65, Projektleitung"),
        (team, "measures", _tens(monthly * Decimal("0.35")), START, None, "Jobclub, Bewerbergruppen, Coaching"),
        (office, "other", _tens(monthly * Decimal("0.05")), START, None, "Räume, Fahrtkosten"),
    ]  # fmt: skip
    for organisation, category, amount, start, end, note in entries:
        services.cost_entry_save(
            programme=programme,
            organisation=organisation,
            category=category,
            monthly_amount=amount,
            valid_from=start,
            valid_to=end,
            note=note,
            by=None,
        )
    ctx.stats["cost_entries"] = len(entries)
