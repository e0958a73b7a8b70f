"""Stage rules and entry checks: each at its boundary, allowed on one side, refused on the other."""

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.recording import journey_event_record
from stufenweg.journeys.rules import JourneyRuleError
from tests.conftest import start_journey
from tests.factories import MeasureFactory, PersonFactory

D = dt.date


def suitable(world, birth_date=D(1980, 5, 17)):
    person = PersonFactory(birth_date=birth_date)
    participation = start_journey(world, person, on=D(2021, 12, 1))
    return participation


def enter(world, participation, *, stage=None, measure=None, on=D(2022, 2, 1), **fields):
    return services.enrolment_enter(
        participation=participation,
        measure=measure or world.measure_a,
        stage=stage or world.s2,
        on=on,
        by=None,
        **fields,
    )


# Stufe 2 in the world fixture: min_age 25, max_age 58, max_months 36.


def test_minimum_age_reached_on_the_entry_day_is_allowed(world):
    participation = suitable(world, birth_date=D(1997, 2, 1))  # 25 on 2022-02-01
    enter(world, participation)
    participation.refresh_from_db()
    assert participation.current_stage == world.s2


def test_one_day_short_of_the_minimum_age_is_refused(world):
    participation = suitable(world, birth_date=D(1997, 2, 2))  # still 24 on 2022-02-01
    with pytest.raises(JourneyRuleError) as caught:
        enter(world, participation)
    assert "Mindestalter von 25 Jahren" in caught.value.rule_message
    assert "24 Jahre alt" in caught.value.rule_message
    assert caught.value.field == "stage_id"


def test_maximum_age_is_inclusive(world):
    enter(world, suitable(world, birth_date=D(1963, 2, 2)))  # 58 on 2022-02-01 (59 tomorrow)
    with pytest.raises(JourneyRuleError, match="Höchstalter von 58 Jahren"):
        enter(world, suitable(world, birth_date=D(1963, 2, 1)))  # 59 on 2022-02-01


def test_planned_end_up_to_the_maximum_duration(world):
    enter(world, suitable(world), planned_end=D(2025, 2, 1))  # exactly 36 months
    with pytest.raises(JourneyRuleError) as caught:
        enter(world, suitable(world), planned_end=D(2025, 2, 2))
    assert "Höchstdauer" in caught.value.rule_message and "01.02.2025" in caught.value.rule_message
    assert caught.value.field == "planned_end"


def test_planned_end_before_entry_is_refused(world):
    with pytest.raises(JourneyRuleError, match="liegt vor dem Eintritt"):
        enter(world, suitable(world), planned_end=D(2022, 1, 31))


def test_minimum_unemployment_duration(world):
    world.s3.min_unemployed_months = 36
    world.s3.save()
    enter(world, suitable(world), stage=world.s3, unemployed_since=D(2019, 2, 1))  # exactly 36 months
    with pytest.raises(JourneyRuleError, match="mindestens 36 Monaten") as caught:
        enter(world, suitable(world), stage=world.s3, unemployed_since=D(2019, 2, 2))
    assert caught.value.field == "unemployed_since"
    with pytest.raises(JourneyRuleError, match="„arbeitslos seit“ fehlt"):
        enter(world, suitable(world), stage=world.s3)


def test_minimum_unemployment_uses_the_previous_entry_when_a_stage_change_leaves_it_empty(world):
    world.s3.min_unemployed_months = 12
    world.s3.save()
    participation = suitable(world)
    services.enrolment_enter(
        participation=participation,
        measure=world.measure_b,
        stage=world.s4,
        on=D(2022, 2, 1),
        unemployed_since=D(2020, 1, 1),
        by=None,
    )
    services.enrolment_change_stage(
        participation=participation,
        measure=world.measure_a,
        stage=world.s3,
        on=D(2022, 5, 2),
        change="planned",
        by=None,
    )
    participation.refresh_from_db()
    assert participation.current_stage == world.s3


def test_stage_change_only_to_an_allowed_next_stage(world):
    # world: Stufe 4 may be followed by Stufe 2 or 3 only
    participation = suitable(world)
    services.enrolment_enter(
        participation=participation, measure=world.measure_b, stage=world.s4, on=D(2022, 2, 1), by=None
    )
    with pytest.raises(JourneyRuleError, match="nicht vorgesehen"):
        services.enrolment_change_stage(
            participation=participation,
            measure=world.measure_m,
            stage=world.s4,
            on=D(2022, 4, 1),
            change="unplanned",
            by=None,
        )
    services.enrolment_change_stage(
        participation=participation,
        measure=world.measure_a,
        stage=world.s3,
        on=D(2022, 4, 1),
        change="unplanned",
        by=None,
    )
    enrolments = list(participation.enrolments.order_by("entered_on"))
    assert [(e.stage_id, e.exit_kind) for e in enrolments] == [
        (world.s4.id, "early_neutral"),
        (world.s3.id, ""),
    ]


