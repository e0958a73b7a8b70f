"""Each persona × each kind of object: visible or not (DOMAIN.md §1), decided in the selectors.

Three people: X in region A, referred by Jobcenter A, enrolled at Träger A; Y in region B,
referred by Jobcenter B, enrolled at Träger B; Z a mentee of the mentoring project (region A),
referred by Jobcenter B. The expected sets are written out by hand.
"""

import datetime as dt

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.selectors import enrolments_visible_to, events_visible_to, participations_visible_to
from stufenweg.organisations.selectors import organisations_visible_to
from stufenweg.people.selectors import households_visible_to, persons_visible_to
from stufenweg.programmes.selectors import measures_visible_to, programmes_visible_to
from tests.conftest import PERSONAS, start_journey
from tests.factories import HouseholdFactory, PersonFactory

EXPECTED_PEOPLE = {
    "coordinator": {"X", "Y", "Z"},
    "regional": {"X", "Z"},
    "provider": {"X"},
    "jobcenter": {"X"},
    "mentor": {"Z"},
    "outsider": set(),
    "dpo": set(),
}
SEES_CONFIGURATION = {"coordinator", "regional", "provider", "jobcenter", "mentor", "dpo"}


@pytest.fixture
def people(world):
    result = {}
    for label, region, referrer, measure, stage in [
        ("X", world.region_a, world.jobcenter_a, world.measure_a, world.s3),
        ("Y", world.region_b, world.jobcenter_b, world.measure_b, world.s4),
        ("Z", world.region_a, world.jobcenter_b, world.measure_m, world.s4),
    ]:
        person = PersonFactory(household=HouseholdFactory())
        participation = start_journey(world, person, referrer=referrer, region=region)
        services.enrolment_enter(
            participation=participation, measure=measure, stage=stage, on=dt.date(2022, 2, 1), by=None
        )
        result[label] = person
    return result


def labels(people, persons):
    ids = {p.pk for p in persons}
    return {label for label, person in people.items() if person.pk in ids}


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_and_their_journeys(world, people, persona):
    user = world.personas[persona]
    expected = EXPECTED_PEOPLE[persona]
    assert labels(people, persons_visible_to(user)) == expected
    assert (
        labels(people, [p.person for p in participations_visible_to(user).select_related("person")])
        == expected
    )
    assert (
        labels(
            people,
            {e.participation.person for e in events_visible_to(user).select_related("participation__person")},
        )
        == expected
    )
    assert (
        labels(
            people,
            {
                e.participation.person
                for e in enrolments_visible_to(user).select_related("participation__person")
            },
        )
        == expected
    )
    households = set(households_visible_to(user))
    assert households == {people[label].household for label in expected}


@pytest.mark.parametrize("persona", PERSONAS)
def test_configuration_is_visible_to_staff_only(world, people, persona):
    user = world.personas[persona]
    staff = persona in SEES_CONFIGURATION
    assert programmes_visible_to(user).exists() is staff
    assert measures_visible_to(user).count() == (3 if staff else 0)
    assert organisations_visible_to(user).exists() is staff


def test_an_inactive_user_and_an_anonymous_user_see_nothing(world, people):
    from django.contrib.auth.models import AnonymousUser

    coordinator = world.personas["coordinator"]
    coordinator.is_active = False
    coordinator.save()
    coordinator.refresh_from_db()
    assert not persons_visible_to(coordinator).exists()
    assert not persons_visible_to(AnonymousUser()).exists()


def test_a_provider_keeps_seeing_a_former_participant_after_exit(world, people):
    participation = people["X"].participations.get()
    services.enrolment_exit(participation=participation, on=dt.date(2022, 5, 1), kind="regular", by=None)
    assert people["X"] in persons_visible_to(world.personas["provider"])


def test_a_regional_office_sees_a_person_who_moved_into_its_region_and_loses_one_who_left(world, people):
    participation = people["Y"].participations.get()
    services.enrolment_change_stage(
        participation=participation,
        measure=world.measure_a,
        stage=world.s3,
        on=dt.date(2022, 6, 1),
        change="planned",
        by=None,
    )
    visible = labels(people, persons_visible_to(world.personas["regional"]))
    assert visible == {"X", "Y", "Z"}


def test_a_read_only_member_sees_but_may_not_act(world, people):
    from stufenweg.journeys.selectors import participations_writable_by
    from stufenweg.organisations.models import Membership
    from stufenweg.people.selectors import persons_writable_by
    from tests.factories import MembershipFactory, UserFactory

    reader = MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user
    assert labels(people, persons_visible_to(reader)) == {"X", "Z"}
    assert not persons_writable_by(reader).exists()
    assert not participations_writable_by(reader).exists()
    assert labels(people, persons_writable_by(world.personas["regional"])) == {"X", "Z"}
