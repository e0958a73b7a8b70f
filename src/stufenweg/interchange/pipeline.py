"""The database work of an import's second pass in a thread of its own (PostgreSQL).

Pass 2 of ``events.csv`` alternates between Python work (parsing, codes, the journey rules) and
database work (look-ups, ``COPY``). Run one after the other, the database server and Python take
turns on two cores. ``DbWorker`` runs the database steps in order in a second thread, on the
import's own connection and so inside its one transaction, while the main thread prepares the next
partition; the thread waits for the server with the interpreter lock released.

The main thread must not touch the database while the worker is open: every database step goes
through ``submit``. On SQLite (which works inside this process) the steps simply run at once.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


class DbWorker:
    """Database steps in submission order: in a thread (``threaded``) or at once."""

    def __init__(self, *, threaded: bool, using: str = DEFAULT_DB_ALIAS):
        self.threaded = threaded
        self.connection = connections[using]
        self.error: BaseException | None = None
        self.pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> DbWorker:
        if self.threaded:
            self.connection.inc_thread_sharing()
            self.pool = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="import-db", initializer=self._adopt
            )
        return self

    def _adopt(self) -> None:
        # The worker thread uses the import's connection (and so its transaction).
        connections[self.connection.alias] = self.connection

    def _run(self, fn: Callable, args: tuple, kwargs: dict) -> Any:
        if self.error is not None:  # a step failed: leave the transaction alone
            raise RuntimeError("an earlier database step of the import failed") from self.error
        try:
            return fn(*args, **kwargs)
        except BaseException as exc:
            self.error = exc
            raise

    def submit(self, fn: Callable, *args, **kwargs) -> Future:
        """Run ``fn`` after the steps submitted before; its result (or exception) in the future."""
        if self.pool is not None:
            return self.pool.submit(self._run, fn, args, kwargs)
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.pool is not None:
            # Never leave the thread using the connection; steps not started yet are dropped when
            # the import is failing anyway.
            self.pool.shutdown(wait=True, cancel_futures=exc is not None)
            self.pool = None
            self.connection.dec_thread_sharing()
        if exc is None and self.error is not None:
            raise self.error
