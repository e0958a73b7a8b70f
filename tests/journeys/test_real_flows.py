"""Flows real programmes have, through the services as the web records them, and the ones that
still cannot be true (refused with a German message)."""

import datetime as dt

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.models import Enrolment, JourneyEvent
from stufenweg.journeys.rules import JourneyRuleError
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

D = dt.date


@pytest.fixture
def exited(world):
    """A participant who entered on 01.02.2022 and left on 30.06.2022."""
    participation = start_journey(world, PersonFactory())
    enter(world, participation)
    services.enrolment_exit(
        participation=participation, on=D(2022, 6, 30), kind="regular", statuses=["job_seeking"], by=None
    )
    return participation


def _refer_again(world, participation, on):
    return services.participation_refer(
        person=participation.person,
        programme=world.programme,
        on=on,
        referrer=world.jobcenter_a,
        by=world.personas["jobcenter"],
    )


def test_a_re_referred_former_participant_is_reactivated_without_a_new_assessment(world, exited):
    _refer_again(world, exited, D(2022, 9, 1))
    services.participation_reactivate(participation=exited, on=D(2022, 9, 5), by=world.personas["regional"])
    exited.refresh_from_db()
    assert exited.state == "suitable"
    enter(world, exited, on=D(2022, 10, 4))
    exited.refresh_from_db()
    assert exited.state == "in_stage"
    assert Enrolment.objects.filter(participation=exited).count() == 2


def test_a_follow_up_of_the_earlier_exit_during_a_later_stage_keeps_the_stage(world, exited):
    services.participation_reactivate(participation=exited, on=D(2022, 8, 1), by=None)
    enter(world, exited, on=D(2022, 8, 15))
    services.follow_up_record(
        participation=exited, on=D(2022, 12, 30), statuses=["education"], reached=True, by=None
    )
    exited.refresh_from_db()
    assert (exited.state, exited.state_since) == ("in_stage", D(2022, 8, 15))


def test_an_unreached_follow_up_leaves_the_participation_exited_until_one_reaches(world, exited):
    services.follow_up_record(participation=exited, on=D(2022, 12, 28), reached=False, by=None)
    exited.refresh_from_db()
    assert (exited.state, exited.state_since) == ("exited", D(2022, 6, 30))
    services.follow_up_record(
        participation=exited, on=D(2023, 1, 9), statuses=["employed_svb"], reached=True, by=None
    )
    exited.refresh_from_db()
    assert exited.state == "followed_up"


@pytest.mark.parametrize("state", ["referred", "in_assessment", "suitable", "waiting"])
def test_a_closure_before_entry_ends_the_participation_in_every_pre_entry_state(world, state):
    person = PersonFactory()
    services.participation_refer(
        person=person,
        programme=world.programme,
        on=D(2022, 1, 3),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    participation = JourneyEvent.objects.get(participation__person=person).participation
    if state != "referred":
        services.participation_start_assessment(
            person=person, programme=world.programme, on=D(2022, 1, 10), by=None
        )
    if state in ("suitable", "waiting"):
        services.participation_assessment_result(
            participation=participation, on=D(2022, 1, 20), result="suitable", by=None
        )
    if state == "waiting":
        services.participation_waitlist(
            participation=participation, on=D(2022, 1, 25), stage=world.s3, by=None
        )
    participation.refresh_from_db()
    assert participation.state == state
    services.enrolment_exit(
        participation=participation,
        on=D(2022, 2, 15),
        kind="early_positive",
        statuses=["employed_svb"],
        reason="Arbeit gefunden",
        by=world.personas["regional"],
    )
    participation.refresh_from_db()
    assert (participation.state, participation.state_since) == ("exited", D(2022, 2, 15))
    assert participation.waiting_stage_id is None
    assert not Enrolment.objects.filter(participation=participation).exists()


def test_a_closure_is_refused_when_an_entry_follows_it_without_a_return(world):
    participation = start_journey(world, PersonFactory())
    enter(world, participation, on=D(2022, 3, 1))
    with pytest.raises(JourneyRuleError) as caught:
        services.enrolment_exit(participation=participation, on=D(2022, 2, 15), kind="regular", by=None)
    assert "„Austritt“ am 15.02.2022 liegt vor dem Eintritt am 01.03.2022." in caught.value.rule_message


def test_a_follow_up_before_any_exit_is_refused(world):
    participation = start_journey(world, PersonFactory())
    enter(world, participation)
    with pytest.raises(JourneyRuleError) as caught:
        services.follow_up_record(participation=participation, on=D(2022, 6, 1), by=None)
    message = caught.value.rule_message
    assert message.startswith("„Verbleibsabfrage“ am 01.06.2022 ist")
    assert "„in Stufe“" in message
    assert not JourneyEvent.objects.filter(participation=participation, kind="follow_up").exists()


def test_a_reactivation_of_someone_never_exited_is_refused_even_after_a_referral(world):
    person = PersonFactory()
    services.participation_refer(
        person=person, programme=world.programme, on=D(2022, 1, 3), referrer=world.jobcenter_a, by=None
    )
    participation = JourneyEvent.objects.get(participation__person=person).participation
    with pytest.raises(JourneyRuleError) as caught:
        services.participation_reactivate(participation=participation, on=D(2022, 1, 5), by=None)
    message = caught.value.rule_message
    assert message.startswith("„Reaktivierung“ am 05.01.2022 ist")
    assert "„zugewiesen“" in message


def test_a_programme_that_wants_a_new_assessment_gets_one_after_a_reactivation(world, exited):
    world.programme.reactivation_needs_assessment = True
    world.programme.save()
    services.participation_reactivate(participation=exited, on=D(2022, 8, 1), by=None)
    exited.refresh_from_db()
    assert exited.state == "referred"
    with pytest.raises(JourneyRuleError, match="erst nach Beginn der Eignungsfeststellung"):
        enter(world, exited, on=D(2022, 8, 15))
    services.participation_start_assessment(
        person=exited.person, programme=world.programme, on=D(2022, 8, 8), by=None
    )
    enter(world, exited, on=D(2022, 8, 15))


def test_a_programme_can_refuse_the_reactivation_after_a_re_referral(world, exited):
    world.programme.reactivation_after_referral = False
    world.programme.save()
    _refer_again(world, exited, D(2022, 9, 1))
    with pytest.raises(JourneyRuleError, match="„Reaktivierung“ am 05.09.2022 ist"):
        services.participation_reactivate(participation=exited, on=D(2022, 9, 5), by=None)
    services.participation_start_assessment(
        person=exited.person, programme=world.programme, on=D(2022, 9, 5), by=None
    )
