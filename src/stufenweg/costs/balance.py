"""Cost and savings of a programme per month, the balance and the break-even month
(docs/indicators.md, „Kosten und Einsparungen“).

* **Cost** of month M: the sum over the programme's cost entries of ``monthly_amount`` × (days of M
  within the entry's validity ÷ days of M) — a whole month counts the full amount, a validity
  that begins or ends inside M a share by days (rounded to cents per entry and month).
* **Savings** reuse the household page's method (``people.households.benefits_of``: comparison
  month B = the month before the first entry of any member, S = LLU + KdU of B, T = LLU + KdU of
  M, 0 without a row). A household counts for the programme when a member has an effective entry
  in it. Savings of a household in M = S − T, *signed* (a month above the comparison sum lowers
  the savings), counted for every month after the entry month (M ≥ B + 2) up to the data month;
  households without a comparison sum (no benefit in B) save nothing. The outcome of each
  counted month is ``classify``'s: benefit ended (T = 0) or reduced (0 < T < S).
* **Balance** = savings − cost; the cumulative balance adds the months from the first shown one;
  the **break-even month** is the first month whose cumulative balance is ≥ 0 after costs have
  arisen (cumulative cost > 0), none when it is not reached in the months shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from stufenweg.costs.models import CostEntry
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.households import ENDED, REDUCED, add_months, benefits_of, data_month, month_start
from stufenweg.people.models import Household

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def month_cost(entry: CostEntry, month: dt.date) -> Decimal:
    """What ``entry`` costs in calendar ``month`` (first day): the amount × the share of the
    month's days within the validity."""
    days = calendar.monthrange(month.year, month.month)[1]
    last = month.replace(day=days)
    start = max(entry.valid_from, month)
    end = min(entry.valid_to or last, last)
    if end < start:
        return ZERO
    covered = (end - start).days + 1
    if covered == days:
        return Decimal(entry.monthly_amount).quantize(CENT)
    return (Decimal(entry.monthly_amount) * covered / days).quantize(CENT, rounding=ROUND_HALF_UP)


def _region_ids(region) -> list[int]:
    """A region, or several (their ids: the report's region filter)."""
    return [region.pk] if hasattr(region, "pk") else list(region)


def entries_of(programme, region=None) -> QuerySet[CostEntry]:
    """The cost entries of ``programme``; with ``region``, those booked for the region or for an
    organisation of the region (a coordination office without a region then counts only in the
    whole programme)."""
    entries = CostEntry.objects.filter(programme=programme).select_related("organisation", "region")
    if region is not None:
        ids = _region_ids(region)
        entries = entries.filter(Q(region_id__in=ids) | Q(organisation__region_id__in=ids))
    return entries.order_by("valid_from", "category", "pk")


def households_of(programme, region=None) -> list[Household]:
    """Households with a member who has an effective entry in ``programme`` (with ``region``: in a
    participation of that region)."""
    events = JourneyEvent.objects.filter(
        participation__programme=programme, participation__person__household__isnull=False
    )
    if region is not None:
        events = events.filter(participation__region_id__in=_region_ids(region))
    rows = list(
        events.filter(kind__in=[EventKind.ENTRY, EventKind.VOID]).values(
            "pk", "kind", "supersedes_id", "participation__person__household_id"
        )
    )
    superseded = set(
        JourneyEvent.objects.filter(supersedes_id__in=[r["pk"] for r in rows]).values_list(
            "supersedes_id", flat=True
        )
    )
    ids = {
        r["participation__person__household_id"]
        for r in rows
        if r["kind"] == EventKind.ENTRY and r["pk"] not in superseded
    }
    return list(Household.objects.filter(pk__in=ids).order_by("pk"))


@dataclass
class Month:
    month: dt.date
    cost: Decimal = ZERO
    savings: Decimal = ZERO
    ended: int = 0  # households whose benefit had ended this month
    reduced: int = 0  # … had been reduced
    households: int = 0  # households counted this month (after their entry month, with a comparison sum)
    cumulative: Decimal = ZERO

    @property
    def balance(self) -> Decimal:
        return self.savings - self.cost


@dataclass
class Balance:
    months: list[Month] = field(default_factory=list)
    break_even: dt.date | None = None
    households: int = 0  # households of the programme (a member entered)
    compared: int = 0  # of them with a comparison sum
    data_month: dt.date | None = None

    @property
    def cost(self) -> Decimal:
        return sum((m.cost for m in self.months), ZERO)

    @property
    def savings(self) -> Decimal:
        return sum((m.savings for m in self.months), ZERO)

    @property
    def balance(self) -> Decimal:
        return self.savings - self.cost


def savings_by_month(households: list[Household], *, today: dt.date | None = None):
    """Per month: the signed savings, the households with benefit ended and reduced, the households
    counted; and how many households had a comparison sum."""
    savings: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: {"ended": 0, "reduced": 0, "n": 0})
    compared = 0
    for household in households:
        benefits = benefits_of(household, today=today)
        if benefits.baseline_total is None:
            continue
        compared += 1
        first_counted = add_months(benefits.baseline_month, 2)  # after the entry month
        for m in benefits.months:
            if m.month < first_counted or m.outcome is None:
                continue
            savings[m.month] += benefits.baseline_total - m.total
            counts[m.month]["n"] += 1
            if m.outcome == ENDED:
                counts[m.month]["ended"] += 1
            elif m.outcome == REDUCED:
                counts[m.month]["reduced"] += 1
    return savings, counts, compared


def programme_balance(
    programme,
    *,
    region=None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    today: dt.date | None = None,
) -> Balance:
    """The months from ``first`` to ``last`` (first days; by default from the first month with a
    cost or a saving to the data month, or the current month when no benefit data exists)."""
    today = today or timezone.localdate()
    entries = list(entries_of(programme, region))
    households = households_of(programme, region)
    savings, counts, compared = savings_by_month(households, today=today)
    held = data_month(today)
    result = Balance(households=len(households), compared=compared, data_month=held)
    starts = [month_start(e.valid_from) for e in entries] + list(savings)
    if not starts:
        return result
    first = month_start(first) if first else min(starts)
    last = month_start(last) if last else (held or month_start(today))
    month, running, spent = first, ZERO, ZERO
    while month <= last:
        row = Month(month, cost=sum((month_cost(e, month) for e in entries), ZERO))
        row.savings = savings.get(month, ZERO)
        c = counts.get(month)
        if c:
            row.ended, row.reduced, row.households = c["ended"], c["reduced"], c["n"]
        running += row.balance
        spent += row.cost
        row.cumulative = running
        if result.break_even is None and spent > 0 and running >= 0:
            result.break_even = month
        result.months.append(row)
        month = add_months(month, 1)
    return result
