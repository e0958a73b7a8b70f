"""Every event kind against every journey state: allowed or refused, as DOMAIN.md §4 draws it.

The expected matrix below is written out by hand from the diagram, not taken from the code.
"""

import datetime as dt

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.recording import journey_event_record
from stufenweg.journeys.rules import JourneyRuleError
from tests.factories import PersonFactory

D = dt.date
STATES = [
    None,
    "referred",
    "not_arrived",
    "in_assessment",
    "not_suitable",
    "suitable",
    "waiting",
    "in_stage",
    "interrupted",
    "exited",
    "followed_up",
]
ALL_EXISTING = set(STATES) - {None}
# event kind -> states from which it is allowed
ALLOWED = {
    "referral": {None, "not_arrived", "not_suitable", "exited", "followed_up"},
    "not_arrived": {"referred"},
    "assessment_start": {None, "referred"},
    "assessment_result": {"in_assessment"},
    "waitlist": {"in_assessment", "suitable", "waiting"},
    "entry": {"in_assessment", "suitable", "waiting"},
    "stage_change": {"in_stage"},
    "extension": {"in_stage", "interrupted"},
    "interruption": {"in_stage"},
    "resumption": {"interrupted"},
    # before an entry: a closure before entry (withdrawn, moved, into work …)
    "exit": {"in_stage", "interrupted", "referred", "in_assessment", "suitable", "waiting"},
    "reactivation": {"exited", "followed_up"},
    "internship": ALL_EXISTING,
    "employment_start": ALL_EXISTING,
    "employment_end": ALL_EXISTING,
    "qualification": ALL_EXISTING,
    "follow_up": {"exited", "followed_up"},
}
# the state each allowed event leads to (None = unchanged)
RESULT = {
    "referral": "referred",
    "not_arrived": "not_arrived",
    "assessment_start": "in_assessment",
    "assessment_result": "suitable",
    "waitlist": "waiting",
    "entry": "in_stage",
    "stage_change": "in_stage",
    "extension": None,
    "interruption": "interrupted",
    "resumption": "in_stage",
    "exit": "exited",
    "reactivation": "suitable",
    "internship": None,
    "employment_start": None,
    "employment_end": None,
    "qualification": None,
    "follow_up": "followed_up",
}


