"""Writes of persons (ARCHITECTURE.md habit 1): validate, save and audit in one transaction."""

from __future__ import annotations

from django.db import transaction

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User
from stufenweg.people.models import Household, Person

# Fields that may be given when a person is created (exchange-format columns of persons.csv,
# ``household_id`` handled separately).
PERSON_FIELDS = (
    "person_id",
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "nationality",
    "foreign_background",
    "disability",
    "minority",
    "homeless",
    "rural",
    "isced",
    "vocational_qualification",
    "single_parent",
    "household_role",
    "postcode",
)


@transaction.atomic
def person_create(*, by: User | None, household_id: str = "", **fields) -> Person:
    """Create a person; ``household_id`` (the source key of the Bedarfsgemeinschaft) is created
    on first use. Raises ``ValidationError`` (nothing written) when a value is invalid."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    person = Person(**fields)
    if household_id:
        person.household, _ = Household.objects.get_or_create(household_id=household_id)
    person.full_clean()
    person.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=person,
        person=person,
        summary=f"Person {person.pk} angelegt",
        after=snapshot(person),
    )
    return person
