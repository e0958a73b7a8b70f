"""Repeated follow-up attempts: an unreached follow-up keeps the case on the follow-up worklist
(marked overdue once due) until a follow-up reaches the person; a closure before entry is no exit
to follow up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stufenweg.casework.overviews import worklists
from stufenweg.core.time import add_months
from stufenweg.journeys import services
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db
D = dt.date


def rows(user, today):
    return worklists(user, today=today)["follow_ups"].rows


def test_an_unreached_follow_up_keeps_the_case_until_one_reaches(world, journey):
    services.enrolment_exit(participation=journey, on=D(2024, 6, 28), kind="regular", by=None)
    user = world.personas["regional"]
    services.follow_up_record(participation=journey, on=D(2024, 12, 30), reached=False, by=None)
    (row,) = rows(user, D(2025, 1, 10))
    assert row.pk == journey.pk
    assert (row.follow_up_due, row.follow_up_overdue) == (D(2024, 12, 28), True)
    services.follow_up_record(
        participation=journey, on=D(2025, 1, 9), statuses=["employed_svb"], reached=True, by=None
    )
    assert rows(user, D(2025, 1, 10)) == []


def test_the_worklist_page_marks_an_overdue_follow_up(client, world, journey):
    today = timezone.localdate()
    services.enrolment_exit(participation=journey, on=add_months(today, -7), kind="regular", by=None)
    services.follow_up_record(participation=journey, on=add_months(today, -1), reached=False, by=None)
    client.force_login(world.personas["regional"])
    html = client.get(reverse("casework:worklists")).content.decode()
    assert "Verbleib überfällig" in html


def test_due_but_not_overdue_is_not_marked(world, journey):
    services.enrolment_exit(participation=journey, on=D(2024, 6, 28), kind="regular", by=None)
    (row,) = rows(world.personas["regional"], D(2024, 12, 1))
    assert row.follow_up_overdue is False


def test_a_closure_before_entry_is_not_on_the_follow_up_list(world):
    participation = start_journey(world, make_person("Vogel", "Ute", "P-7001"), on=D(2024, 1, 8))
    services.enrolment_exit(
        participation=participation, on=D(2024, 2, 1), kind="early_neutral", reason="verzogen", by=None
    )
    participation.refresh_from_db()
    assert participation.state == "exited"
    assert rows(world.personas["regional"], D(2024, 8, 15)) == []
