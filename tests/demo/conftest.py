"""Fixtures of the demo tests: the demo loaded at a small scale into the test database.

Loading takes a few seconds, so each test module loads once (module scope) inside a transaction
that is rolled back when the module is done; every test still runs in its own savepoint (``db``).
"""

from __future__ import annotations

import pytest
from django.db import transaction

from stufenweg.demo import load_demo

SMALL = 0.03  # about 130 persons: enough to exercise every step, fast
RATES = 0.12  # about 500 persons: enough for the rate bands


def _loaded(django_db_blocker, scale: float):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(seed=2026, scale=scale, out=lambda message: None)
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def small_demo(django_db_setup, django_db_blocker):
    yield from _loaded(django_db_blocker, SMALL)


@pytest.fixture(scope="module")
def rates_demo(django_db_setup, django_db_blocker):
    yield from _loaded(django_db_blocker, RATES)
