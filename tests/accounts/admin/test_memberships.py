"""Memberships: add, change the role, remove — never the last one, never one's own."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.accounts.admin_services import membership_add, membership_remove, membership_role_change
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership

pytestmark = pytest.mark.django_db
Role = Membership.Role


def test_add_change_and_remove_are_audited(staff):
    m = membership_add(
        account=staff.staff_a, by=staff.coordinator, organisation=staff.world.provider_a, role="read_only"
    )
    membership_role_change(membership=m, by=staff.coordinator, role=Role.CASEWORKER)
    m.refresh_from_db()
    assert m.role == Role.CASEWORKER
    membership_remove(membership=m, by=staff.coordinator)
    assert not Membership.objects.filter(pk=m.pk).exists()
    rows = AuditEntry.objects.filter(object_type="organisations.membership", object_id=str(m.pk))
    assert rows.count() == 3
    assert rows.order_by("id").last().before["role"] == Role.CASEWORKER


def test_the_last_membership_is_never_removed(staff):
    only = staff.staff_a.memberships.get()
    with pytest.raises(ValidationError) as exc:
        membership_remove(membership=only, by=staff.coordinator)
    assert "letzte Mitgliedschaft" in exc.value.messages[0]
    assert "deaktivieren" in exc.value.messages[0]
    assert Membership.objects.filter(pk=only.pk).exists()


def test_the_local_administration_acts_on_memberships_of_its_organisation_only(staff):
    at_a = staff.staff_ab.memberships.get(organisation=staff.world.regional_a)
    at_b = staff.staff_ab.memberships.get(organisation=staff.world.regional_b)
    membership_role_change(membership=at_a, by=staff.admin_a, role=Role.READ_ONLY)
    with pytest.raises(PermissionDenied):
        membership_role_change(membership=at_b, by=staff.admin_a, role=Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        membership_add(
            account=staff.staff_b, by=staff.admin_a, organisation=staff.world.regional_a, role="caseworker"
        )
    membership_remove(membership=at_a, by=staff.admin_a)
    assert list(staff.staff_ab.memberships.values_list("organisation_id", flat=True)) == [
        staff.world.regional_b.pk
    ]


def test_the_local_administration_cannot_grant_or_touch_cross_organisation_roles(staff):
    m = staff.staff_a.memberships.get()
    with pytest.raises(PermissionDenied):
        membership_role_change(membership=m, by=staff.admin_a, role=Role.DATA_PROTECTION)
    membership_role_change(membership=m, by=staff.coordinator, role=Role.STATISTICS)
    with pytest.raises(PermissionDenied):  # a statistics membership stays the coordination office's
        membership_role_change(membership=m, by=staff.admin_a, role=Role.CASEWORKER)


def test_nobody_changes_their_own_memberships(staff):
    own = staff.admin_a.memberships.get()
    with pytest.raises(PermissionDenied):
        membership_role_change(membership=own, by=staff.admin_a, role=Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        membership_add(
            account=staff.coordinator,
            by=staff.coordinator,
            organisation=staff.world.regional_a,
            role="org_admin",
        )


def test_a_second_membership_in_the_same_organisation_is_refused(staff):
    with pytest.raises(ValidationError) as exc:
        membership_add(
            account=staff.staff_a, by=staff.coordinator, organisation=staff.world.regional_a, role="read_only"
        )
    assert "organisation" in exc.value.message_dict


def test_an_unknown_role_is_refused(staff):
    with pytest.raises(ValidationError):
        membership_role_change(membership=staff.staff_a.memberships.get(), by=staff.coordinator, role="root")
