"""In the browser: a report requested while no background worker runs (database task backend,
nothing started) shows the German notice within seconds through the page's polling, without a
reload, and the notice goes once a worker shows a sign of life."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from stufenweg.worker.models import WorkerHeartbeat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_waiting_report_says_no_worker_runs(web, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    page = web.page
    web.login("koordination")
    web.visit("/berichte/")
    page.select_option("#id_programme", str(world.programme.pk))
    page.fill("#id_date_from", "2023-01-01")
    page.fill("#id_date_to", "2023-12-31")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/berichte/lauf/\d+/$"))
    assert page.locator(".no-worker").count() == 0  # not at once: a worker may just be polling
    notice = page.wait_for_selector(".no-worker", timeout=15_000)
    text = notice.inner_text()
    assert "Es läuft kein Hintergrunddienst." in text and "stufenweg db_worker" in text
    web.axe()

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", pid=1, started_at=now, seen_at=now)
    page.wait_for_selector(".no-worker", state="detached", timeout=10_000)
