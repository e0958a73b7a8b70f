"""Deactivation: no sign-in, sessions ended at once, API keys revoked; reactivation lets the person
back in with password and second factor (keys stay revoked)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from stufenweg.accounts.admin_services import account_deactivate, account_reactivate
from stufenweg.api.models import ApiKey
from stufenweg.api.services import api_key_issue
from stufenweg.core.models import AuditEntry
from tests.security.conftest import password_login

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_deactivation_ends_sessions_and_revokes_keys(staff):
    target = staff.staff_a
    first, second, bystander = _signed_in(target), _signed_in(target), _signed_in(staff.staff_b)
    issued = api_key_issue(user=target, by=None, name="Skript", days=30)
    assert Session.objects.count() == 3

    ended, keys = account_deactivate(account=target, by=staff.coordinator)

    assert (ended, keys) == (2, 1)
    target.refresh_from_db()
    assert not target.is_active
    assert ApiKey.objects.get(pk=issued.api_key.pk).revoked_at is not None
    assert Session.objects.count() == 1  # the bystander's
    for client in (first, second):
        assert client.get("/").status_code == 302  # back to the login
    assert bystander.get("/").status_code == 200
    row = AuditEntry.objects.get(object_type="organisations.user", object_id=str(target.pk), action="update")
    assert row.actor == staff.coordinator
    assert row.before["is_active"] is True and row.after["is_active"] is False
    assert AuditEntry.objects.filter(object_type="api.apikey", summary__contains="deaktiviert").count() == 1


def test_a_deactivated_account_cannot_sign_in(client, staff):
    account_deactivate(account=staff.staff_a, by=staff.coordinator)
    response = password_login(client, staff.staff_a.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_reactivation_lets_the_person_in_again_and_keeps_keys_revoked(client, staff):
    issued = api_key_issue(user=staff.staff_a, by=None, name="Skript", days=30)
    account_deactivate(account=staff.staff_a, by=staff.coordinator)
    account_reactivate(account=staff.staff_a, by=staff.coord_admin)
    staff.staff_a.refresh_from_db()
    assert staff.staff_a.is_active
    assert ApiKey.objects.get(pk=issued.api_key.pk).revoked_at is not None
    assert password_login(client, staff.staff_a.username).status_code == 302


def test_nobody_deactivates_themselves(staff):
    with pytest.raises(PermissionDenied):
        account_deactivate(account=staff.coordinator, by=staff.coordinator)


def test_the_local_administration_deactivates_only_whole_accounts_of_its_own(staff):
    account_deactivate(account=staff.staff_a, by=staff.admin_a)
    with pytest.raises(PermissionDenied):
        account_deactivate(account=staff.staff_ab, by=staff.admin_a)  # also at regional office B
    with pytest.raises(PermissionDenied):
        account_deactivate(account=staff.staff_b, by=staff.admin_a)
    staff.staff_ab.refresh_from_db()
    assert staff.staff_ab.is_active


def test_deactivating_twice_says_so(staff):
    account_deactivate(account=staff.staff_a, by=staff.coordinator)
    with pytest.raises(ValidationError):
        account_deactivate(account=staff.staff_a, by=staff.coordinator)
