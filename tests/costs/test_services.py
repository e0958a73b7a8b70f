"""Writing cost entries: authority (coordination office writers only), validation with German
messages per field, nothing half-written, the audit row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.core.models import AuditEntry
from stufenweg.costs import services
from stufenweg.costs.models import CostEntry

pytestmark = pytest.mark.django_db


def save(world, by=None, **kw):
    values = {
        "programme": world.programme,
        "organisation": world.coordination,
        "category": "staff",
        "monthly_amount": Decimal("1000"),
        "valid_from": dt.date(2024, 1, 1),
        "by": by,
    }
    values.update(kw)
    return services.cost_entry_save(**values)


def errors_of(exc) -> dict:
    return exc.value.message_dict


def test_the_coordination_office_writes_and_the_write_is_audited(world):
    entry = save(world, by=world.personas["coordinator"], note="Regiestelle 2 VZÄ")
    assert CostEntry.objects.count() == 1
    row = AuditEntry.objects.get(object_type="costs.costentry", object_id=str(entry.pk))
    assert row.action == AuditEntry.Action.CREATE and row.after["monthly_amount"] == "1000.00"


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor", "outsider", "dpo"])
def test_others_may_not_write(world, persona):
    with pytest.raises(PermissionDenied, match="Nur die Regiestelle"):
        save(world, by=world.personas[persona])
    assert not CostEntry.objects.exists()


def test_a_negative_amount_is_refused_in_german(world):
    with pytest.raises(ValidationError) as exc:
        save(world, monthly_amount=Decimal("-1"))
    assert errors_of(exc) == {"monthly_amount": ["Der Betrag je Monat darf nicht negativ sein."]}


def test_an_amount_of_zero_is_allowed(world):
    assert save(world, monthly_amount=Decimal("0")).monthly_amount == 0


def test_validity_must_not_end_before_it_begins(world):
    with pytest.raises(ValidationError) as exc:
        save(world, valid_to=dt.date(2023, 12, 31))
    assert "„gültig bis“ darf nicht vor „gültig ab“ liegen." in errors_of(exc)["valid_to"]


def test_organisation_or_region_one_of_the_two(world):
    with pytest.raises(ValidationError) as exc:
        save(world, organisation=None)
    assert "organisation" in errors_of(exc)
    with pytest.raises(ValidationError) as exc:
        save(world, region=world.region_a)
    assert "region" in errors_of(exc)


def test_overlapping_validity_of_the_same_bearer_and_category_is_refused(world):
    save(world, valid_to=dt.date(2024, 6, 30))
    with pytest.raises(ValidationError) as exc:
        save(world, valid_from=dt.date(2024, 6, 30), monthly_amount=Decimal("600"))
    message = errors_of(exc)["valid_from"][0]
    assert "vom 01.01.2024 bis 30.06.2024" in message and "Personal" in message
    assert CostEntry.objects.count() == 1  # nothing half-written
    save(world, valid_from=dt.date(2024, 7, 1))  # the day after: fine
    save(world, category="other")  # another category: fine
    save(world, organisation=None, region=world.region_a)  # another bearer: fine
    with pytest.raises(ValidationError):  # an open entry overlaps everything after it
        save(world, valid_from=dt.date(2030, 1, 1))


def test_a_change_keeps_its_own_validity_out_of_the_overlap_check(world):
    entry = save(world)
    changed = services.cost_entry_save(
        entry=entry,
        programme=world.programme,
        organisation=world.coordination,
        category="staff",
        monthly_amount=Decimal("1000"),
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2024, 3, 31),
        by=world.personas["coordinator"],
    )
    assert changed.pk == entry.pk and changed.valid_to == dt.date(2024, 3, 31)
    assert (
        AuditEntry.objects.filter(object_type="costs.costentry", action=AuditEntry.Action.UPDATE).count() == 1
    )
