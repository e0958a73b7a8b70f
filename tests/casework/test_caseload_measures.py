"""Caseload against the programme's ratio with breaches, reassignment; measure capacity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stufenweg.casework.overviews import caseload, measure_overview
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.services import participation_assign_caseworker
from stufenweg.programmes.models import CaseloadRatio
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(world, journey):
    CaseloadRatio.objects.create(programme=world.programme, valid_from=dt.date(2020, 1, 1), ratio=1)
    regional = world.personas["regional"]
    second = start_journey(world, make_person("Zweite", "Person", "P-2"), on=dt.date(2024, 1, 8))
    for participation in (journey, second):
        participation_assign_caseworker(participation=participation, caseworker=regional, by=None)
    return journey, second


def test_caseload_breach(world, two_cases):
    rows = caseload(world.personas["regional"])
    assert [(str(r.caseworker), r.count, r.ratio, r.breach, r.share) for r in rows] == [
        (str(world.personas["regional"]), 2, 1, True, 200)
    ]


def test_reassign_moves_participations_and_audits(client, world, two_cases):
    colleague = MembershipFactory(user=UserFactory(username="kollegin"), organisation=world.regional_a).user
    regional = world.personas["regional"]
    client.force_login(regional)
    page = client.get(reverse("casework:caseload"), {"von": regional.pk})
    assert page.status_code == 200
    assert "überschritten" in page.content.decode()
    journey, second = two_cases
    response = client.post(
        reverse("casework:caseload"),
        {"von": regional.pk, "participations": [second.pk], "caseworker": colleague.pk},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    journey.refresh_from_db()
    assert (second.caseworker, journey.caseworker) == (colleague, regional)
    assert AuditEntry.objects.filter(
        object_type="journeys.participation", object_id=str(second.pk), after__caseworker_id=colleague.pk
    ).exists()
    rows = {str(r.caseworker): (r.count, r.breach) for r in caseload(regional)}
    assert rows == {str(regional): (1, False), str(colleague): (1, False)}


def test_read_only_may_not_reassign(client, world, two_cases, read_only):
    client.force_login(read_only)
    assert client.get(reverse("casework:caseload")).status_code == 200
    response = client.post(reverse("casework:caseload"), {"von": world.personas["regional"].pk})
    assert response.status_code == 403


def test_measure_capacity(world, journey):
    second = start_journey(world, make_person("Zweite", "Person", "P-2"), on=dt.date(2024, 1, 8))
    enter(world, second, measure=world.measure_b, stage=world.s4, on=dt.date(2024, 3, 1))
    today = timezone.localdate()
    rows = {r.measure.code: r for r in measure_overview(world.personas["coordinator"], today=today)}
    assert (rows["MA"].occupied, rows["MA"].free, rows["MA"].percent) == (1, 2, 33)
    assert (rows["MB"].occupied, rows["MB"].free) == (1, 2)
    assert (rows["MM"].occupied, rows["MM"].free) == (0, 3)
    assert len(rows["MA"].series) == 12 and all(value == 1 for _day, value, _h in rows["MA"].series)


def test_measure_occupancy_over_time(world, journey):
    from stufenweg.casework.overviews import occupancy

    days = [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]
    # entered 1 Feb 2024: not on 1 Jan, counted from 1 Feb
    assert occupancy([world.measure_a.pk], days) == {world.measure_a.pk: [0, 1, 1]}
