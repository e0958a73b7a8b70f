"""Scoring participants with a stored model, and the reasons for each score.

risk = 1 / (1 + e^−(intercept + Σ coefficient_i × z_i)), z_i = (value_i − mean_i) / scale_i: the
numbers stored on the ``RiskModel``. The contribution of a feature is coefficient × z, its share of
the score against an average participant; the reasons are the largest positive contributions,
in words."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import QuerySet

from stufenweg.earlywarning.features import Facts, Spell, facts_of, reason_text, row, spells, vector
from stufenweg.earlywarning.models import RiskModel
from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Enrolment, Participation

TOP_REASONS = 3
MIN_CONTRIBUTION = 0.1  # a reason must raise the log-odds noticeably
ACTIVE_STATES = (State.IN_STAGE, State.INTERRUPTED)


@dataclass(frozen=True)
class Reason:
    name: str
    text: str
    contribution: float


@dataclass
class Risk:
    participation_id: int
    risk: float
    warned: bool
    reasons: list[Reason] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.risk * 100)


def contributions(model: RiskModel, values: list[float]) -> list[float]:
    out = []
    for value, mean, scale, coef in zip(values, model.means, model.scales, model.coefficients, strict=True):
        out.append(coef * (value - mean) / (scale or 1.0))
    return out


def probability(model: RiskModel, values: list[float]) -> float:
    logit = model.intercept + sum(contributions(model, values))
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    e = math.exp(logit)
    return e / (1.0 + e)


def risk_of(model: RiskModel, spell: Spell, facts: Facts, day: dt.date, stage_names: dict[str, str]) -> Risk:
    stage_codes = [name.split(":", 1)[1] for name in model.features if name.startswith("stage:")]
    values_by_name = vector(spell, facts, day, stage_codes)
    values = row(values_by_name, model.features)
    parts = contributions(model, values)
    p = probability(model, values)
    ranked = sorted(
        (
            (part, name)
            for part, name in zip(parts, model.features, strict=True)
            if part >= MIN_CONTRIBUTION and values_by_name.get(name, 0.0) != 0.0
        ),
        reverse=True,
    )[:TOP_REASONS]
    means = dict(zip(model.features, model.means, strict=True))
    reasons = [
        Reason(
            name,
            reason_text(
                name, values_by_name[name], stage_names, below_average=values_by_name[name] < means[name]
            ),
            round(part, 3),
        )
        for part, name in ranked
    ]
    return Risk(spell.participation_id, p, p >= model.threshold, reasons)


def current_model(programme_id: int) -> RiskModel | None:
    return (
        RiskModel.objects.filter(programme_id=programme_id, status=RiskModel.Status.DONE)
        .order_by("-trained_at", "-pk")
        .first()
    )


def risks(
    participations: QuerySet[Participation], models: dict[int, RiskModel], day: dt.date
) -> dict[int, Risk]:
    """The risk of each active participation in ``participations`` whose programme has a model in
    ``models`` (programme id → model), on ``day``: five queries however many there are."""
    active = participations.filter(state__in=ACTIVE_STATES, programme_id__in=list(models))
    open_enrolments = Enrolment.objects.filter(participation__in=active, exited_on__isnull=True)
    programme_of = dict(active.values_list("pk", "programme_id"))
    stage_names: dict[int, dict[str, str]] = {}  # per programme: stage codes are the programme's own
    for programme_id, code, name in open_enrolments.values_list(
        "stage__programme_id", "stage__code", "stage__name"
    ).distinct():
        stage_names.setdefault(programme_id, {})[code] = name
    facts = facts_of(active)
    out: dict[int, Risk] = {}
    for spell in spells(open_enrolments):
        programme_id = programme_of[spell.participation_id]
        out[spell.participation_id] = risk_of(
            models[programme_id],
            spell,
            facts.get(spell.participation_id, Facts()),
            day,
            stage_names.get(programme_id, {}),
        )
    return out
