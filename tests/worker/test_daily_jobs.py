"""A running worker schedules the daily erasure itself: enqueued once per 24 hours, not again
while a recent one exists, and not at all with the immediate backend (nothing would wait)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stufenweg.worker.daily import DAILY, enqueue_due

pytestmark = pytest.mark.django_db


def test_daily_job_enqueued_once_a_day(settings):
    assert enqueue_due() == []  # immediate backend: no worker, no schedule
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    assert enqueue_due() == list(DAILY)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "stufenweg.privacy.tasks.anonymise_expired_task"
    assert queued.status == "READY"
    assert enqueue_due() == []
    assert enqueue_due(now=timezone.now() + dt.timedelta(hours=25)) == list(DAILY)
    assert DBTaskResult.objects.count() == 2