def test_a_planned_stage_change_closes_the_enrolment_as_regular(world):
    participation = suitable(world)
    services.enrolment_enter(
        participation=participation, measure=world.measure_b, stage=world.s4, on=D(2022, 2, 1), by=None
    )
    services.enrolment_change_stage(
        participation=participation,
        measure=world.measure_a,
        stage=world.s2,
        on=D(2022, 8, 1),
        change="planned",
        by=None,
    )
    first = participation.enrolments.order_by("entered_on").first()
    assert (first.exited_on, first.exit_kind) == (D(2022, 8, 1), "regular")


def test_the_measure_must_offer_the_stage(world):
    with pytest.raises(JourneyRuleError, match="bietet die Stufe „Stufe 4 – VdB“ nicht an"):
        enter(world, suitable(world), stage=world.s4, measure=world.measure_a)


def test_entry_outside_the_measure_period(world):
    late = MeasureFactory(
        code="ML",
        programme=world.programme,
        provider=world.provider_a,
        region=world.region_a,
        stages=[world.s2],
        start=D(2022, 3, 1),
        end=D(2022, 12, 31),
    )
    with pytest.raises(JourneyRuleError, match="läuft vom 01.03.2022 bis 31.12.2022"):
        enter(world, suitable(world), measure=late)


def test_extension_rules(world):
    participation = suitable(world)
    enter(world, participation, planned_end=D(2023, 1, 31))
    with pytest.raises(JourneyRuleError, match="nach dem bisherigen"):
        services.enrolment_extend(
            participation=participation, on=D(2022, 6, 1), planned_end=D(2023, 1, 31), by=None
        )
    with pytest.raises(JourneyRuleError, match="Höchstdauer"):
        services.enrolment_extend(
            participation=participation, on=D(2022, 6, 1), planned_end=D(2025, 2, 2), by=None
        )
    services.enrolment_extend(
        participation=participation, on=D(2022, 6, 1), planned_end=D(2025, 2, 1), by=None
    )
    participation.refresh_from_db()
    assert participation.planned_end == D(2025, 2, 1)
    assert participation.enrolments.get().extensions == 1


def test_a_stage_that_is_not_extendable_refuses_extensions(world):
    world.s2.extendable = False
    world.s2.save()
    participation = suitable(world)
    enter(world, participation, planned_end=D(2023, 1, 31))
    with pytest.raises(JourneyRuleError, match="kann nicht verlängert werden"):
        services.enrolment_extend(
            participation=participation, on=D(2022, 6, 1), planned_end=D(2023, 6, 30), by=None
        )


def test_a_full_measure_refuses_entries_and_an_exit_frees_the_place_that_day(world):
    world.measure_a.places = 1
    world.measure_a.save()
    first = suitable(world)
    enter(world, first, stage=world.s3)
    second = suitable(world)
    with pytest.raises(JourneyRuleError, match="voll belegt \\(1 von 1 Plätzen\\)") as caught:
        enter(world, second, stage=world.s3, on=D(2022, 3, 1))
    assert caught.value.field == "measure_id" or caught.value.field == "measure"
    services.enrolment_exit(participation=first, on=D(2022, 3, 1), kind="regular", by=None)
    enter(world, second, stage=world.s3, on=D(2022, 3, 1))


def test_overbooking_needs_permission_and_confirmation(world):
    world.measure_a.places = 1
    world.measure_a.allow_overbooking = True
    world.measure_a.save()
    enter(world, suitable(world), stage=world.s3)
    second = suitable(world)
    with pytest.raises(JourneyRuleError, match="ausdrücklich bestätigt"):
        enter(world, second, stage=world.s3)
    enter(world, second, stage=world.s3, confirm_overbooking=True)
    assert second.enrolments.count() == 1


def test_an_event_in_the_future_is_refused(world):
    participation = suitable(world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    before = JourneyEvent.objects.count()
    with pytest.raises(JourneyRuleError, match="liegt in der Zukunft"):
        enter(world, participation, on=tomorrow)
    assert JourneyEvent.objects.count() == before


def test_required_fields_per_event_kind(world):
    participation = suitable(world)
    with pytest.raises(JourneyRuleError, match="fehlt die Angabe „Austrittsart“"):
        journey_event_record(
            person=participation.person,
            programme=world.programme,
            kind="exit",
            occurred_on=D(2022, 3, 1),
            by=None,
        )
    with pytest.raises(JourneyRuleError, match="Unbekannter Status"):
        enter(world, participation)
        journey_event_record(
            person=participation.person,
            programme=world.programme,
            kind="exit",
            occurred_on=D(2022, 3, 1),
            exit_kind="regular",
            statuses="hired",
            by=None,
        )


def test_a_void_without_target_and_negative_hours_get_field_messages(world):
    participation = suitable(world)
    with pytest.raises(JourneyRuleError) as caught:
        journey_event_record(
            person=participation.person,
            programme=world.programme,
            kind="void",
            occurred_on=D(2022, 3, 1),
            by=None,
        )
    assert caught.value.field == "supersedes" and "event_void" not in caught.value.rule_message
    with pytest.raises(JourneyRuleError) as caught:
        services.employment_start_record(
            participation=participation, on=D(2022, 3, 1), kind="svb", hours=-5, by=None
        )
    assert caught.value.field == "hours"
