"""The four-eyes reset of the second factor: one manager requests, a different one confirms
within 24 hours; only then are devices and codes removed, sessions ended, API keys revoked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.accounts.models import TwoFactorResetRequest
from stufenweg.accounts.reset_services import (
    two_factor_reset_cancel,
    two_factor_reset_confirm,
    two_factor_reset_request,
)
from stufenweg.accounts.services import recovery_codes_issue
from stufenweg.api.models import ApiKey
from stufenweg.api.services import api_key_issue
from stufenweg.core.models import AuditEntry
from tests.security.conftest import confirmed_device

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(staff):
    user = staff.staff_a
    confirmed_device(user)
    recovery_codes_issue(user=user, by=None)
    return user


def _request(target, by):
    return two_factor_reset_request(account=target, by=by, reason="lost_device", identity_checked=True)


def _devices(user) -> int:
    return TOTPDevice.objects.filter(user=user).count() + StaticDevice.objects.filter(user=user).count()


def test_the_request_alone_removes_nothing(staff, target):
    request = _request(target, staff.coordinator)
    assert request.status == "open"
    assert request.expires_at - request.requested_at == dt.timedelta(hours=24)
    assert _devices(target) == 2
    assert (
        AuditEntry.objects.filter(object_type="accounts.twofactorresetrequest", action="create").count() == 1
    )


def test_a_second_person_confirms_and_everything_goes(staff, target):
    client = Client()
    client.force_login(target)
    key = api_key_issue(user=target, by=None, name="Skript", days=30).api_key
    request = _request(target, staff.coordinator)

    two_factor_reset_confirm(request=request, by=staff.coord_admin)

    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("confirmed", staff.coord_admin)
    assert _devices(target) == 0
    assert not Session.objects.exists()
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
    summary = AuditEntry.objects.get(
        object_type="accounts.two_factor", object_id=str(target.pk), summary__contains="zurückgesetzt"
    ).summary
    assert "1 Sitzungen beendet" in summary and "1 API-Schlüssel widerrufen" in summary


def test_the_requester_cannot_confirm(staff, target):
    request = _request(target, staff.coordinator)
    with pytest.raises(PermissionDenied):
        two_factor_reset_confirm(request=request, by=staff.coordinator)
    assert _devices(target) == 2


def test_the_database_refuses_a_confirmation_by_the_requester(staff, target):
    request = _request(target, staff.coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        TwoFactorResetRequest.objects.filter(pk=request.pk).update(
            status="confirmed", decided_by=staff.coordinator, decided_at=timezone.now()
        )


def test_the_person_cannot_request_or_confirm_their_own_reset(staff, target):
    with pytest.raises(PermissionDenied):
        two_factor_reset_request(
            account=staff.coord_admin, by=staff.coord_admin, reason="new_device", identity_checked=True
        )
    confirmed_device(staff.coord_admin)
    request = _request(staff.coord_admin, staff.coordinator)
    with pytest.raises(PermissionDenied):
        two_factor_reset_confirm(request=request, by=staff.coord_admin)


def test_a_confirmation_after_24_hours_is_refused(staff, target):
    request = _request(target, staff.coordinator)
    TwoFactorResetRequest.objects.filter(pk=request.pk).update(
        requested_at=timezone.now() - dt.timedelta(hours=25),
        expires_at=timezone.now() - dt.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as exc:
        two_factor_reset_confirm(request=request, by=staff.coord_admin)
    assert "abgelaufen" in exc.value.messages[0]
    assert _devices(target) == 2
    # the expired request does not block a new one
    assert _request(target, staff.coord_admin).status == "open"


def test_one_open_request_per_account(staff, target):
    _request(target, staff.coordinator)
    with pytest.raises(ValidationError):
        _request(target, staff.coord_admin)


def test_a_cancelled_request_cannot_be_confirmed(staff, target):
    request = _request(target, staff.coordinator)
    two_factor_reset_cancel(request=request, by=staff.coord_admin)
    with pytest.raises(ValidationError):
        two_factor_reset_confirm(request=request, by=staff.coord_admin)
    assert _devices(target) == 2


def test_identity_check_and_reason_are_required(staff, target):
    with pytest.raises(ValidationError) as exc:
        two_factor_reset_request(
            account=target, by=staff.coordinator, reason="lost_device", identity_checked=False
        )
    assert "identity_checked" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        two_factor_reset_request(account=target, by=staff.coordinator, reason="weil", identity_checked=True)
    assert "reason" in exc.value.message_dict


def test_an_account_without_second_factor_has_nothing_to_reset(staff):
    with pytest.raises(ValidationError):
        _request(staff.staff_b, staff.coordinator)


def test_local_administration_and_coordination_office_may_pair(staff, target):
    request = _request(target, staff.admin_a)
    two_factor_reset_confirm(request=request, by=staff.coordinator)
    assert _devices(target) == 0


def test_someone_who_does_not_manage_the_account_cannot_confirm(staff, target, world):
    request = _request(target, staff.coordinator)
    for outsider in (world.personas["regional"], world.personas["dpo"]):
        with pytest.raises(PermissionDenied):
            two_factor_reset_confirm(request=request, by=outsider)
    assert _devices(target) == 2
