"""Reads of persons and households, always through the user's visibility scope."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from stufenweg.core.visibility import Scope, scope_of
from stufenweg.journeys.selectors import participations_in_scope
from stufenweg.people.models import Household, Person


def persons_visible_to(user) -> QuerySet[Person]:
    return persons_in_scope(scope_of(user))


def persons_writable_by(user) -> QuerySet[Person]:
    """Persons ``user`` may act on: visible through a membership with a writing role."""
    return persons_in_scope(scope_of(user, writing=True))


def persons_in_scope(scope: Scope) -> QuerySet[Person]:
    if scope.everything:
        return Person.objects.all()
    if not scope.personal_data:
        return Person.objects.none()
    return Person.objects.filter(Exists(participations_in_scope(scope).filter(person_id=OuterRef("pk"))))


def households_visible_to(user) -> QuerySet[Household]:
    scope = scope_of(user)
    if scope.everything:
        return Household.objects.all()
    if not scope.personal_data:
        return Household.objects.none()
    return Household.objects.filter(Exists(persons_visible_to(user).filter(household_id=OuterRef("pk"))))
