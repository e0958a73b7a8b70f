"""Who manages which accounts (accounts.authority): the coordination office's writers all, an
organisation administration its own organisation's, nobody else any."""

from __future__ import annotations

import pytest

from stufenweg.accounts.admin_selectors import accounts_visible_to
from stufenweg.accounts.authority import account_authority_of, manages_whole_account
from stufenweg.organisations.models import Membership
from tests.accounts.admin.conftest import member

pytestmark = pytest.mark.django_db


def test_the_coordination_office_writers_manage_every_account(staff):
    for manager in (staff.coordinator, staff.coord_admin):
        assert account_authority_of(manager).everything
        assert set(accounts_visible_to(manager)) >= {staff.staff_a, staff.staff_b, staff.staff_ab}
        assert manages_whole_account(manager, staff.staff_b)


def test_an_organisation_administration_sees_its_own_organisations_accounts(staff):
    visible = set(accounts_visible_to(staff.admin_a))
    assert {staff.staff_a, staff.staff_ab, staff.admin_a} <= visible
    assert staff.staff_b not in visible
    assert staff.coordinator not in visible


def test_an_account_that_also_belongs_elsewhere_is_not_the_local_administrations_as_a_whole(staff):
    assert manages_whole_account(staff.admin_a, staff.staff_a)
    assert not manages_whole_account(staff.admin_a, staff.staff_ab)


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor", "outsider", "dpo"])
def test_other_roles_manage_no_accounts(world, persona):
    user = world.personas[persona]
    assert not account_authority_of(user).manages_accounts
    assert not accounts_visible_to(user).exists()


def test_read_only_and_statistics_at_the_coordination_office_manage_nothing(world):
    for role in (Membership.Role.READ_ONLY, Membership.Role.STATISTICS, Membership.Role.DATA_PROTECTION):
        user = member(f"regie-{role}", world.coordination, role)
        assert not account_authority_of(user).manages_accounts, role


def test_the_local_administration_grants_local_roles_only(staff):
    authority = account_authority_of(staff.admin_a)
    assert authority.grants(Membership.Role.CASEWORKER)
    assert authority.grants(Membership.Role.ORG_ADMIN)
    assert not authority.grants(Membership.Role.DATA_PROTECTION)
    assert not authority.grants(Membership.Role.STATISTICS)
    assert account_authority_of(staff.coordinator).grants(Membership.Role.DATA_PROTECTION)


def test_an_inactive_organisation_gives_no_authority(staff):
    staff.world.regional_a.active = False
    staff.world.regional_a.save()
    staff.admin_a._stufenweg_account_authority = None
    assert not account_authority_of(staff.admin_a).manages_accounts


def test_a_deactivated_manager_manages_nothing(staff):
    staff.coord_admin.is_active = False
    assert not account_authority_of(staff.coord_admin).manages_accounts
