"""Support entries follow the casework rule: a writing member of a delivering organisation that
sees the participation writes; a read-only member and anyone who does not see the participation
are refused by the service itself. Referrals to support services are also the Jobcenter's (it
refers people, DOMAIN.md §1; the § 16a services are its instruments): it plans, moves on and
corrects them for the people it referred, and records no barrier, phase or profile category."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from stufenweg.organisations.models import Membership
from stufenweg.support import services
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, ServiceReferral
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date(2024, 3, 1)


def _writes(journey, by):
    services.service_referral_plan(participation=journey, kind="bsk", on=D, by=by)
    services.barrier_record(participation=journey, kind="language", present=True, on=D, by=by)
    services.profile_record(participation=journey, category="support", on=D, by=by)
    services.phase_change(participation=journey, position=1, on=D, by=by)


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider"])
def test_delivering_writers_may_write(journey, world, persona):
    _writes(journey, world.personas[persona])
    assert ServiceReferral.objects.count() == Barrier.objects.count() == 1
    assert ProfileRating.objects.count() == PhaseChange.objects.count() == 1


def test_the_referring_jobcenter_records_referrals_to_services_and_nothing_else(journey, world):
    jobcenter = world.personas["jobcenter"]  # Jobcenter A referred the journey
    referral = services.service_referral_plan(
        participation=journey, kind="debt", on=D, provider="Schuldnerberatung Torgau", by=jobcenter
    )
    services.service_referral_advance(referral=referral, status="referred", on=D, by=jobcenter)
    services.service_referral_advance(
        referral=referral, status="started", on=dt.date(2024, 3, 8), by=jobcenter
    )
    services.service_referral_correct(referral=referral, status="referred", on=D, by=jobcenter)
    referral.refresh_from_db()
    assert (referral.status, referral.referred_on, referral.started_on) == ("referred", D, None)
    assert referral.created_by == jobcenter
    assert [step.recorded_by for step in referral.steps.all()] == [jobcenter] * 4
    for call in (
        lambda: services.barrier_record(participation=journey, kind="debt", present=True, on=D, by=jobcenter),
        lambda: services.profile_record(participation=journey, category="support", on=D, by=jobcenter),
        lambda: services.phase_change(participation=journey, position=1, on=D, by=jobcenter),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not Barrier.objects.exists() and not ProfileRating.objects.exists()
    assert not PhaseChange.objects.exists()


def test_a_jobcenter_refers_only_the_people_it_referred(journey, world):
    other = MembershipFactory(user=UserFactory(username="jc_b"), organisation=world.jobcenter_b).user
    with pytest.raises(PermissionDenied):
        services.service_referral_plan(participation=journey, kind="debt", on=D, by=other)
    referral = services.service_referral_plan(participation=journey, kind="debt", on=D, by=None)
    with pytest.raises(PermissionDenied):
        services.service_referral_advance(referral=referral, status="referred", on=D, by=other)
    read_only = MembershipFactory(
        user=UserFactory(username="jc_lesend"), organisation=world.jobcenter_a, role=Membership.Role.READ_ONLY
    ).user
    with pytest.raises(PermissionDenied):
        services.service_referral_plan(participation=journey, kind="debt", on=D, by=read_only)
    with pytest.raises(PermissionDenied):
        services.service_referral_correct(referral=referral, status="planned", on=D, by=read_only)
    assert ServiceReferral.objects.count() == 1
    referral.refresh_from_db()
    assert referral.status == "planned"


@pytest.mark.parametrize("persona", ["mentor", "outsider", "dpo", "read_only"])
def test_others_are_refused_by_the_service(journey, world, read_only, persona):
    user = read_only if persona == "read_only" else world.personas[persona]
    calls = [
        lambda: services.service_referral_plan(participation=journey, kind="bsk", on=D, by=user),
        lambda: services.barrier_record(participation=journey, kind="language", present=True, on=D, by=user),
        lambda: services.profile_record(participation=journey, category="support", on=D, by=user),
        lambda: services.phase_change(participation=journey, position=1, on=D, by=user),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    referral = services.service_referral_plan(participation=journey, kind="bsk", on=D, by=None)
    with pytest.raises(PermissionDenied):
        services.service_referral_advance(referral=referral, status="referred", on=D, by=user)
    with pytest.raises(PermissionDenied):
        services.service_referral_correct(referral=referral, status="planned", on=D, by=user)
    assert ServiceReferral.objects.count() == 1  # the system's
    assert not Barrier.objects.exists() and not ProfileRating.objects.exists()
    assert not PhaseChange.objects.exists()
    referral.refresh_from_db()
    assert referral.status == "planned"


def test_only_the_coordination_office_configures_phases(world):
    with pytest.raises(PermissionDenied):
        services.phases_configure(
            programme=world.programme, names=["Ankommen"], by=world.personas["regional"]
        )
    services.phases_configure(programme=world.programme, names=["Ankommen"], by=world.personas["coordinator"])
