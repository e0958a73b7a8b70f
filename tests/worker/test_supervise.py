"""The demo's worker child: started next to the server, stopped with it (normal end, SIGTERM),
killed if it ignores SIGTERM; ``stufenweg db_worker`` is the command with the heartbeat, which
writes its row, removes it on stop and ends a worker whose parent is gone."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from django.core.management import get_commands

from stufenweg.worker import heartbeat, supervise
from stufenweg.worker.models import WorkerHeartbeat

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]
STUBBORN = [
    sys.executable,
    "-c",
    "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(120)",
]


@pytest.fixture
def fake_worker(monkeypatch):
    monkeypatch.setattr(supervise, "worker_command", lambda *, parent_pid: SLEEPER)


def test_worker_command_is_our_db_worker_without_reloader():
    command = supervise.worker_command(parent_pid=4321)
    assert command[1:4] == ["-m", "stufenweg", "db_worker"]
    assert "--no-reload" in command and command[-2:] == ["--exit-with-parent", "4321"]
    assert get_commands()["db_worker"] == "stufenweg.worker"  # ours, with the heartbeat


def test_worker_runs_while_the_block_runs_and_stops_after(fake_worker):
    lines = []
    with supervise.worker_running(say=lines.append) as process:
        assert process.poll() is None
    assert process.poll() is not None
    assert len(lines) == 1 and "Hintergrunddienst läuft" in lines[0] and str(process.pid) in lines[0]


def test_sigterm_to_the_server_stops_the_worker(fake_worker):
    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit), supervise.worker_running(say=lambda line: None) as process:
        os.kill(os.getpid(), signal.SIGTERM)
    assert process.poll() is not None
    assert signal.getsignal(signal.SIGTERM) == previous


def test_a_worker_ignoring_sigterm_is_killed():
    import subprocess

    process = subprocess.Popen(STUBBORN, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert process.stdout.readline().strip() == "ready"
    assert supervise.stop_worker(process, timeout=0.5) == -signal.SIGKILL


@pytest.mark.django_db
def test_heartbeat_row_written_and_removed():
    beat = heartbeat.Heartbeat("w-test")
    beat.beat()
    row = WorkerHeartbeat.objects.get(worker_id="w-test")
    assert row.pid == os.getpid()
    assert heartbeat.worker_seen()
    beat.stop()
    assert not WorkerHeartbeat.objects.exists()
    assert not heartbeat.worker_seen()


@pytest.mark.django_db
def test_heartbeat_ends_the_worker_when_its_parent_is_gone(monkeypatch):
    killed = []
    monkeypatch.setattr(heartbeat.os, "kill", lambda pid, sig: killed.append((pid, sig)))
    monkeypatch.setattr(heartbeat.connection, "close", lambda: None)  # the test's connection
    beat = heartbeat.Heartbeat("w-orphan", parent_pid=os.getppid() + 1)
    beat.run()
    assert killed == [(os.getpid(), signal.SIGTERM)]
    assert not WorkerHeartbeat.objects.exists()  # no beat for an orphan
