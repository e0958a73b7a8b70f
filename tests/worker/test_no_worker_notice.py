"""A report or import run that waits for a background worker that is not running says so on its
page, in German, with the command to start; a worker's fresh heartbeat (or a task being run)
keeps the notice away, and so does a run queued only a moment ago."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stufenweg.indicators.models import ReportRun
from stufenweg.interchange.models import ImportRun
from stufenweg.worker.heartbeat import STALE_SECONDS
from stufenweg.worker.models import WorkerHeartbeat

NOTICE = "Es läuft kein Hintergrunddienst."
COMMAND = "<code>stufenweg db_worker</code>"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = DB_TASKS


def _report_run(world, *, age: float) -> ReportRun:
    return ReportRun.objects.create(
        created_by=world.personas["coordinator"],
        created_at=timezone.now() - dt.timedelta(seconds=age),
        programme=world.programme,
        params={"from": "2023-01-01", "to": "2023-12-31"},
    )


def _report_page(client, run, *, htmx: bool = True) -> str:
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(reverse("indicators:run", args=[run.pk]), headers=headers).content.decode()


def test_report_queued_without_worker_shows_notice(world, client, db_tasks):
    client.force_login(world.personas["coordinator"])
    run = _report_run(world, age=10)
    for htmx in (True, False):  # the polled partial and the full page
        content = _report_page(client, run, htmx=htmx)
        assert NOTICE in content and COMMAND in content


def test_no_notice_for_a_run_queued_a_moment_ago(world, client, db_tasks):
    client.force_login(world.personas["coordinator"])
    assert NOTICE not in _report_page(client, _report_run(world, age=1))


def test_fresh_heartbeat_or_running_task_means_a_worker_runs(world, client, db_tasks):
    client.force_login(world.personas["coordinator"])
    run = _report_run(world, age=30)
    now = timezone.now()
    old = WorkerHeartbeat.objects.create(
        worker_id="w1", pid=1, started_at=now, seen_at=now - dt.timedelta(seconds=STALE_SECONDS + 5)
    )
    assert NOTICE in _report_page(client, run)  # a stale heartbeat: that worker is gone
    old.seen_at = now
    old.save()
    assert NOTICE not in _report_page(client, run)
    old.delete()
    DBTaskResult.objects.create(  # a worker busy with a long task (SQLite: heartbeat blocked)
        status="RUNNING",
        started_at=now - dt.timedelta(minutes=3),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="stufenweg.privacy.tasks.anonymise_expired_task",
        backend_name="default",
        run_after=now,
        exception_class_path="",
        traceback="",
    )
    assert NOTICE not in _report_page(client, run)


def test_running_or_immediate_runs_show_no_notice(world, client, settings):
    client.force_login(world.personas["coordinator"])
    run = _report_run(world, age=60)
    assert NOTICE not in _report_page(client, run)  # tests' immediate backend: nothing waits
    settings.TASKS = DB_TASKS
    ReportRun.objects.filter(pk=run.pk).update(status=ReportRun.Status.RUNNING)
    assert NOTICE not in _report_page(client, run)


def test_import_queued_without_worker_shows_notice(world, client, db_tasks):
    client.force_login(world.personas["coordinator"])
    run = ImportRun.objects.create(
        created_by=world.personas["coordinator"],
        created_at=timezone.now() - dt.timedelta(seconds=10),
        source_kind="csv",
    )
    url = reverse("interchange:run_detail", args=[run.pk])
    for headers in ({"HX-Request": "true"}, {}):
        content = client.get(url, headers=headers).content.decode()
        assert NOTICE in content and COMMAND in content
    WorkerHeartbeat.objects.create(worker_id="w1", pid=1, started_at=timezone.now(), seen_at=timezone.now())
    assert NOTICE not in client.get(url).content.decode()
