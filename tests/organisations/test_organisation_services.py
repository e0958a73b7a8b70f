"""Organisations administration: the coordination office creates, edits and deactivates
organisations; the kind is fixed once something refers to the organisation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import EmployerProfile, Membership, Organisation
from stufenweg.organisations.services import (
    organisation_create,
    organisation_update,
    region_create,
    region_update,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
K = Organisation.Kind


def _update(org, by, **changes):
    values = {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "region": org.region,
        "active": org.active,
    }
    return organisation_update(organisation=org, by=by, **{**values, **changes})


def test_create_and_audit(world):
    by = world.personas["coordinator"]
    org = organisation_create(
        code="BT-NEU", name="Neuer Träger", kind=K.PROVIDER, region=world.region_a, by=by
    )
    entry = AuditEntry.objects.get(
        action="create", object_id=str(org.pk), object_type="organisations.organisation"
    )
    assert entry.actor == by and entry.after["kind"] == "provider"


def test_a_regional_office_needs_a_region(world):
    with pytest.raises(ValidationError) as exc:
        organisation_create(code="RB-X", name="Regionalbüro X", kind=K.REGIONAL_OFFICE, by=None)
    assert "Region Pflicht" in str(exc.value.message_dict["region"])
    assert not Organisation.objects.filter(code="RB-X").exists()


def test_codes_are_unique_regardless_of_case(world):
    with pytest.raises(ValidationError) as exc:
        organisation_create(code="bdl-a", name="Doppelt", kind=K.PROVIDER, by=None)
    assert "Kürzel" in str(exc.value.message_dict["code"])


def test_an_employer_gets_its_details(world):
    org = organisation_create(code="AG-NEU", name="Neuer Betrieb", kind=K.EMPLOYER, by=None)
    assert EmployerProfile.objects.filter(organisation=org).exists()


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "dpo", "outsider"])
def test_only_the_coordination_office_administers(world, persona):
    with pytest.raises(PermissionDenied):
        organisation_create(code="X1", name="X", kind=K.PROVIDER, by=world.personas[persona])
    with pytest.raises(PermissionDenied):
        _update(world.provider_a, world.personas[persona], name="Umbenannt")
    with pytest.raises(PermissionDenied):
        region_create(code="RX", name="Region X", by=world.personas[persona])
    world.provider_a.refresh_from_db()
    assert world.provider_a.name == "Träger A"


def test_read_only_at_the_coordination_office_may_not(world):
    reader = MembershipFactory(
        user=UserFactory(username="regie_leser"),
        organisation=world.coordination,
        role=Membership.Role.READ_ONLY,
    ).user
    with pytest.raises(PermissionDenied):
        _update(world.provider_a, reader, name="Umbenannt")


def test_the_kind_is_fixed_once_something_refers_to_it(world):
    with pytest.raises(ValidationError) as exc:
        _update(world.provider_a, None, kind=K.JOBCENTER)  # has a member and a measure
    assert "Art" in str(exc.value.message_dict["kind"])
    fresh = OrganisationFactory(code="FRISCH", kind=K.PROVIDER)
    assert _update(fresh, None, kind=K.JOBCENTER).kind == K.JOBCENTER


def test_deactivate_and_reactivate(world):
    by = world.personas["coordinator"]
    _update(world.provider_b, by, active=False)
    world.provider_b.refresh_from_db()
    assert not world.provider_b.active
    assert AuditEntry.objects.filter(
        summary__contains="deaktiviert", object_id=str(world.provider_b.pk)
    ).exists()
    _update(world.provider_b, by, active=True)
    assert AuditEntry.objects.filter(summary__contains="reaktiviert").exists()


def test_the_own_and_the_last_coordination_office_stay_active(world):
    with pytest.raises(ValidationError) as exc:
        _update(world.coordination, world.personas["coordinator"], active=False)
    assert "eigene Regiestelle" in str(exc.value.message_dict["active"])
    with pytest.raises(ValidationError) as exc:
        _update(world.coordination, None, active=False)
    assert "letzte aktive" in str(exc.value.message_dict["active"])


def test_regions(world):
    by = world.personas["coordinator"]
    region = region_create(code="LZ", name="Lausitz", by=by)
    with pytest.raises(ValidationError):
        region_create(code="lz", name="Doppelt", by=by)
    region_update(region=region, code="LZ", name="Oberlausitz", by=by)
    region.refresh_from_db()
    assert region.name == "Oberlausitz"
    assert AuditEntry.objects.filter(object_type="organisations.region", action="update").exists()
