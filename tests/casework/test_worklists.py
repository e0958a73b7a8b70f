"""Worklists at hand-picked days: due quarterly reviews, planned ends, no contact for six weeks,
follow-ups due six months after exit, waiting list. The journey fixture enters on 1 Feb 2024
with a planned end of 31 Dec 2024."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.casework import services
from stufenweg.casework.overviews import waiting_summary, worklists
from stufenweg.journeys import services as journeys
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db


def listed(user, key, today):
    return [p.pk for p in worklists(user, today=today)[key].rows]


def test_quarterly_review_due_three_months_after_entry(world, journey):
    user = world.personas["regional"]
    # 10 Apr + 14 days = 24 Apr; minus 3 months = 24 Jan < entry 1 Feb: not yet due
    assert listed(user, "reviews", dt.date(2024, 4, 10)) == []
    # 20 Apr + 14 days = 4 May; minus 3 months = 4 Feb >= 1 Feb: due
    assert listed(user, "reviews", dt.date(2024, 4, 20)) == [journey.pk]
    services.contact_record(participation=journey, kind="quarterly_review", on=dt.date(2024, 4, 18), by=None)
    assert listed(user, "reviews", dt.date(2024, 4, 20)) == []


def test_planned_end_in_next_30_days(world, journey):
    user = world.personas["regional"]
    assert listed(user, "planned_ends", dt.date(2024, 11, 20)) == []  # 31 Dec is 41 days away
    assert listed(user, "planned_ends", dt.date(2024, 12, 5)) == [journey.pk]  # 26 days away


def test_no_contact_for_six_weeks(world, journey):
    user = world.personas["regional"]
    # 20 Mar - 42 days = 7 Feb; no contact and in stage since 1 Feb: listed
    assert listed(user, "no_contact", dt.date(2024, 3, 20)) == [journey.pk]
    services.contact_record(participation=journey, kind="phone", on=dt.date(2024, 3, 1), by=None)
    assert listed(user, "no_contact", dt.date(2024, 3, 20)) == []
    # 13 Apr - 42 days = 2 Mar > last contact 1 Mar: listed again
    assert listed(user, "no_contact", dt.date(2024, 4, 13)) == [journey.pk]


def test_follow_up_due_six_months_after_exit(world, journey):
    journeys.enrolment_exit(
        participation=journey, on=dt.date(2024, 6, 28), kind="regular", statuses=["job_seeking"], by=None
    )
    user = world.personas["regional"]
    # due by = (today + 30 days) - 6 months; 20 Nov -> 20 Jun < 28 Jun: not listed
    assert listed(user, "follow_ups", dt.date(2024, 11, 20)) == []
    # 30 Nov -> 30 Jun >= 28 Jun: listed
    assert listed(user, "follow_ups", dt.date(2024, 11, 30)) == [journey.pk]
    # overdue, still listed until six months after it was due (exit before today - 12 months)
    assert listed(user, "follow_ups", dt.date(2025, 4, 1)) == [journey.pk]
    assert listed(user, "follow_ups", dt.date(2025, 6, 27)) == [journey.pk]
    assert listed(user, "follow_ups", dt.date(2025, 6, 28)) == []


def test_waiting_list_per_stage_and_region(world):
    user = world.personas["regional"]
    for i in range(2):
        participation = start_journey(world, make_person("Warte", f"W{i}", f"W-{i}"), on=dt.date(2024, 1, 8))
        journeys.participation_waitlist(
            participation=participation, on=dt.date(2024, 1, 30), stage=world.s2, by=None
        )
    assert len(listed(user, "waiting", dt.date(2024, 2, 1))) == 2
    summary = waiting_summary(user)
    assert [(row["waiting_stage__name"], row["region__name"], row["count"]) for row in summary] == [
        ("Stufe 2 – QAB", "Region A", 2)
    ]
    # the regional office of region B sees none of them
    from stufenweg.organisations.models import Organisation
    from tests.factories import MembershipFactory, UserFactory

    other = MembershipFactory(
        user=UserFactory(username="rb_b"), organisation=Organisation.objects.get(code="RB-B")
    ).user
    assert listed(other, "waiting", dt.date(2024, 2, 1)) == []
