"""account_create: a new active account with its first membership, no usable password, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.accounts.admin_services import account_create
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership, User

pytestmark = pytest.mark.django_db
Role = Membership.Role


def _create(by, organisation, role=Role.CASEWORKER, **fields):
    data = {
        "username": "n.neumann",
        "first_name": "Nora",
        "last_name": "Neumann",
        "email": "N.Neumann@Traeger.example",
        **fields,
    }
    return account_create(by=by, organisation=organisation, role=role, **data)


def test_the_coordination_office_creates_an_account_anywhere(staff):
    account = _create(staff.coordinator, staff.world.provider_b)
    account.refresh_from_db()
    assert account.is_active and not account.has_usable_password()
    assert account.email == "n.neumann@traeger.example"
    assert list(account.memberships.values_list("organisation_id", "role")) == [
        (staff.world.provider_b.pk, Role.CASEWORKER)
    ]
    rows = AuditEntry.objects.filter(actor=staff.coordinator, action="create")
    assert set(rows.values_list("object_type", flat=True)) == {
        "organisations.user",
        "organisations.membership",
    }
    assert rows.get(object_type="organisations.user").object_id == str(account.pk)


def test_the_local_administration_creates_accounts_in_its_organisation_only(staff):
    assert (
        _create(staff.admin_a, staff.world.regional_a).memberships.get().organisation
        == staff.world.regional_a
    )
    with pytest.raises(PermissionDenied):
        _create(staff.admin_a, staff.world.regional_b, username="x.fremd")
    assert not User.objects.filter(username="x.fremd").exists()


def test_the_local_administration_grants_no_data_protection_or_statistics_role(staff):
    for role in (Role.DATA_PROTECTION, Role.STATISTICS):
        with pytest.raises(PermissionDenied):
            _create(staff.admin_a, staff.world.regional_a, role=role, username=f"x.{role}")
    _create(staff.coordinator, staff.world.coordination, role=Role.DATA_PROTECTION, username="x.dsb")


def test_a_caseworker_outside_the_coordination_office_creates_no_account(world):
    with pytest.raises(PermissionDenied):
        _create(world.personas["regional"], world.regional_a)
    with pytest.raises(PermissionDenied):
        _create(world.personas["dpo"], world.coordination)


@pytest.mark.parametrize(
    ("username", "field"),
    [("K", "username"), ("mit leer", "username"), ("koordination", "username"), ("-x-", "username")],
)
def test_bad_user_names_are_refused_by_field(staff, username, field):
    with pytest.raises(ValidationError) as exc:
        _create(staff.coordinator, staff.world.regional_a, username=username)
    assert field in exc.value.message_dict


def test_an_existing_user_name_in_other_case_is_refused(staff):
    with pytest.raises(ValidationError) as exc:
        _create(staff.coordinator, staff.world.regional_a, username="K.Weber.A")
    assert "schon" in exc.value.message_dict["username"][0]


def test_a_bad_email_and_empty_names_are_refused(staff):
    with pytest.raises(ValidationError) as exc:
        _create(staff.coordinator, staff.world.regional_a, email="kein-at")
    assert "email" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _create(staff.coordinator, staff.world.regional_a, first_name="  ")
    assert "first_name" in exc.value.message_dict
    assert not User.objects.filter(username="n.neumann").exists()


def test_an_inactive_organisation_takes_no_new_account(staff):
    staff.world.provider_b.active = False
    staff.world.provider_b.save()
    with pytest.raises(ValidationError):
        _create(staff.coordinator, staff.world.provider_b)
