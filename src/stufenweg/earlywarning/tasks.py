"""Training in the background (django-tasks; the immediate backend in tests)."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_noop
from django_tasks import task

logger = logging.getLogger(__name__)

TRAINING_FAILED = gettext_noop("Das Training ist fehlgeschlagen.")


@task()
def train_model(model_id: int) -> None:
    from stufenweg.earlywarning.models import RiskModel
    from stufenweg.earlywarning.training import train

    model = RiskModel.objects.select_related("programme").get(pk=model_id)
    RiskModel.objects.filter(pk=model_id).update(status=RiskModel.Status.RUNNING)
    try:
        train(model)
    except Exception:
        logger.exception("training of risk model %s failed", model_id)
        RiskModel.objects.filter(pk=model_id).update(status=RiskModel.Status.FAILED, message=TRAINING_FAILED)
        raise
