"""A service referral moves forward planned → referred → started → ended (or is declined), each
step dated and kept in the history; anything else is refused whole; a correction sets it back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.support import services
from stufenweg.support.models import ServiceReferral, ServiceReferralStep

pytestmark = pytest.mark.django_db
D = dt.date


def _plan(journey, by=None, on=D(2024, 3, 1)):
    return services.service_referral_plan(
        participation=journey,
        kind="debt",
        on=on,
        provider="Schuldnerberatung Delitzsch",
        notes="geheim",
        by=by,
    )


def test_planned_to_ended_with_dates_and_history(journey, world):
    regional = world.personas["regional"]
    referral = _plan(journey, by=regional)
    services.service_referral_advance(referral=referral, status="referred", on=D(2024, 3, 5), by=regional)
    services.service_referral_advance(referral=referral, status="started", on=D(2024, 3, 12), by=regional)
    referral = services.service_referral_advance(
        referral=referral, status="ended", on=D(2024, 6, 28), by=regional
    )
    referral.refresh_from_db()
    assert referral.status == "ended"
    assert (referral.planned_on, referral.referred_on, referral.started_on, referral.ended_on) == (
        D(2024, 3, 1), D(2024, 3, 5), D(2024, 3, 12), D(2024, 6, 28),
    )  # fmt: skip
    steps = list(referral.steps.values_list("status", "on", "correction"))
    assert steps == [
        ("planned", D(2024, 3, 1), False),
        ("referred", D(2024, 3, 5), False),
        ("started", D(2024, 3, 12), False),
        ("ended", D(2024, 6, 28), False),
    ]
    # one create and three updates, none of them with the note in clear
    entries = AuditEntry.objects.filter(object_type="support.servicereferral", object_id=str(referral.pk))
    assert entries.count() == 4
    assert all("geheim" not in str(e.after) for e in entries)
    assert {e.person_id for e in entries} == {journey.person_id}


def test_a_referral_may_be_declined_before_it_starts(journey):
    referral = _plan(journey)
    services.service_referral_advance(referral=referral, status="referred", on=D(2024, 3, 5), by=None)
    referral = services.service_referral_advance(
        referral=referral, status="declined", on=D(2024, 3, 6), by=None
    )
    assert (referral.status, referral.declined_on) == ("declined", D(2024, 3, 6))


@pytest.mark.parametrize(
    ("steps", "status", "field"),
    [
        ((), "ended", "status"),  # planned → ended skips the start
        (("referred", "started"), "declined", "status"),  # declined only before the start
        (("referred", "started", "ended"), "started", "status"),  # backwards only by correction
    ],
)
def test_only_forward_transitions(journey, steps, status, field):
    referral = _plan(journey)
    for i, step in enumerate(steps):
        referral = services.service_referral_advance(
            referral=referral, status=step, on=D(2024, 4, 1 + i), by=None
        )
    with pytest.raises(ValidationError) as error:
        services.service_referral_advance(referral=referral, status=status, on=D(2024, 5, 1), by=None)
    assert field in error.value.message_dict
    assert ServiceReferralStep.objects.filter(referral=referral).count() == 1 + len(steps)


def test_dates_not_in_the_future_and_ended_not_before_started(journey):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        _plan(journey, on=tomorrow)
    assert error.value.message_dict["on"] == ["Das Datum liegt in der Zukunft."]
    assert not ServiceReferral.objects.exists()
    referral = _plan(journey)
    services.service_referral_advance(referral=referral, status="started", on=D(2024, 3, 12), by=None)
    with pytest.raises(ValidationError) as error:
        services.service_referral_advance(referral=referral, status="ended", on=D(2024, 3, 11), by=None)
    assert error.value.message_dict["on"] == ["Das Ende liegt vor dem Beginn."]
    with pytest.raises(ValidationError):
        services.service_referral_advance(referral=referral, status="ended", on=tomorrow, by=None)
    referral.refresh_from_db()
    assert (referral.status, referral.ended_on) == ("started", None)  # nothing half-written
    assert referral.steps.count() == 2


def test_a_start_before_the_plan_is_refused(journey):
    referral = _plan(journey, on=D(2024, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.service_referral_advance(referral=referral, status="referred", on=D(2024, 2, 28), by=None)
    assert error.value.message_dict["on"] == ["Das Datum liegt vor dem Datum des vorigen Stands."]


def test_correction_sets_back_and_clears_later_dates(journey):
    referral = _plan(journey)
    services.service_referral_advance(referral=referral, status="started", on=D(2024, 3, 12), by=None)
    services.service_referral_advance(referral=referral, status="ended", on=D(2024, 4, 30), by=None)
    referral = services.service_referral_correct(
        referral=referral, status="started", on=D(2024, 3, 14), by=None
    )
    referral.refresh_from_db()
    assert (referral.status, referral.started_on, referral.ended_on) == ("started", D(2024, 3, 14), None)
    last = referral.steps.order_by("-id").first()
    assert (last.status, last.on, last.correction) == ("started", D(2024, 3, 14), True)
    assert referral.steps.count() == 4  # planned, started, ended, the correction
    # afterwards the referral goes forward again
    services.service_referral_advance(referral=referral, status="ended", on=D(2024, 7, 1), by=None)


def test_correction_only_to_a_status_reached(journey):
    referral = _plan(journey)
    with pytest.raises(ValidationError) as error:
        services.service_referral_correct(referral=referral, status="ended", on=D(2024, 3, 2), by=None)
    assert "status" in error.value.message_dict
