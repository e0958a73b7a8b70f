"""Writes of persons (ARCHITECTURE.md habit 1): validate, save and audit in one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User
from stufenweg.people.models import Household, Person
from stufenweg.people.selectors import households_writable_by

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


def household_to_join(*, household_id: str, by: User | None) -> Household:
    """The household ``household_id`` that a person created or changed by ``by`` joins.

    A new code creates the household (as the exchange format does on first use). An existing
    household may be joined only by someone whose writing organisations already see it
    (``households_writable_by``: a member's participation in their scope); the coordination office
    and the system (``by=None``: command line, demo) may name any. Otherwise ``ValidationError`` on
    ``household_id``; its message is the same for every refused code and names no member. A code
    another request has just created counts as existing (refused until one of its members is in
    the user's scope).
    """
    household, created = Household.objects.get_or_create(household_id=household_id)
    if created or by is None or households_writable_by(by).filter(pk=household.pk).exists():
        return household
    raise ValidationError(
        {
            "household_id": [
                _(
                    "Dieser Bedarfsgemeinschaft können Sie keine Person zuordnen: Das geht nur mit "
                    "einer neuen BG-Nummer oder bei einer Bedarfsgemeinschaft, von der Sie bereits ein "
                    "Mitglied in Ihrem Zuständigkeitsbereich haben. Wenden Sie sich sonst an die "
                    "Koordinierungsstelle."
                )
            ]
        }
    )


@transaction.atomic
def person_create(*, by: User | None, household_id: str = "", **fields) -> Person:
    """Create a person; ``household_id`` (the source key of the Bedarfsgemeinschaft) is created
    on first use, an existing one joined only as ``household_to_join`` allows. Raises
    ``ValidationError`` (nothing written) when a value is invalid."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    person = Person(**fields)
    if household_id:
        person.household = household_to_join(household_id=household_id, by=by)
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
