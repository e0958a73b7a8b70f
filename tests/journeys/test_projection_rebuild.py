"""The current state is a projection of the log: rebuilding it from scratch gives the live state."""

import datetime as dt

from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stufenweg.journeys import services
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.projection import PROJECTED_FIELDS
from stufenweg.journeys.rules import JourneyRuleError
from tests.factories import PersonFactory

ACTIONS = [
    "refer",
    "assess",
    "result",
    "waitlist",
    "enter",
    "change",
    "extend",
    "interrupt",
    "resume",
    "exit",
    "reactivate",
    "job",
    "follow_up",
    "correct_last",
    "void_last",
]


def snapshot():
    parts = {p["id"]: p for p in Participation.objects.values("id", *PROJECTED_FIELDS)}
    enrolments = sorted(
        Enrolment.objects.values_list(
            "participation_id",
            "entry_event_id",
            "measure_id",
            "stage_id",
            "entered_on",
            "planned_end",
            "exited_on",
            "exit_event_id",
            "exit_kind",
            "extensions",
            "interrupted_since",
        )
    )
    return parts, enrolments


def wipe_projection():
    Enrolment.objects.all().delete()
    Participation.objects.update(
        state="referred",
        state_since=None,
        region=None,
        current_stage=None,
        current_measure=None,
        waiting_stage=None,
        planned_end=None,
        last_event_on=None,
    )


def play(world, person, steps):
    """Apply random actions through the services; refused ones are simply refused."""
    day = dt.date(2021, 1, 4)
    for action, gap, pick in steps:
        day += dt.timedelta(days=gap)
        part = Participation.objects.filter(person=person).first()
        measure, stage = [
            (world.measure_a, world.s3),
            (world.measure_b, world.s4),
            (world.measure_a, world.s2),
        ][pick]
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
            elif action == "result":
                services.participation_assessment_result(
                    participation=part, on=day, by=None, result=["suitable", "not_suitable"][pick % 2]
                )
            elif action == "waitlist":
                services.participation_waitlist(participation=part, on=day, stage=stage, by=None)
            elif action == "enter":
                services.enrolment_enter(
                    participation=part,
                    measure=measure,
                    stage=stage,
                    on=day,
                    planned_end=day + dt.timedelta(days=180),
                    by=None,
                )
            elif action == "change":
                services.enrolment_change_stage(
                    participation=part,
                    measure=measure,
                    stage=stage,
                    on=day,
                    by=None,
                    change=["planned", "unplanned"][pick % 2],
                )
            elif action == "extend":
                services.enrolment_extend(
                    participation=part, on=day, planned_end=day + dt.timedelta(days=200), by=None
                )
            elif action == "interrupt":
                services.enrolment_interrupt(participation=part, on=day, by=None)
            elif action == "resume":
                services.enrolment_resume(participation=part, on=day, by=None)
            elif action == "exit":
                services.enrolment_exit(
                    participation=part,
                    on=day,
                    by=None,
                    kind=["regular", "early_negative", "early_positive"][pick],
                )
            elif action == "reactivate":
                services.participation_reactivate(participation=part, on=day, by=None)
            elif action == "job":
                services.employment_start_record(participation=part, on=day, kind="svb", by=None)
            elif action == "follow_up":
                services.follow_up_record(participation=part, on=day, statuses=["employed_svb"], by=None)
            elif action in ("correct_last", "void_last"):
                last = (
                    JourneyEvent.objects.filter(participation=part, superseded_by__isnull=True)
                    .exclude(kind="void")
                    .order_by("-id")
                    .first()
                )
                if last is None:
                    continue
                if action == "void_last":
                    services.journey_event_void(event=last, by=None, reason="Test")
                elif last.kind not in ("referral", "assessment_start"):
                    services.journey_event_correct(
                        event=last,
                        by=None,
                        reason="Test",
                        occurred_on=last.occurred_on + dt.timedelta(days=1),
                    )
        except JourneyRuleError:
            pass


step = st.tuples(st.sampled_from(ACTIONS), st.integers(0, 40), st.integers(0, 2))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=3, max_size=25))
def test_rebuild_equals_live_state_for_any_accepted_history(world, steps):
    person = PersonFactory()
    play(world, person, [("refer", 0, 0), ("assess", 3, 0), *steps])
    live = snapshot()
    wipe_projection()
    call_command("rebuild_projections", verbosity=0)
    assert snapshot() == live


def test_rebuild_command_reports_counts(world, capsys):
    person = PersonFactory()
    play(world, person, [("refer", 0, 0), ("assess", 3, 0), ("enter", 5, 0), ("exit", 90, 1)])
    live = snapshot()
    wipe_projection()
    call_command("rebuild_projections")
    assert "1 Teilnahmen neu aufgebaut" in capsys.readouterr().out
    assert snapshot() == live
    assert live[1][0][6] is not None  # the enrolment is closed
