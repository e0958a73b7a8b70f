"""A programme-wide maximum duration over all stages (Schritt für Schritt: 18 months), counted
from the participation's first entry: entries, stage changes and planned ends beyond it are
refused with a German message; without the setting nothing changes."""

import datetime as dt

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.rules import JourneyRuleError
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

D = dt.date


@pytest.fixture
def limited(world):
    world.programme.max_months = 18
    world.programme.save()
    for measure in (world.measure_a, world.measure_b):
        measure.places = 50
        measure.save()
    return world


def test_an_extension_beyond_the_programme_maximum_is_refused(limited):
    participation = start_journey(limited, PersonFactory())
    enter(limited, participation, on=D(2022, 2, 1), planned_end=D(2022, 12, 31))
    services.enrolment_change_stage(
        participation=participation,
        measure=limited.measure_b,
        stage=limited.s4,
        on=D(2023, 1, 2),
        change="planned",
        planned_end=D(2023, 6, 30),
        by=None,
    )
    with pytest.raises(JourneyRuleError) as caught:
        services.enrolment_extend(
            participation=participation, on=D(2023, 6, 1), planned_end=D(2023, 12, 31), by=None
        )
    assert caught.value.rule_message == (
        "Das Datum 31.12.2023 überschreitet die Höchstdauer des Programms "
        "(18 Monate ab dem ersten Eintritt am 01.02.2022, also spätestens 01.08.2023)."
    )
    services.enrolment_extend(
        participation=participation, on=D(2023, 6, 1), planned_end=D(2023, 8, 1), by=None
    )


def test_a_re_entry_after_the_maximum_is_refused(limited):
    participation = start_journey(limited, PersonFactory())
    enter(limited, participation, on=D(2022, 2, 1), planned_end=D(2022, 12, 31))
    services.enrolment_exit(participation=participation, on=D(2022, 12, 31), kind="regular", by=None)
    services.participation_reactivate(participation=participation, on=D(2023, 9, 1), by=None)
    with pytest.raises(JourneyRuleError, match="überschreitet die Höchstdauer des Programms"):
        enter(limited, participation, on=D(2023, 9, 4))


def test_without_a_maximum_the_same_extension_is_accepted(world):
    participation = start_journey(world, PersonFactory())
    enter(world, participation, on=D(2022, 2, 1), planned_end=D(2022, 12, 31))
    services.enrolment_change_stage(
        participation=participation,
        measure=world.measure_b,
        stage=world.s4,
        on=D(2023, 1, 2),
        change="planned",
        planned_end=D(2023, 6, 30),
        by=None,
    )
    services.enrolment_extend(
        participation=participation, on=D(2023, 6, 1), planned_end=D(2023, 12, 31), by=None
    )
