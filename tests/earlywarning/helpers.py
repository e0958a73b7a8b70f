"""A hand-made early-warning model for tests (here, in the security tests and the browser test)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.earlywarning.features import feature_names
from stufenweg.earlywarning.models import ProgrammeSetting, RiskModel


def _figures(persons, n, observed, predicted, fpr, fnr) -> dict:
    return {"persons": persons, "n": n, "observed": observed, "predicted": predicted, "fpr": fpr, "fnr": fnr}


def hand_model(programme, **coefficients) -> RiskModel:
    """A stored model with all means 0, scales 1: logit = intercept + Σ coefficient × value
    (coefficient names with ``_`` for ``:``, e.g. ``stage_S3``)."""
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
        n_train=300,
        n_test=100,
        persons_train=60,
        persons_test=20,
        positives_train=30,
        positives_test=10,
        fairness={
            "total": _figures(20, 100, 0.1, 0.12, 0.2, 0.3),
            "dimensions": {
                "gender": [
                    {"group": "f", **_figures(9, 45, 0.1, 0.11, 0.2, 0.25)},
                    {"group": "m", **_figures(11, 55, 0.1, 0.13, 0.2, 0.35)},
                ],
                "age_band": [
                    {"group": "30-44", **_figures(18, 90, 0.1, 0.12, 0.2, 0.3)},
                    {"group": "55+", **_figures(*["*"] * 6)},
                ],
            },
            "min_persons": 5,
        },
    )


def switch_on_with_model(programme) -> RiskModel:
    """The early warning on for ``programme`` with a model driven by the days without contact:
    risk 0.5 at 60 days, above the threshold 0.4 from 57 days on."""
    ProgrammeSetting.objects.update_or_create(programme=programme, defaults={"enabled": True})
    return hand_model(programme, days_without_contact=0.05)
