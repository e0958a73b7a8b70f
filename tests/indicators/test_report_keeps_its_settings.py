"""A report run keeps the programme settings it was computed with: the run stores them with its
parameters, and its downloads (recomputed from the parameters) use them, so a later change of the
„in Arbeit“ settings does not rewrite a report already made; a new run uses the new settings."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from stufenweg.indicators.models import ReportRun
from stufenweg.programmes.services import programme_save
from tests.indicators import report_world

pytestmark = pytest.mark.django_db

RATE = "prog.work_after_exit_rate"  # in work upon leaving: C's exit with employed_svb and an svb job


def _report(client, w) -> ReportRun:
    data = {
        "programme": w.programme.pk,
        "date_from": "2023-01-01",
        "date_to": "2023-12-31",
        "as_of": "2024-06-30",
    }
    client.post(reverse("indicators:report"), data)
    return ReportRun.objects.latest("pk")


def _numerator(client, run) -> int:
    response = client.get(reverse("indicators:download", args=[run.pk, "json"]))
    rows = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)[
        "rows"
    ]
    return next(r["numerator"] for r in rows if r["indicator"] == RATE and not r["group"])


def test_a_settings_change_does_not_rewrite_a_report_already_made(w, journey, client):
    report_world.build(w, journey)
    client.force_login(w.personas["coordinator"])
    before = _report(client, w)
    assert before.params["settings"]["in_work_statuses"] == ["employed_svb", "self_employed"]
    assert _numerator(client, before) == 1

    programme = w.programme
    programme.in_work_kinds, programme.in_work_statuses = ["publicly_funded"], ["parental_leave"]
    programme_save(programme=programme, by=w.personas["coordinator"])

    assert _numerator(client, before) == 1  # the stored run's download keeps its settings
    after = _report(client, w)
    assert after.params["settings"]["in_work_statuses"] == ["parental_leave"]
    assert _numerator(client, after) == 0
