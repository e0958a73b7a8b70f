"""One import writes at a time: a second import waits for the first instead of failing.

Two imports in one transaction each would collide: on PostgreSQL the second blocks on the first's
new master data (the same organisation or region codes) and then fails on the unique index; on
SQLite, which has one write lock for the whole file, the second gives up after the busy timeout
(„database is locked“) or finds its snapshot outdated. So an import's transaction starts by taking
the database's import lock, before it reads anything:

* PostgreSQL: ``pg_advisory_xact_lock`` (a transaction-level advisory lock; released at commit or
  rollback, also when the session dies);
* SQLite: ``BEGIN IMMEDIATE`` (SQLite's write lock at once), waiting with a busy timeout as long
  as an import may take.

The waiting import reports it (``on_wait``: the run page says „wartet auf einen laufenden
Import“) and then runs on the data the first one committed. ``patient_write`` is the same wait for
the short bookkeeping writes around an import on SQLite (the run's status), so that these do not
fail while another import holds the write lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from django.db import OperationalError, connection, transaction

WAITING = "waiting"  # the progress phase of an import that waits for another one
# "swimport" as a 63-bit number: the advisory lock's key (one lock for all imports)
IMPORT_LOCK_KEY = int.from_bytes(b"swimport", "big") >> 1
FIRST_TRY_MS = 200  # SQLite: how long the first attempt waits before the import reports waiting
WAIT_MS = 2**31 - 1  # SQLite's longest busy timeout (about 24 days): as long as the other import


def _locked(exc: OperationalError) -> bool:
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


@contextmanager
def _busy_timeout(milliseconds: int) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {previous}")


def _begin_immediate(stack: ExitStack, on_wait: Callable[[], None] | None) -> None:
    """Enter ``transaction.atomic()`` on SQLite with ``BEGIN IMMEDIATE`` (outermost block only),
    waiting for the write lock; with ``on_wait``, a short first try and then the report."""
    connection.ensure_connection()
    mode = connection.transaction_mode
    connection.transaction_mode = "IMMEDIATE"
    try:
        if on_wait is not None:
            try:
                with _busy_timeout(FIRST_TRY_MS):
                    stack.enter_context(transaction.atomic())
                return
            except OperationalError as exc:
                if not _locked(exc):
                    raise
            on_wait()
        with _busy_timeout(WAIT_MS):
            stack.enter_context(transaction.atomic())
    finally:
        connection.transaction_mode = mode


@contextmanager
def import_transaction(*, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """``transaction.atomic()`` holding the import lock; ``on_wait()`` is called once if the lock
    is taken and the import has to wait for it."""
    with ExitStack() as stack:
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            _begin_immediate(stack, on_wait)
        else:  # PostgreSQL, or SQLite inside a caller's transaction (which already decides)
            stack.enter_context(transaction.atomic())
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
                    if not cursor.fetchone()[0]:
                        if on_wait is not None:
                            on_wait()
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        yield


@contextmanager
def patient_write(*, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """``transaction.atomic()`` for a short write that waits while an import holds SQLite's write
    lock, calling ``on_wait()`` first if it has to (other databases: a plain transaction; their
    row locks do not meet an import's)."""
    with ExitStack() as stack:
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            _begin_immediate(stack, on_wait)
        else:
            stack.enter_context(transaction.atomic())
        yield
