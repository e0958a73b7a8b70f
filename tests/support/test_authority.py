"""Support entries follow the casework rule: a writing member of a delivering organisation that
sees the participation writes; a read-only member, a Jobcenter (it refers, it does not deliver)
and anyone who does not see the participation are refused by the service itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from stufenweg.support import services
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, ServiceReferral

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


@pytest.mark.parametrize("persona", ["jobcenter", "mentor", "outsider", "dpo", "read_only"])
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
