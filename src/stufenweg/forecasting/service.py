"""The place forecast of a programme: estimate, simulate, back-test; aggregates only.

``forecast`` returns plain data (numbers per stage, region and month) for the page, the charts
and the XLSX download. Every figure is a count of people or a share over a group. With the
reader's small-cell limit the rules of the indicator reports apply (``indicators.results``):
observed counts below it are shown as ``*`` (in a row whose total is shown, the next smallest
too); a share, median or rate per month that rests on fewer cases, or on a hidden count, is ``*``
as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.forecasting import flows
from stufenweg.forecasting.flows import NO_REGION, PRE, WAIT
from stufenweg.forecasting.model import RUNS, add_months, band, estimate, reference_steps, simulate
from stufenweg.indicators.results import SUPPRESSED, is_small, rests_on_too_few, small_cells
from stufenweg.organisations.models import Region
from stufenweg.programmes.models import Measure, Programme

HORIZON = 12  # months forecast
HISTORY = 12  # months of observed occupancy shown before the as-of day


@dataclass(frozen=True)
class ForecastParams:
    programme: Programme
    as_of: dt.date
    backtest_from: dt.date | None
    region_ids: tuple[int, ...] | None  # the reader's regions (None: all)
    region: int | None = None  # one region chosen in the form
    suppress_below: int | None = None
    runs: int = RUNS


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def _regions(params: ForecastParams, spells) -> tuple[int, ...]:
    """The regions modelled: the reader's (or all that occur), pooled over for thin regions."""
    if params.region_ids is not None:
        return tuple(params.region_ids)
    present = {s.region for s in spells}
    known = set(Region.objects.values_list("id", flat=True))
    return tuple(sorted(present & known)) + ((NO_REGION,) if NO_REGION in present else ())


def _capacity(programme: Programme, regions, days) -> dict:
    """Places of the programme's measures running on each day, per region (all stages)."""
    measures = list(Measure.objects.filter(programme=programme, region_id__in=regions))
    return {
        r: [
            sum(
                m.places
                for m in measures
                if m.region_id == r and m.start <= d and (m.end is None or m.end >= d)
            )
            for d in days
        ]
        for r in regions
    }


def _small(value, limit):
    return SUPPRESSED if is_small(value, limit) else value


def _history_row(h: dict, limit) -> dict:
    """A day of observed occupancy: the stages, their total and the waiting list, small counts
    hidden; one hidden stage hides the next smallest too (the total would reveal it)."""
    hidden = small_cells(h["stages"], limit)
    stages = [SUPPRESSED if j in hidden else v for j, v in enumerate(h["stages"])]
    return {**h, "stages": stages, "total": _small(h["total"], limit), "waiting": _small(h["waiting"], limit)}


def _run(model_spells, as_of, stages, regions, first_day, runs, months):
    model = estimate(model_spells, as_of, stages=stages, regions=regions, first_day=first_day)
    counts = simulate(model, reference_steps(as_of, months), runs=runs)
    return model, counts


