"""Rebuild = live projection for histories full of the real flows (property test): closures before
entry, re-referrals followed by a reactivation, follow-ups in later states, unreached follow-ups,
under both settings of the programme's flow."""

import datetime as dt

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stufenweg.journeys import services
from stufenweg.journeys.models import Participation
from stufenweg.journeys.rules import JourneyRuleError
from tests.factories import PersonFactory
from tests.journeys.test_projection_rebuild import snapshot, wipe_projection

ACTIONS = ["refer", "assess", "waitlist", "enter", "exit", "exit", "reactivate", "follow_up", "follow_up"]


def play(world, person, steps):
    day = dt.date(2021, 1, 4)
    for action, gap, pick in steps:
        day += dt.timedelta(days=gap)
        part = Participation.objects.filter(person=person).first()
        try:
            if action == "refer":
                services.participation_refer(
                    person=person,
                    programme=world.programme,
                    on=day,
                    referrer=world.jobcenter_a,
                    region=world.region_a,
                    by=None,
                )
            elif action == "assess":
                services.participation_start_assessment(
                    person=person, programme=world.programme, on=day, by=None
                )
            elif part is None:
                continue
            elif action == "waitlist":
                services.participation_waitlist(participation=part, on=day, stage=world.s3, by=None)
            elif action == "enter":
                services.enrolment_enter(
                    participation=part,
                    measure=world.measure_a,
                    stage=world.s3,
                    on=day,
                    planned_end=day + dt.timedelta(days=180),
                    by=None,
                )
            elif action == "exit":
                services.enrolment_exit(
                    participation=part, on=day, by=None, kind=["regular", "early_neutral"][pick % 2]
                )
            elif action == "reactivate":
                services.participation_reactivate(participation=part, on=day, by=None)
            elif action == "follow_up":
                services.follow_up_record(participation=part, on=day, reached=pick != 0, by=None)
        except JourneyRuleError:
            pass


step = st.tuples(st.sampled_from(ACTIONS), st.integers(0, 40), st.integers(0, 2))


# the programme's flow is fixed per test (its histories are replayed under the settings of the day)
@pytest.mark.parametrize("needs_assessment", [False, True])
@pytest.mark.parametrize("after_referral", [True, False])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=3, max_size=25))
def test_rebuild_equals_live_state_for_the_real_flows(world, steps, needs_assessment, after_referral):
    if (world.programme.reactivation_needs_assessment, world.programme.reactivation_after_referral) != (
        needs_assessment,
        after_referral,
    ):
        world.programme.reactivation_needs_assessment = needs_assessment
        world.programme.reactivation_after_referral = after_referral
        world.programme.save()
    person = PersonFactory()
    play(world, person, [("refer", 0, 0), *steps])
    live = snapshot()
    wipe_projection()
    call_command("rebuild_projections", verbosity=0)
    assert snapshot() == live
