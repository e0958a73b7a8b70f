"""Fixtures of the account administration tests: the coordination office's account managers, an
organisation administration of regional office A, and staff of regional offices A and B."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from stufenweg.organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.security.conftest import require_2fa  # noqa: F401 - the fixture, for the password-link test

Role = Membership.Role


@dataclass
class Staff:
    world: object
    coordinator: object  # caseworker at the coordination office (writes for it: manages all)
    coord_admin: object  # org_admin at the coordination office (a second manager of all)
    admin_a: object  # org_admin at regional office A
    staff_a: object  # caseworker at regional office A
    staff_b: object  # caseworker at regional office B
    staff_ab: object  # caseworker at A and read-only at B


def member(username: str, organisation, role=Role.CASEWORKER, **fields):
    return MembershipFactory(
        user=UserFactory(username=username, **fields), organisation=organisation, role=role
    ).user


@pytest.fixture
def staff(world) -> Staff:
    staff_ab = member("beide", world.regional_a)
    MembershipFactory(user=staff_ab, organisation=world.regional_b, role=Role.READ_ONLY)
    return Staff(
        world=world,
        coordinator=world.personas["coordinator"],
        coord_admin=member("regie.admin", world.coordination, Role.ORG_ADMIN),
        admin_a=member("admin.a", world.regional_a, Role.ORG_ADMIN),
        staff_a=member("k.weber.a", world.regional_a, first_name="Karla", last_name="Weber"),
        staff_b=member("t.kaiser.b", world.regional_b, first_name="Till", last_name="Kaiser"),
        staff_ab=staff_ab,
    )
