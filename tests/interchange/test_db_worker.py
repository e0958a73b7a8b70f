"""The import's database steps run in order on the import's own connection (in a thread on
PostgreSQL); a failing step stops the later ones and its error reaches the import."""

import gc

import pytest
from django.db import connection

from stufenweg.interchange.garbage import collect, few_collections
from stufenweg.interchange.pipeline import DbWorker
from stufenweg.organisations.models import Region

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.mark.parametrize("threaded", [False, True])
def test_steps_run_in_order_inside_the_transaction(threaded):
    done = []

    def create(code):
        Region.objects.create(code=code, name=code)  # through the ORM, as the import's steps do
        done.append(code)
        return Region.objects.filter(code__in=done).count()

    with DbWorker(threaded=threaded) as db:
        counts = [db.submit(create, code) for code in ("R1", "R2", "R3")]
        assert [f.result() for f in counts] == [1, 2, 3]
    assert done == ["R1", "R2", "R3"]
    # Written on this thread's connection, inside the test's transaction.
    assert sorted(Region.objects.values_list("code", flat=True)) == ["R1", "R2", "R3"]
    assert connection.in_atomic_block


@pytest.mark.parametrize("threaded", [False, True])
def test_a_failing_step_stops_the_rest(threaded):
    done = []

    def fail():
        raise ValueError("kaputt")

    with pytest.raises(ValueError, match="kaputt"), DbWorker(threaded=threaded) as db:
        db.submit(done.append, 1)
        db.submit(fail)
        db.submit(done.append, 2)
    assert done == [1]


def test_collector_paused_during_an_import_and_restored_after():
    assert gc.isenabled()
    with few_collections():
        assert not gc.isenabled()
        collect()  # collects and freezes what survives
        assert gc.get_freeze_count() > 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), few_collections():
        raise RuntimeError
    assert gc.isenabled()
