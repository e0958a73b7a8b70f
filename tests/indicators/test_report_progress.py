"""The report run's progress moves with the engine's real steps (working tables, each indicator
family, targets), and each step is visible to another connection — the polling page — while the
engine's own transaction is still open, not only 0 → 100 at the end."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from stufenweg.indicators import tasks
from stufenweg.indicators.models import ReportRun

pytestmark = pytest.mark.django_db(transaction=True)


def _seen_by_another_connection(run_id: int) -> int:
    seen = []

    def read():
        try:
            seen.append(ReportRun.objects.get(pk=run_id).progress)
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    return seen[0]


def test_progress_steps_are_visible_while_the_report_runs(w, journey, monkeypatch):
    j = journey()
    j.assess()
    j.enter(dt.date(2023, 2, 1))
    run = ReportRun.objects.create(
        created_by=w.personas["coordinator"],
        programme=w.programme,
        params={"from": "2023-01-01", "to": "2023-12-31", "by": ["stage"]},
    )
    visible: list[int] = []
    engine_open: list[bool] = []
    write = tasks.ProgressWriter.__call__

    def spy(self, percent):
        write(self, percent)
        engine_open.append(connection.in_atomic_block)
        visible.append(_seen_by_another_connection(run.pk))

    monkeypatch.setattr(tasks.ProgressWriter, "__call__", spy)
    tasks.generate_report.call(run.pk)

    run.refresh_from_db()
    assert (run.status, run.progress) == (ReportRun.Status.DONE, 100)
    assert len(set(visible)) >= 8, visible  # one step per family, not a jump
    assert visible == sorted(visible) and visible[-1] < 100
    assert visible[0] == 40  # the working tables are built first
    assert any(engine_open)  # written while the engine's transaction was open