def forecast(params: ForecastParams) -> dict:
    programme = params.programme
    stages = list(programme.stages.order_by("position").values_list("id", "code", "name"))
    stage_ids = [s[0] for s in stages]
    spells = flows.spells_as_of(programme.pk, params.as_of, _end_of(params.as_of))
    regions = _regions(params, spells)
    first_day = min((s.start for s in spells), default=None)
    shown = [i for i, r in enumerate(regions) if params.region in (None, r)]
    model, counts = _run(spells, params.as_of, stage_ids, regions, first_day, params.runs, HORIZON)
    counts = counts[..., shown]  # (runs, months, phases, regions shown)
    names = dict(Region.objects.filter(id__in=regions).values_list("id", "name"))
    region_list = [(regions[i], names.get(regions[i], _("ohne Region"))) for i in shown]
    months = [add_months(params.as_of, m) for m in range(1, HORIZON + 1)]
    past = [add_months(params.as_of, -m) for m in range(HISTORY, -1, -1)]
    limit = params.suppress_below
    region_ids_shown = [regions[i] for i in shown]

    history = []
    for day in past:
        occ = flows.occupancy_on(spells, day)
        per_stage = [sum(occ.get((s, r), 0) for r in region_ids_shown) for s in stage_ids]
        waiting = sum(occ.get((WAIT, r), 0) for r in region_ids_shown)
        history.append({"day": day, "stages": per_stage, "total": sum(per_stage), "waiting": waiting})

    cap = _capacity(programme, [r for r in region_ids_shown if r != NO_REGION], months)
    capacity = [sum(cap[r][i] for r in cap) for i in range(HORIZON)]
    occupied = counts[:, :, 2:, :]  # stages
    result = {
        "programme": {"id": programme.pk, "code": programme.code, "name": programme.name},
        "as_of": params.as_of,
        "runs": params.runs,
        "stages": [{"id": s[0], "code": s[1], "name": s[2]} for s in stages],
        "regions": [{"id": r, "name": n} for r, n in region_list],
        "months": months,
        "capacity": capacity,
        "capacity_by_region": [cap.get(r, [0] * HORIZON) for r in region_ids_shown],
        # [10 %, median, 90 %] × month × stage (all shown regions together)
        "stage_band": band(occupied.sum(axis=3)).round(1).tolist(),
        "total_band": band(occupied.sum(axis=(2, 3))).round(1).tolist(),
        "waiting_band": band(counts[:, :, 1, :].sum(axis=2)).round(1).tolist(),
        "assessment_band": band(counts[:, :, 0, :].sum(axis=2)).round(1).tolist(),
        # [10 %, median, 90 %] × month × stage × region; waiting per region: × month × region
        "stage_region_band": band(occupied).round(1).tolist(),
        "waiting_region_band": band(counts[:, :, 1, :]).round(1).tolist(),
        "history": [_history_row(h, limit) for h in history],
        "estimates": _estimates(model, spells, params.as_of, stage_ids, regions, shown, names, limit),
        "suppress_below": limit,
    }
    result["backtest"] = (
        _backtest(params, spells, stage_ids, regions, shown) if params.backtest_from else None
    )
    return result


def _median(values):
    return float(np.median(values)) if values else None


def _estimates(model, spells, as_of, stage_ids, regions, shown, names, limit) -> list[dict]:
    """Per region shown: the flows the model rests on, in plain words and numbers."""
    window_from = add_months(as_of, -12)
    out = []
    for i in shown:
        r = regions[i]
        mine = [s for s in spells if s.region == r]
        pre_done = [s for s in mine if s.phase == PRE and s.end]
        admitted = [s for s in pre_done if s.dest == WAIT]
        referred = [s for s in mine if s.phase == PRE and window_from < s.start <= as_of]
        waits = []
        for s in mine:
            if s.phase == WAIT and s.end and s.dest in stage_ids:
                waits.append((s.end - s.start).days)
        entries = _referral_to_entry(mine, stage_ids)
        row = {
            "region": names.get(r, _("ohne Region")),
            "referrals_window": _small(len(referred), limit),
            # the model's rate rests on the referrals it counted (those of the window)
            "referrals_per_month": SUPPRESSED
            if is_small(len(referred), limit)
            else round(float(model.referrals_per_month[i]), 1),
            "decided": _small(len(pre_done), limit),
            "admitted_share": _share(len(admitted), len(pre_done), limit),
            "wait_days": _median_count(waits, limit),
            "referral_to_entry_days": _median_count(entries, limit),
            "stages": [],
        }
        for j, stage in enumerate(stage_ids):
            done = [s for s in mine if s.phase == stage and s.end]
            open_ = [s for s in mine if s.phase == stage and not s.end]
            onward = sum(1 for s in done if s.dest in stage_ids)
            dropouts = sum(1 for s in done if s.dropout)
            row["stages"].append(
                {
                    "completed": _small(len(done), limit),
                    "open": _small(len(open_), limit),
                    "months": _median_count([(s.end - s.start).days / 30.4375 for s in done], limit, 1),
                    "onward_share": _share(onward, len(done), limit),
                    "dropout_share": _share(dropouts, len(done), limit),
                    "pooled": model.counts[(2 + j, i)]["spells"] < 20,
                }
            )
        out.append(row)
    return out


