"""Corrections supersede, voids retract; nothing is overwritten or deleted."""

import datetime as dt

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.recording import journey_event_record
from stufenweg.journeys.rules import JourneyRuleError
from tests.conftest import enter, start_journey

D = dt.date


@pytest.fixture
def entered(world, person):
    participation = start_journey(world, person)
    entry = enter(world, participation, on=D(2022, 2, 1), planned_end=D(2022, 12, 31))
    return participation, entry


def test_a_correction_replaces_the_event_and_keeps_the_original(world, entered):
    participation, entry = entered
    correction = services.journey_event_correct(
        event=entry,
        by=world.personas["regional"],
        reason="Eintrittsdatum vertippt",
        occurred_on=D(2022, 2, 3),
    )
    assert correction.supersedes == entry
    assert JourneyEvent.objects.filter(pk=entry.pk, occurred_on=D(2022, 2, 1)).exists()  # untouched
    enrolment = participation.enrolments.get()
    assert enrolment.entered_on == D(2022, 2, 3)
    assert enrolment.entry_event == correction
    audit = AuditEntry.objects.filter(action="correct").get()
    assert audit.actor == world.personas["regional"]
    assert "Eintrittsdatum vertippt" in audit.summary


def test_a_correction_must_keep_the_kind_and_name_a_current_version(world, entered):
    participation, entry = entered
    current = services.journey_event_correct(
        event=entry, by=None, reason="Ende korrigiert", planned_end=D(2022, 11, 30)
    )
    with pytest.raises(JourneyRuleError, match="bereits ersetzt"):
        services.journey_event_correct(event=entry, by=None, reason="nochmal", planned_end=D(2022, 10, 31))
    with pytest.raises(JourneyRuleError, match="dieselbe Ereignisart"):
        journey_event_record(
            person=participation.person,
            programme=world.programme,
            kind="exit",
            occurred_on=D(2022, 5, 1),
            exit_kind="regular",
            supersedes=current,
            by=None,
        )
    services.journey_event_correct(event=current, by=None, reason="nochmal", planned_end=D(2022, 10, 31))
    participation.refresh_from_db()
    assert participation.planned_end == D(2022, 10, 31)


def test_a_correction_needs_a_reason(world, entered):
    _participation, entry = entered
    with pytest.raises(JourneyRuleError, match="Grund der Korrektur"):
        services.journey_event_correct(event=entry, by=None, reason=" ", occurred_on=D(2022, 2, 2))


def test_a_correction_that_breaks_the_journey_is_refused(world, entered):
    participation, entry = entered
    services.enrolment_exit(participation=participation, on=D(2022, 5, 1), kind="regular", by=None)
    before = JourneyEvent.objects.count()
    with pytest.raises(JourneyRuleError, match="liegt vor dem Eintritt am 01.06.2022"):
        services.journey_event_correct(
            event=entry, by=None, reason="falsches Datum", occurred_on=D(2022, 6, 1)
        )
    assert JourneyEvent.objects.count() == before


def test_a_void_retracts_an_event_and_the_state_follows(world, entered):
    participation, _entry = entered
    exit_event = services.enrolment_exit(
        participation=participation, on=D(2022, 5, 1), kind="early_negative", by=None
    )
    participation.refresh_from_db()
    assert participation.state == "exited"
    void = services.journey_event_void(
        event=exit_event, by=world.personas["regional"], reason="falsche Person"
    )
    participation.refresh_from_db()
    assert participation.state == "in_stage"
    assert participation.enrolments.get().exited_on is None
    assert void.kind == "void" and void.supersedes == exit_event and void.reason == "falsche Person"
    assert JourneyEvent.objects.filter(pk=exit_event.pk).exists()


def test_a_void_that_would_orphan_later_events_is_refused(world, entered):
    participation, entry = entered
    # (an exit alone would stay a fact without the entry: a closure before entry)
    services.enrolment_interrupt(participation=participation, on=D(2022, 5, 1), by=None)
    with pytest.raises(JourneyRuleError, match="keine offene Maßnahmeteilnahme"):
        services.journey_event_void(event=entry, by=None, reason="Eintritt war falsch")


def test_a_void_needs_a_reason_and_cannot_be_corrected(world, entered):
    _participation, entry = entered
    with pytest.raises(JourneyRuleError, match="Grund der Rücknahme"):
        services.journey_event_void(event=entry, by=None, reason="")
    participation = entry.participation
    ext = services.enrolment_extend(
        participation=participation, on=D(2022, 6, 1), planned_end=D(2023, 1, 31), by=None
    )
    void = services.journey_event_void(event=ext, by=None, reason="doppelt")
    with pytest.raises(JourneyRuleError):
        services.journey_event_void(event=void, by=None, reason="zurück")


def test_supersedes_must_name_an_event_of_the_same_journey(world, entered, django_user_model):
    _participation, entry = entered
    from tests.factories import PersonFactory

    other = PersonFactory()
    start_journey(world, other)
    with pytest.raises(JourneyRuleError, match="anderen Teilnahme"):
        journey_event_record(
            person=other,
            programme=world.programme,
            kind="entry",
            supersedes=entry,
            occurred_on=D(2022, 2, 1),
            measure=world.measure_a,
            stage=world.s3,
            by=None,
        )
