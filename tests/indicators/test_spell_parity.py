"""The employment spells of the participant page's outcomes are the report's (``sw_sp``), as
INDICATORS.md defines them: from an employment start to its ``end_date``, or else the next
employment end of the participation, or else open."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from stufenweg.indicators.engine import Engine, settings_for
from stufenweg.outcomes.selectors import outcomes_of
from tests.indicators.test_enrolment_parity import EVER, day, rolled_back
from tests.journeys import histories

D = dt.date


def page_spells(history) -> list[tuple]:
    return sorted(
        (p.id, s.start.occurred_on, s.start.employment_kind, s.ended_on or D.max)
        for p in history.participations()
        for s in outcomes_of(p).employment
    )


def report_spells(history) -> list[tuple]:
    ids = {p.id for p in history.participations()}
    today = timezone.localdate()
    params = settings_for(history.world.programme, date_from=EVER, date_to=today, recorded_on=timezone.now())
    with Engine(params) as engine, connection.cursor() as c:
        engine.build("spells")
        c.execute("SELECT pid, start, ekind, stop FROM sw_sp")
        rows = c.fetchall()
    return sorted(
        (pid, day(start), kind, day(stop) or D.max) for pid, start, kind, stop in rows if pid in ids
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=histories.steps_with(job=8, job_end=6))
def test_page_spells_equal_the_report_spells(w, drawn):
    with rolled_back():
        history = histories.play(w, drawn)
        assert page_spells(history) == report_spells(history)


def test_the_page_ends_a_spell_at_its_end_date_and_every_open_spell_at_the_next_end(w, journey, client):
    j = journey(on=D(2024, 1, 8))
    j.assess()
    j.enter(D(2024, 2, 1))
    j.exit(D(2024, 2, 28), "early_positive", ["employed_svb"])
    j.job(D(2024, 3, 1), "svb", end_date=D(2024, 5, 31))  # fixed-term: its end date counts
    j.job_end(D(2024, 8, 30))
    j.job(D(2024, 9, 2), "minijob")
    j.job(D(2024, 10, 1), "svb")
    j.job_end(D(2024, 12, 31))  # the next end of both open spells

    spells = [(s.start.occurred_on, s.ended_on) for s in outcomes_of(j.participation).employment]
    assert spells == [
        (D(2024, 3, 1), D(2024, 5, 31)),
        (D(2024, 9, 2), D(2024, 12, 31)),
        (D(2024, 10, 1), D(2024, 12, 31)),
    ]
    client.force_login(w.personas["coordinator"])
    page = client.get(reverse("casework:participant_detail", args=[j.person.pk])).content.decode()
    assert "bis 31.05.2024" in page and "bis 30.08.2024" not in page
    assert page.count("bis 31.12.2024") == 2
