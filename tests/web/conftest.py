"""Fixtures for the web layer: a start-page scenario on top of the shared ``world``.

The page's "today" is fixed at 15.06.2025 (the view's ``today`` is patched), so every event
below lies in the past and the expected figures can be worked out by hand:

person          region  referrer  journey                                             state
Aktiv           A       JC A      entry MA/S3 20.05.2025, planned end 01.07.2025      in_stage
Pruefung        A       JC A      assessment started 17.01.2025                       in_assessment
Ausgetreten     A       JC A      entry MA/S2 01.12.2024, exit 01.03.2025             exited
Wartend         A       JC A      suitable, waitlisted for S4 12.05.2025              waiting
Fremdregion     B       JC B      entry MB/S4 01.03.2025, planned end 10.07.2025      in_stage
Mentee          A       JC A      entry MM/S4 01.04.2025                              in_stage
Storniert       A       JC A      entry MA/S3 02.06.2025, then voided                 in_assessment
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from stufenweg.journeys import services
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

TODAY = dt.date(2025, 6, 15)


@dataclass
class Scenario:
    world: object
    people: dict


def _person(last_name: str):
    return PersonFactory(first_name="Testa", last_name=last_name, birth_date=dt.date(1980, 5, 17))


def build_scenario(world) -> dict:
    people = {}

    p = _person("Aktiv")
    part = start_journey(world, p, on=dt.date(2025, 5, 1))
    enter(
        world,
        part,
        measure=world.measure_a,
        stage=world.s3,
        on=dt.date(2025, 5, 20),
        planned_end=dt.date(2025, 7, 1),
    )
    people["aktiv"] = p

    p = _person("Pruefung")
    start_journey(world, p, on=dt.date(2025, 1, 10))  # assessment starts 17.01.2025
    people["pruefung"] = p

    p = _person("Ausgetreten")
    part = start_journey(world, p, on=dt.date(2024, 11, 1))
    enter(world, part, measure=world.measure_a, stage=world.s2, on=dt.date(2024, 12, 1))
    services.enrolment_exit(
        participation=part, on=dt.date(2025, 3, 1), kind="regular", statuses=["job_seeking"], by=None
    )
    people["ausgetreten"] = p

    p = _person("Wartend")
    part = start_journey(world, p, on=dt.date(2025, 5, 1))
    services.participation_assessment_result(
        participation=part, on=dt.date(2025, 5, 10), result="suitable", stage=world.s4, by=None
    )
    services.participation_waitlist(participation=part, on=dt.date(2025, 5, 12), stage=world.s4, by=None)
    people["wartend"] = p

    p = _person("Fremdregion")
    part = start_journey(world, p, on=dt.date(2025, 2, 1), referrer=world.jobcenter_b, region=world.region_b)
    enter(
        world,
        part,
        measure=world.measure_b,
        stage=world.s4,
        on=dt.date(2025, 3, 1),
        planned_end=dt.date(2025, 7, 10),
    )
    people["fremdregion"] = p

    p = _person("Mentee")
    part = start_journey(world, p, on=dt.date(2025, 3, 1))
    enter(world, part, measure=world.measure_m, stage=world.s4, on=dt.date(2025, 4, 1))
    people["mentee"] = p

    p = _person("Storniert")
    part = start_journey(world, p, on=dt.date(2025, 5, 20))
    entry = enter(world, part, measure=world.measure_a, stage=world.s3, on=dt.date(2025, 6, 2))
    services.journey_event_void(event=entry, by=None, reason="Falsch erfasst", on=dt.date(2025, 6, 3))
    people["storniert"] = p
    return people


@pytest.fixture
def scenario(world, monkeypatch) -> Scenario:
    monkeypatch.setattr("stufenweg.web.views.home.today", lambda: TODAY)
    return Scenario(world=world, people=build_scenario(world))