def _referral_to_entry(spells, stage_ids) -> list[int]:
    """Days from a referral to the next entry, for the referrals that led to one."""
    ordered = sorted(spells, key=lambda s: s.start)
    out = []
    referred = None
    for s in ordered:
        if s.phase == PRE:
            referred = s.start
        elif s.phase in stage_ids and referred is not None:
            out.append((s.start - referred).days)
            referred = None
    return out


def _share(part: int, whole: int, limit):
    """A percentage; ``*`` where its count or its base is a small cell (as a rate of the indicator
    reports), ``None`` without a base."""
    if not whole:
        return None
    if rests_on_too_few(whole, limit) or is_small(part, limit):
        return SUPPRESSED
    return round(100 * part / whole, 1)


def _median_count(values, limit, places=0):
    """The median of a list of durations; ``*`` when it rests on fewer than ``limit`` of them,
    ``None`` without any."""
    if not values:
        return None
    if rests_on_too_few(len(values), limit):
        return SUPPRESSED
    median = round(float(np.median(values)), places)
    return int(median) if places == 0 else median


def _backtest(params, spells, stage_ids, regions, shown) -> dict | None:
    """Forecast from the back-test day with what was known then; compare each month (up to the
    as-of day) with the occupancy the log records as of the as-of day."""
    start = params.backtest_from
    months = [add_months(start, m) for m in range(1, HORIZON + 1)]
    months = [d for d in months if d <= params.as_of]
    if not months:
        return None
    then = flows.spells_as_of(params.programme.pk, start, _end_of(start))
    first = min((s.start for s in then), default=None)
    _model, counts = _run(then, start, stage_ids, regions, first, params.runs, len(months))
    counts = counts[..., shown]
    region_ids = [regions[i] for i in shown]
    medians = np.median(counts[:, :, 2:, :].sum(axis=3), axis=0)  # month × stage
    low, high = np.percentile(counts[:, :, 2:, :].sum(axis=3), [10, 90], axis=0)
    actual = np.zeros((len(months), len(stage_ids)))
    for m, day in enumerate(months):
        occ = flows.occupancy_on(spells, day)
        for j, s in enumerate(stage_ids):
            actual[m, j] = sum(occ.get((s, r), 0) for r in region_ids)
    out = {"from": start, "months": months, **errors(medians, actual, low, high)}
    return _suppress_backtest(out, params.suppress_below)


def _suppress_backtest(out: dict, limit) -> dict:
    """Small actual counts as ``*``; so are the errors of a stage with one: beside the forecast of
    each month they would reveal the hidden count."""
    out["actual"] = [[_small(v, limit) for v in row] for row in out["actual"]]
    for j, err in enumerate(out["errors"]):
        if any(row[j] == SUPPRESSED for row in out["actual"]):
            err.update(mae=SUPPRESSED, mape=SUPPRESSED, covered=SUPPRESSED)
    return out


def errors(forecast: np.ndarray, actual: np.ndarray, low=None, high=None) -> dict:
    """Per stage (columns) over the months (rows): mean absolute error, mean absolute percentage
    error over the months with an actual count above 0 (None if there is none), and the share of
    months whose actual count lies within the 10–90 % band."""
    per_stage = []
    for j in range(forecast.shape[1]):
        f, a = forecast[:, j], actual[:, j]
        diff = np.abs(f - a)
        positive = a > 0
        per_stage.append(
            {
                "mae": round(float(diff.mean()), 1),
                "mape": round(float((diff[positive] / a[positive]).mean() * 100), 1)
                if positive.any()
                else None,
                "covered": round(float(((a >= low[:, j]) & (a <= high[:, j])).mean() * 100), 0)
                if low is not None
                else None,
            }
        )
    return {
        "forecast": forecast.round(1).tolist(),
        "actual": actual.astype(int).tolist(),
        "errors": per_stage,
    }
