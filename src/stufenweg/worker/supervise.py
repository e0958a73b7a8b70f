"""The worker next to a single-machine server (``stufenweg demo``): started as a child process,
stopped with the server.

The child is ``python -m stufenweg db_worker --no-reload`` with the parent's settings and
environment, in a session of its own so that only the server signals it, once: a second signal
would make the worker abandon its running task. It stops when the server stops: on Ctrl-C (the
server ends, its ``finally`` sends the worker SIGTERM; the worker finishes its running task for up
to ``STOP_SECONDS``, then is killed), on SIGTERM to the server (:func:`stop_on_sigterm` turns it
into a normal exit, same path), and when the server is killed outright (the child's heartbeat sees
its parent gone and ends it, ``--exit-with-parent``). Start it in the outer process only: the demo runs
``runserver`` without the autoreloader, so there is one process and one worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator

STOP_SECONDS = 10.0


def worker_command(*, parent_pid: int, interval: float = 1.0) -> list[str]:
    return [
        sys.executable,
        "-m",
        "stufenweg",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        str(interval),
        "--exit-with-parent",
        str(parent_pid),
    ]


def start_worker(*, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(worker_command(parent_pid=os.getpid()), env=env, start_new_session=True)  # noqa: S603


def stop_worker(process: subprocess.Popen, *, timeout: float = STOP_SECONDS) -> int | None:
    """SIGTERM (the worker finishes its current task's bookkeeping and exits), then SIGKILL."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the process like Ctrl-C (``SystemExit``), so ``finally`` blocks run."""

    def _exit(signum, frame):  # noqa: ARG001
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, _exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def worker_running(
    *, say: Callable[[str], None] = print, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """A worker child for the duration of the block (and the server in it)."""
    with stop_on_sigterm():
        process = start_worker(env=env)
        say(
            f"Hintergrunddienst läuft (Berichte, Importe; stufenweg db_worker, Prozess {process.pid}); "
            "er endet mit dem Server."
        )
        try:
            yield process
        finally:
            stop_worker(process)
