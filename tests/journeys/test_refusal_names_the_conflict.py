"""A refused event names the event it actually conflicts with, kind and date (issue #12, item 7).

Before, an exit dated before an extension and a stage change already recorded was refused as
„Verlängerung … liegt vor dem Eintritt“ (the stage change counted as an entry) on the extension;
now the exit is refused, on its date, naming the recorded extension. Same for the other conflicts
below, through the services (web and API); the import: ``tests/interchange/test_import_names_the_conflict.py``."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.rules import JourneyRuleError
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

D = dt.date


@pytest.fixture
def in_stage(world):
    """Entered into MM (stage 4, extendable) on 01.02.2022, planned to 30.06.2022."""
    journey = start_journey(world, PersonFactory(person_id="RF-1", birth_date=D(1980, 5, 17)))
    enter(world, journey, measure=world.measure_m, stage=world.s4, planned_end=D(2022, 6, 30))
    return journey


def _refused(record) -> JourneyRuleError:
    with pytest.raises(JourneyRuleError) as caught:
        record()
    return caught.value


def test_an_exit_before_a_recorded_extension_and_stage_change_names_the_extension(world, in_stage):
    services.enrolment_extend(participation=in_stage, on=D(2022, 5, 2), planned_end=D(2022, 12, 30), by=None)
    services.enrolment_change_stage(
        participation=in_stage,
        measure=world.measure_a,
        stage=world.s3,
        on=D(2022, 7, 1),
        change="planned",
        by=None,
    )
    error = _refused(
        lambda: services.enrolment_exit(participation=in_stage, on=D(2022, 4, 1), kind="regular", by=None)
    )
    assert error.rule_message == (
        "„Austritt“ am 01.04.2022 ist nicht möglich: Das bereits erfasste Ereignis „Verlängerung“ am "
        "02.05.2022 setzt voraus, dass die Maßnahmeteilnahme dann noch offen ist. Bitte das Datum prüfen."
    )
    assert error.field == "occurred_on"


def test_an_exit_before_a_recorded_stage_change_names_the_stage_change(world, in_stage):
    services.enrolment_change_stage(
        participation=in_stage,
        measure=world.measure_a,
        stage=world.s3,
        on=D(2022, 7, 1),
        change="planned",
        by=None,
    )
    error = _refused(
        lambda: services.enrolment_exit(participation=in_stage, on=D(2022, 4, 1), kind="regular", by=None)
    )
    assert "„Austritt“ am 01.04.2022 ist nicht möglich" in error.rule_message
    assert "„Stufenwechsel“ am 01.07.2022 setzt voraus" in error.rule_message
    assert error.field == "occurred_on"


def test_an_extension_before_the_entry_names_the_entry(world):
    journey = start_journey(world, PersonFactory(person_id="RF-2", birth_date=D(1980, 5, 17)))
    enter(world, journey, measure=world.measure_m, stage=world.s4, on=D(2022, 3, 1))
    error = _refused(
        lambda: services.enrolment_extend(
            participation=journey, on=D(2022, 2, 15), planned_end=D(2022, 9, 1), by=None
        )
    )
    assert error.rule_message == "„Verlängerung“ am 15.02.2022 liegt vor dem Eintritt am 01.03.2022."


def test_an_entry_before_the_referral_names_the_referral(world):
    journey = start_journey(world, PersonFactory(person_id="RF-3", birth_date=D(1980, 5, 17)))
    error = _refused(lambda: enter(world, journey, measure=world.measure_m, stage=world.s4, on=D(2022, 1, 5)))
    assert error.rule_message == (
        "„Eintritt“ am 05.01.2022 liegt vor dem Beginn der Teilnahme („Zuweisung“ am 10.01.2022)."
    )


def test_a_stage_change_after_the_exit_names_the_exit(world, in_stage):
    services.enrolment_exit(participation=in_stage, on=D(2022, 5, 1), kind="regular", by=None)
    error = _refused(
        lambda: services.enrolment_change_stage(
            participation=in_stage,
            measure=world.measure_a,
            stage=world.s3,
            on=D(2022, 6, 1),
            change="planned",
            by=None,
        )
    )
    assert error.rule_message == (
        "„Stufenwechsel“ am 01.06.2022 ist nicht möglich: Die Maßnahmeteilnahme endete mit „Austritt“ am 01.05.2022."
    )


def test_an_event_the_state_refuses_names_the_event_since_which_it_holds(world, in_stage):
    error = _refused(
        lambda: services.participation_reactivate(participation=in_stage, on=D(2022, 3, 1), by=None)
    )
    assert error.rule_message == (
        "„Reaktivierung“ am 01.03.2022 ist nicht möglich: Seit „Eintritt“ am 01.02.2022 ist der Status „in Stufe“."
    )


def test_the_api_puts_the_conflict_on_the_new_events_date(world, in_stage):
    from tests.api.conftest import client_for

    services.enrolment_extend(participation=in_stage, on=D(2022, 5, 2), planned_end=D(2022, 12, 30), by=None)
    client = client_for(world.personas["regional"])
    body = {
        "person_id": "RF-1",
        "programme": "JPS",
        "event": "exit",
        "date": "2022-04-01",
        "exit_kind": "regular",
    }
    response = client.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "date": [
            "„Austritt“ am 01.04.2022 ist nicht möglich: Das bereits erfasste Ereignis „Verlängerung“ am "
            "02.05.2022 setzt voraus, dass die Maßnahmeteilnahme dann noch offen ist. Bitte das Datum prüfen."
        ]
    }
