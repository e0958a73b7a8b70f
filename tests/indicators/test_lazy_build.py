"""A run builds only the working tables that the indicators it is asked for read (``build.STEPS``,
``Source.needs``): a report of the flow indicators builds no ESF, exit or integration tables, and
asking for more later builds the rest in the same run with the same results as a full build."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from stufenweg.indicators import build, reasons, target_groups
from stufenweg.indicators.engine import Engine, settings_for
from stufenweg.indicators.sources import sources

D = dt.date


def _exists(table: str) -> bool:
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
        else:
            c.execute("SELECT COUNT(*) FROM sqlite_temp_master WHERE name = %s", [table])
        return bool(c.fetchone()[0])


def test_every_source_names_build_steps_that_exist():
    s = build.Settings(
        programme_id=1,
        date_from=D(2023, 1, 1),
        date_to=D(2023, 12, 31),
        as_of=D(2023, 12, 31),
        recorded_on=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    every = {**sources(s), **target_groups.sources(s), **reasons.sources(s)}
    for name, source in every.items():
        assert source.needs, name
        assert set(source.needs) <= set(build.STEPS), name


def test_plan_orders_the_steps_and_adds_what_they_read():
    assert build.plan(("exits",)) == ("events", "spells", "enrolments", "exits")
    assert build.plan(("exits",), done={"events", "spells"}) == ("enrolments", "exits")
    assert build.plan(("integrations", "waiting")) == ("events", "waiting", "spells", "integrations")
    assert build.plan(build.STEPS) == tuple(build.STEPS)


@pytest.mark.django_db
def test_a_flow_report_builds_only_the_flow_tables(w, journey, make_person):
    j = journey(make_person())
    j.assess()
    j.enter(D(2023, 2, 1))
    j.exit(D(2023, 5, 31), "regular", ["employed_svb"])
    settings = settings_for(w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    with Engine(settings) as engine:
        flow = engine.rows(["flow.stage_entries"])
        assert _exists("sw_evp")
        for table in ("sw_x", "sw_esf", "sw_int", "sw_sp", "sw_wait"):
            assert not _exists(table), table
        exits = engine.rows(["exit.cases"])
        assert _exists("sw_x") and _exists("sw_sp") and not _exists("sw_esf")
    assert next(r for r in flow if r["group"] == {})["value"] == 1
    assert next(r for r in exits if r["group"] == {})["value"] == 1
