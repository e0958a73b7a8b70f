"""The flow model: estimated from spells, simulated forward (Monte Carlo), in weekly steps.

Phases: 0 = referred / in assessment (``pre``), 1 = admitted, waiting (``wait``), 2… = the
programme's stages in their order. A destination index is a phase index, with 0 meaning „leaves
the programme“ (no one goes back to ``pre``).

Estimation (``estimate``), per region with the programme's pooled value where a region has
fewer than ``MIN_SPELLS`` spells of a phase:

- referrals per month: the referrals of the ``WINDOW_MONTHS`` months up to the as-of day (or of the
  months since the first event, if fewer), over their number;
- the time spent in a phase: a discrete-time hazard per week of stay (life table / Kaplan–Meier):
  h(k) = spells leaving in week k / spells still there at the start of week k; spells still open
  on the as-of day count as at risk up to their elapsed weeks (censored), so long stays are not
  underestimated; weeks with fewer than ``MIN_AT_RISK`` spells at risk share one pooled tail hazard;
- where a phase leads: the shares of the completed spells by destination (admitted or not,
  first stage after waiting, next stage or exit after a stage).

Simulation (``simulate``): everyone in the programme on the as-of day starts in their phase with
their elapsed weeks; each week new referrals arrive per region (Poisson with the region's weekly
rate); each person leaves their phase with the hazard of their week of stay and moves to a
destination drawn from the shares. ``runs`` runs with a fixed seed; counts are read on each
month's reference day. Pure numpy over plain inputs: the tests build spells by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from stufenweg.forecasting.flows import GONE, PRE, WAIT, Spell

STEP_DAYS = 7
WEEKS_PER_MONTH = 52 / 12
MAX_WEEKS = 260  # hazards per week of stay up to five years; beyond, the last week's
WINDOW_MONTHS = 12
MIN_SPELLS = 20
MIN_AT_RISK = 5
RUNS = 200
SEED = 20_261_207


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def weeks_of(days: int) -> int:
    """A completed stay of ``days`` in whole weeks (at least one: a step is the shortest stay)."""
    return max(1, round(days / STEP_DAYS))


@dataclass
class Model:
    stages: tuple[int, ...]
    regions: tuple[int, ...]
    hazard: np.ndarray  # [phase, region, week of stay]
    dest: np.ndarray  # [phase, region, destination] shares (rows sum to 1)
    referrals_per_month: np.ndarray  # [region]
    # the stock on the as-of day: phase, region index, elapsed weeks (one entry per person)
    stock: tuple[np.ndarray, np.ndarray, np.ndarray]
    counts: dict  # what the estimates rest on (for the page): spells per phase and region

    @property
    def phases(self) -> int:
        return 2 + len(self.stages)


def phase_index(phase, stages: Sequence[int]) -> int | None:
    if phase == PRE:
        return 0
    if phase == WAIT:
        return 1
    if phase in stages:
        return 2 + stages.index(phase)
    return None  # a stage of another programme: not modelled


def dest_index(dest, stages: Sequence[int]) -> int | None:
    if dest == GONE:
        return 0
    return phase_index(dest, stages)


def _hazard(done: list[int], censored: list[int]) -> np.ndarray:
    """The weekly hazard from completed stays (weeks) and open ones (elapsed whole weeks)."""
    size = MAX_WEEKS + 1
    ends = np.minimum(np.asarray(done, dtype=np.int64), size) - 1  # the week a stay ended in
    leaving = np.bincount(ends, minlength=size).astype(float)
    # at risk in week i: completed stays that ended in week i or later, open ones past week i
    cut = np.minimum(np.asarray(censored, dtype=np.int64), size)
    past = np.bincount(cut, minlength=size + 1)[1:]  # open stays at risk up to week c - 1
    at_risk = (leaving + past)[::-1].cumsum()[::-1]
    h = np.zeros(size)
    enough = at_risk >= MIN_AT_RISK
    h[enough] = leaving[enough] / at_risk[enough]
    thin = np.flatnonzero(~enough)
    if thin.size:
        first = thin[0]
        tail_risk = at_risk[first:].sum()
        h[first:] = leaving[first:].sum() / tail_risk if tail_risk else (h[first - 1] if first else 0.0)
    return h


def estimate(
    spells: Iterable[Spell],
    as_of: dt.date,
    *,
    stages: Sequence[int],
    regions: Sequence[int],
    first_day: dt.date | None = None,
) -> Model:
    """The model's parameters from the spells known at the end of ``as_of``. ``regions``: the
    regions modelled (spells of other regions are left out entirely)."""
    stages, regions = tuple(stages), tuple(regions)
    r_of = {r: i for i, r in enumerate(regions)}
    P, R = 2 + len(stages), len(regions)
    done = [[[] for _ in range(R)] for _ in range(P)]
    open_ = [[[] for _ in range(R)] for _ in range(P)]
    dests = np.zeros((P, R, P))
    referrals = np.zeros(R)
    window_from = add_months(as_of, -WINDOW_MONTHS)
    stock_p, stock_r, stock_k = [], [], []
    for s in spells:
        p = phase_index(s.phase, stages)
        r = r_of.get(s.region)
        if p is None or r is None:
            continue
        if p == 0 and window_from < s.start <= as_of:
            referrals[r] += 1
        if s.end is None:
            elapsed = (as_of - s.start).days // STEP_DAYS
            open_[p][r].append(elapsed)
            stock_p.append(p)
            stock_r.append(r)
            stock_k.append(elapsed)
            continue
        done[p][r].append(weeks_of((s.end - s.start).days))
        q = dest_index(s.dest, stages)
        if q is not None:
            dests[p, r, q] += 1
    months = WINDOW_MONTHS
    if first_day is not None and first_day > window_from:
        months = max(1.0, (as_of - first_day).days / 30.4375)
    hazard = np.zeros((P, R, MAX_WEEKS + 1))
    shares = np.zeros((P, R, P))
    counts = {}
    for p in range(P):
        pooled_done = [w for r in range(R) for w in done[p][r]]
        pooled_open = [w for r in range(R) for w in open_[p][r]]
        pooled_h = _hazard(pooled_done, pooled_open)
        pooled_d = dests[p].sum(axis=0)
        for r in range(R):
            n = len(done[p][r]) + len(open_[p][r])
            counts[(p, r)] = {"spells": n, "completed": len(done[p][r])}
            hazard[p, r] = _hazard(done[p][r], open_[p][r]) if n >= MIN_SPELLS else pooled_h
            d = dests[p, r] if dests[p, r].sum() >= MIN_SPELLS else pooled_d
            shares[p, r] = d / d.sum() if d.sum() else np.eye(P)[0]
    return Model(
        stages=stages,
        regions=regions,
        hazard=hazard,
        dest=shares,
        referrals_per_month=referrals / months,
        stock=(
            np.array(stock_p, dtype=np.int16),
            np.array(stock_r, dtype=np.int32),
            np.array(stock_k, dtype=np.int32),
        ),
        counts=counts,
    )


def reference_steps(as_of: dt.date, months: int) -> list[int]:
    """The week (step) whose end is nearest each month's reference day (as-of day + m months)."""
    return [max(1, round((add_months(as_of, m) - as_of).days / STEP_DAYS)) for m in range(1, months + 1)]


