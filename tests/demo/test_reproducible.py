"""The same seed gives the same demo data; another seed gives other data."""

from __future__ import annotations

from django.db import transaction

from stufenweg.demo import load_demo
from stufenweg.demo.digest import data_digest
from stufenweg.people.models import Person

TINY = 0.02


def _digest(seed: int) -> str:
    with transaction.atomic():
        load_demo(seed=seed, scale=TINY, out=lambda message: None)
        digest = data_digest()
        transaction.set_rollback(True)
    return digest


def test_same_seed_same_data_other_seed_other_data(db):
    first = _digest(2026)
    assert Person.objects.count() == 0
    assert _digest(2026) == first
    assert _digest(7) != first
