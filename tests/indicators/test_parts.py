"""A report run on PostgreSQL works in two database sessions, each on half of the participations
(id mod 2), reading the same snapshot; the aggregates of the halves add up to the whole. These
tests commit their data (a second session cannot see an open test transaction)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection, transaction
from django.test import override_settings

from stufenweg.indicators import build
from stufenweg.indicators import engine as engine_module
from stufenweg.indicators.engine import Engine, parts_for_run, settings_for
from tests.indicators.conftest import stage_entry_targets

D = dt.date

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two sessions on one snapshot: PostgreSQL only"
)


def _journeys(w, journey, make_person):
    """Eight participants (four odd and four even ids at least half the time) with entries,
    exits, employment and follow-ups in 2023."""
    for i in range(8):
        j = journey(make_person(gender="fmdx"[i % 4], birth_date=D(1970 + 3 * i, 5, 1)))
        j.assess()
        j.enter(D(2023, 2, 1), status="unemployed", since=D(2021, 1, 1))
        if i % 3 == 0:
            j.exit(D(2023, 5, 31), "regular", ["employed_svb"])
            j.job(D(2023, 6, 1), "svb")
        elif i % 3 == 1:
            j.exit(D(2023, 4, 30), "early_negative", ["job_seeking"])
            j.follow_up(D(2023, 10, 30), ["minijob"])


def _rows(w, *, parts: int):
    with override_settings(STUFENWEG_REPORT_PARTS=parts):
        assert parts_for_run() == parts  # the run really works in that many sessions
        settings = settings_for(
            w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31), as_of=D(2024, 6, 30)
        )
        with Engine(settings) as engine:
            return engine.rows(by=("region", "stage", "gender", "age_band"))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_sessions_give_the_same_rows_as_one(w, journey, make_person):
    _journeys(w, journey, make_person)
    ids = list(w.programme.participations.values_list("id", flat=True))
    assert {i % 2 for i in ids} == {0, 1}  # both halves have participants
    one, two = _rows(w, parts=1), _rows(w, parts=2)
    assert two == one
    total = next(r for r in one if r["indicator"] == "esf.EECO01" and r["group"] == {})
    assert total["value"] == 8


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_failing_part_fails_the_run_and_leaves_the_connection_usable(w, monkeypatch):
    real_build = build.build

    def failing(settings, steps=None):
        if settings.part == (1, 2):
            raise RuntimeError("part failed")
        return real_build(settings, steps)

    monkeypatch.setattr(engine_module.build, "build", failing)
    settings = settings_for(w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    with (
        override_settings(STUFENWEG_REPORT_PARTS=2),
        pytest.raises(RuntimeError, match="part failed"),
        Engine(settings),
    ):
        pass  # pragma: no cover - never reached
    assert not connection.in_atomic_block
    with connection.cursor() as c:  # the run's transaction was rolled back, its tables are gone
        c.execute("SELECT to_regclass('sw_ev')")
        assert c.fetchone()[0] is None


@pytest.mark.django_db
def test_inside_an_enclosing_transaction_a_run_works_in_one_session(w):
    assert connection.in_atomic_block
    assert parts_for_run() == 1
    with transaction.atomic():
        assert parts_for_run() == 1


@pytest.mark.django_db
def test_the_parts_split_the_participations_by_id(w, journey, make_person):
    _journeys(w, journey, make_person)
    ids = set(w.programme.participations.values_list("id", flat=True))
    whole = settings_for(w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    seen = []
    for part in ((0, 2), (1, 2)):
        with transaction.atomic():
            build.build(dataclasses.replace(whole, part=part))
            with connection.cursor() as c:
                c.execute("SELECT pid FROM sw_pp")
                pids = {row[0] for row in c.fetchall()}
                c.execute("SELECT COUNT(*) FROM sw_ev WHERE pid %% 2 <> %s", [part[0]])
                assert c.fetchone()[0] == 0  # no event of the other half
            transaction.set_rollback(True)
        assert pids == {i for i in ids if i % 2 == part[0]}
        seen.append(pids)
    assert seen[0] | seen[1] == ids


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_target_period_of_its_own_runs_inside_the_two_session_run(w, journey, make_person):
    """The report's run works in two sessions; a target for another period gets a run of its own
    in the report's transaction (one session, a savepoint) and the report's tables survive it."""
    from stufenweg.indicators.results import ReportParams
    from stufenweg.indicators.standard import standard_report

    _journeys(w, journey, make_person)
    stage_entry_targets(w.programme, (D(2023, 12, 31), "16"), (D(2023, 6, 30), "4"))
    params = ReportParams(programme=w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    reports = {}
    for parts in (1, 2):
        with override_settings(STUFENWEG_REPORT_PARTS=parts):
            report = standard_report(params)
        reports[parts] = [s for s in report["sections"] if s["id"] in ("flow", "targets")]
    assert reports[2] == reports[1]
    targets = next(s for s in reports[2] if s["id"] == "targets")["rows"]
    assert sorted((row["cells"][2], row["cells"][1]) for row in targets) == [(8, 4.0), (8, 16.0)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_run_keeps_its_working_tables_in_memory_even_after_an_earlier_temporary_table(
    w, journey, make_person
):
    """A run sets ``temp_buffers`` for its sessions; a session that already had a temporary table
    at another size cannot change it, and the run still works (with the size the session has)."""
    _journeys(w, journey, make_person)
    settings = settings_for(w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    size_mb = "SELECT setting::int * 8 / 1024 FROM pg_settings WHERE name = 'temp_buffers'"  # 8 kB pages
    connection.close()  # a session of its own, with no temporary table yet
    with override_settings(STUFENWEG_REPORT_PARTS=1), Engine(settings), connection.cursor() as c:
        c.execute(size_mb)
        assert c.fetchone()[0] == engine_module.TEMP_BUFFERS_MB
    first = _rows(w, parts=1)
    connection.close()
    with connection.cursor() as c:  # a new session uses a temporary table at the default size
        c.execute("CREATE TEMPORARY TABLE other_work AS SELECT 1 AS i")  # its first page is written
        c.execute(size_mb)
        default = c.fetchone()[0]
    assert default != engine_module.TEMP_BUFFERS_MB
    with override_settings(STUFENWEG_REPORT_PARTS=1), Engine(settings), connection.cursor() as c:
        c.execute(size_mb)
        assert c.fetchone()[0] == default  # refused by PostgreSQL, and the run goes on
    assert _rows(w, parts=1) == first
    connection.close()