def simulate(
    model: Model, steps_at: Sequence[int], *, runs: int = RUNS, seed: int = SEED, progress=None
) -> np.ndarray:
    """Counts per run, reference day, phase and region: shape (runs, len(steps_at), P, R)."""
    rng = np.random.default_rng(seed)
    P, R = model.phases, len(model.regions)
    K = model.hazard.shape[2]
    hazard = model.hazard.reshape(-1)
    cum = np.cumsum(model.dest, axis=2).reshape(P * R, P)
    cum[:, -1] = 1.0
    sp, sr, sk = model.stock
    # one person a cell (phase × region) and a week of stay; ``run`` says whose run it is
    cell = np.tile(sp.astype(np.int32) * R + sr.astype(np.int32), runs)
    k = np.tile(sk.astype(np.int32), runs)
    run = np.repeat(np.arange(runs, dtype=np.int32), sp.size)
    weekly = model.referrals_per_month / WEEKS_PER_MONTH
    out = np.zeros((runs, len(steps_at), P, R), dtype=np.int32)
    at = {s: i for i, s in enumerate(steps_at)}
    for step in range(1, max(steps_at) + 1):
        arrivals = rng.poisson(weekly, size=(runs, R)).ravel()
        n_new = int(arrivals.sum())
        if n_new:
            new = np.repeat(np.arange(runs * R, dtype=np.int32), arrivals)
            cell = np.concatenate([cell, new % R])  # phase 0, the region
            k = np.concatenate([k, np.zeros(n_new, dtype=np.int32)])
            run = np.concatenate([run, new // R])
        leave = rng.random(cell.size) < hazard[cell * K + np.minimum(k, K - 1)]
        k += 1
        moving = np.flatnonzero(leave)
        if moving.size:
            u = rng.random(moving.size)
            q = np.minimum((u[:, None] >= cum[cell[moving]]).sum(axis=1), P - 1).astype(np.int32)
            cell[moving] = q * R + cell[moving] % R
            k[moving] = 0
            stay = np.ones(cell.size, dtype=bool)
            stay[moving[q == 0]] = False  # destination 0: left the programme
            cell, k, run = cell[stay], k[stay], run[stay]
        if step in at:
            counts = np.bincount(run.astype(np.int64) * (P * R) + cell, minlength=runs * P * R)
            out[:, at[step]] = counts.reshape(runs, P, R)
        if progress:
            progress(step, max(steps_at))
    return out


def band(values: np.ndarray, axis: int = 0) -> np.ndarray:
    """10 %, median, 90 % over runs (``axis``), linearly interpolated (numpy's default rule)."""
    ordered = np.sort(np.moveaxis(np.asarray(values, dtype=float), axis, 0), axis=0)
    n = ordered.shape[0]
    out = []
    for q in (0.1, 0.5, 0.9):
        position = (n - 1) * q
        low = int(np.floor(position))
        high = min(low + 1, n - 1)
        out.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    return np.stack(out)