def bring_to(world, person, state):
    """Drive a fresh person's journey into ``state`` through the services; all dates in 2022 H1."""
    p = world.programme
    if state is None:
        return None
    services.participation_refer(
        person=person,
        programme=p,
        on=D(2022, 1, 3),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    part = Participation.objects.get(person=person, programme=p)
    if state == "referred":
        return part
    if state == "not_arrived":
        services.participation_not_arrived(participation=part, on=D(2022, 1, 20), by=None)
        return part
    services.participation_start_assessment(person=person, programme=p, on=D(2022, 1, 10), by=None)
    if state == "in_assessment":
        return part
    if state == "not_suitable":
        services.participation_assessment_result(
            participation=part, on=D(2022, 1, 20), result="not_suitable", by=None
        )
        return part
    services.participation_assessment_result(
        participation=part, on=D(2022, 1, 20), result="suitable", stage=world.s3, by=None
    )
    if state == "suitable":
        return part
    if state == "waiting":
        services.participation_waitlist(participation=part, on=D(2022, 1, 25), stage=world.s3, by=None)
        return part
    services.enrolment_enter(
        participation=part,
        measure=world.measure_b,
        stage=world.s4,
        on=D(2022, 2, 1),
        planned_end=D(2022, 7, 31),
        by=None,
    )
    if state == "in_stage":
        return part
    if state == "interrupted":
        services.enrolment_interrupt(participation=part, on=D(2022, 3, 1), by=None, reason="Krankheit")
        return part
    services.enrolment_exit(
        participation=part, on=D(2022, 4, 1), kind="regular", statuses=["job_seeking"], by=None
    )
    if state == "exited":
        return part
    services.follow_up_record(participation=part, on=D(2022, 5, 2), statuses=["job_seeking"], by=None)
    return part


def attempt(world, person, kind):
    """Record ``kind`` on 2022-06-01 with the fields it needs."""
    on = D(2022, 6, 1)
    fields = {
        "referral": {"referrer": world.jobcenter_a},
        "assessment_result": {"result": "suitable", "stage": world.s3},
        "waitlist": {"stage": world.s3},
        "entry": {"measure": world.measure_a, "stage": world.s3, "planned_end": D(2022, 12, 31)},
        "stage_change": {"measure": world.measure_a, "stage": world.s3, "change": "planned"},
        "extension": {"planned_end": D(2022, 12, 31)},
        "exit": {"exit_kind": "regular", "statuses": "job_seeking"},
        "internship": {"employer": world.employer, "first_labour_market": True},
        "employment_start": {"employment_kind": "svb", "employer": world.employer},
        "follow_up": {"statuses": "employed_svb", "reached": True},
    }.get(kind, {})
    return journey_event_record(
        person=person, programme=world.programme, kind=kind, occurred_on=on, by=None, **fields
    )


@pytest.mark.parametrize("state", STATES, ids=lambda s: s or "none")
@pytest.mark.parametrize("kind", list(ALLOWED))
def test_transition(world, kind, state):
    person = PersonFactory()
    part = bring_to(world, person, state)
    if part is not None:
        part.refresh_from_db()
        assert part.state == state
    events_before = JourneyEvent.objects.count()
    audits_before = AuditEntry.objects.count()
    if state in ALLOWED[kind]:
        attempt(world, person, kind)
        part = Participation.objects.get(person=person, programme=world.programme)
        assert part.state == (RESULT[kind] or state)
        assert JourneyEvent.objects.count() == events_before + 1
        assert AuditEntry.objects.count() == audits_before + 1
    else:
        with pytest.raises(JourneyRuleError) as caught:
            attempt(world, person, kind)
        assert caught.value.rule_message  # a German sentence for the user
        assert JourneyEvent.objects.count() == events_before
        assert AuditEntry.objects.count() == audits_before
        assert Participation.objects.filter(person=person).count() == (0 if state is None else 1)


def test_refusals_say_why_in_german(world):
    person = PersonFactory()
    part = bring_to(world, person, "in_stage")
    with pytest.raises(JourneyRuleError, match="bereits eine offene Teilnahme an der Maßnahme MB"):
        services.enrolment_enter(
            participation=part, measure=world.measure_a, stage=world.s3, on=D(2022, 3, 1), by=None
        )
    other = PersonFactory()
    with pytest.raises(JourneyRuleError, match="noch keine Teilnahme"):
        journey_event_record(
            person=other,
            programme=world.programme,
            kind="exit",
            occurred_on=D(2022, 3, 1),
            exit_kind="regular",
            by=None,
        )


def test_an_exit_dated_before_the_entry_is_refused_with_that_reason(world):
    person = PersonFactory()
    part = bring_to(world, person, "suitable")
    services.enrolment_enter(
        participation=part, measure=world.measure_a, stage=world.s3, on=D(2022, 3, 1), by=None
    )
    with pytest.raises(JourneyRuleError) as caught:
        services.enrolment_exit(participation=part, on=D(2022, 2, 15), kind="regular", by=None)
    assert "liegt vor dem Eintritt am 01.03.2022" in caught.value.rule_message
    assert caught.value.field == "occurred_on"


def test_an_assessment_result_not_suitable_leads_to_not_suitable(world):
    person = PersonFactory()
    part = bring_to(world, person, "in_assessment")
    services.participation_assessment_result(
        participation=part, on=D(2022, 2, 1), result="not_suitable", by=None
    )
    part.refresh_from_db()
    assert part.state == "not_suitable"
