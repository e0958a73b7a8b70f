"""The demo's early warning: past appointments with misses, a trained model per programme with
enough journeys, the switch on exactly where the held-out AUC reaches 0.7, and warnings on the
worklist of the programmes switched on."""

from __future__ import annotations

import pytest

from stufenweg.casework.models import Appointment
from stufenweg.earlywarning.demo import ENABLE_FROM_AUC
from stufenweg.earlywarning.models import ProgrammeSetting, RiskModel
from stufenweg.earlywarning.scoring import risks
from stufenweg.earlywarning.selectors import enabled_models
from stufenweg.journeys.models import Participation

pytestmark = pytest.mark.django_db


def test_demo_models_and_switches(rates_demo):
    assert Appointment.objects.filter(status=Appointment.Status.MISSED).exists()
    jps = RiskModel.objects.get(programme__code="JPS")
    assert jps.status == RiskModel.Status.DONE
    assert jps.persons_test > 0 and jps.positives_test >= 5
    assert 0.6 < jps.auc <= 1.0  # the planted pattern is found on held-out persons
    for model in RiskModel.objects.select_related("programme"):
        enabled = ProgrammeSetting.objects.get(programme=model.programme).enabled
        assert enabled == (model.status == RiskModel.Status.DONE and model.auc >= ENABLE_FROM_AUC)
    models = enabled_models()
    if models:
        found = risks(Participation.objects.all(), models, rates_demo.end)
        assert any(r.warned for r in found.values())
