"""Only a writing member of the coordination office records targets (issue #11, finding 3).

A read-only member of the coordination office saved a target at ``/berichte/zielwerte/``: the page
checked only that the user sees everything. Now ``programmes.services.target_save`` refuses a user
without a writing role there, and the page answers 403 with the reason; the member still sees the
targets.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership
from stufenweg.programmes.models import Target
from stufenweg.programmes.services import target_save
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Zielwerte dürfen nur Mitglieder der Regiestelle mit schreibender Rolle"


@pytest.fixture
def reader(world):
    return MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.coordination, role=Membership.Role.READ_ONLY
    ).user


def _form(world) -> dict:
    return {
        "programme": world.programme.pk,
        "indicator": "flow.stage_entries",
        "period_from": "2023-01-01",
        "period_to": "2023-12-31",
        "region": world.region_a.pk,
        "target": "4",
    }


def _target(world) -> Target:
    return Target(
        programme=world.programme,
        indicator="flow.stage_entries",
        period_from=dt.date(2023, 1, 1),
        period_to=dt.date(2023, 12, 31),
        target=4,
    )


def test_read_only_member_cannot_save_a_target(client, world, reader):
    client.force_login(reader)
    response = client.post(reverse("indicators:targets"), _form(world))
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(object_type="programmes.target").exists()


def test_read_only_member_sees_the_targets_without_the_form(client, world, reader):
    target_save(target=_target(world), by=world.personas["coordinator"])
    client.force_login(reader)
    response = client.get(reverse("indicators:targets"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "flow.stage_entries" in body
    assert REFUSAL in body
    assert 'name="target"' not in body


def test_the_service_refuses_a_read_only_member(world, reader):
    with pytest.raises(PermissionDenied, match=REFUSAL):
        target_save(target=_target(world), by=reader)
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(object_type="programmes.target").exists()


def test_the_service_refuses_a_change_by_a_read_only_member(world, reader):
    target = target_save(target=_target(world), by=world.personas["coordinator"])
    target.target = 99
    with pytest.raises(PermissionDenied):
        target_save(target=target, by=reader)
    assert Target.objects.get().target == 4
    assert AuditEntry.objects.filter(object_type="programmes.target").count() == 1


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor", "dpo", "outsider"])
def test_the_service_refuses_everyone_outside_the_coordination_office(world, persona):
    with pytest.raises(PermissionDenied):
        target_save(target=_target(world), by=world.personas[persona])
    assert not Target.objects.exists()


def test_a_writing_coordination_member_still_saves(client, world):
    admin = MembershipFactory(organisation=world.coordination, role=Membership.Role.ORG_ADMIN).user
    client.force_login(admin)
    response = client.post(reverse("indicators:targets"), _form(world))
    assert response.status_code == 302
    assert Target.objects.get().target == 4
    assert AuditEntry.objects.get(object_type="programmes.target").actor == admin
