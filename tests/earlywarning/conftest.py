"""Fixtures of the early-warning tests: the casework journeys and a hand-made model."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.earlywarning.features import feature_names
from stufenweg.earlywarning.models import ProgrammeSetting, RiskModel
from tests.casework.conftest import journey, read_only  # noqa: F401 (fixtures for this folder)


def hand_model(programme, **coefficients) -> RiskModel:
    """A stored model with all means 0, scales 1: logit = intercept + Σ coefficient × value."""
    names = feature_names(list(programme.stages.order_by("position").values_list("code", flat=True)))
    return RiskModel.objects.create(
        programme=programme,
        status=RiskModel.Status.DONE,
        trained_at=timezone.now(),
        as_of=dt.date(2026, 1, 1),
        features=names,
        means=[0.0] * len(names),
        scales=[1.0] * len(names),
        coefficients=[coefficients.get(name.replace(":", "_"), 0.0) for name in names],
        intercept=coefficients.get("intercept", -3.0),
        threshold=0.4,
        auc=0.75,
        fairness={"total": {}, "dimensions": {}, "min_persons": 5},
    )


@pytest.fixture
def model(world):
    """World's programme with the early warning on and a model driven by the days without
    contact: risk 0.5 at 60 days, above the threshold 0.4 from 57 days on."""
    ProgrammeSetting.objects.create(programme=world.programme, enabled=True)
    return hand_model(world.programme, days_without_contact=0.05)
