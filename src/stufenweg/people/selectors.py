"""Reads of persons and households, always through the user's visibility scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from stufenweg.casework.search import name_order
from stufenweg.core.visibility import Scope, scope_of
from stufenweg.journeys.selectors import participations_in_scope
from stufenweg.people.models import Document, Household, HouseholdMonth, Person


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


def households_in_scope(scope: Scope) -> QuerySet[Household]:
    """What "sees a household" means, in one place: the coordination office sees every household;
    anyone else a household of which it sees at least one member's participation. A household
    without such a member (a code nobody in the scope has used yet, or one whose members all sit
    in another organisation's cases) is not seen."""
    if scope.everything:
        return Household.objects.all()
    if not scope.personal_data:
        return Household.objects.none()
    return Household.objects.filter(Exists(persons_in_scope(scope).filter(household_id=OuterRef("pk"))))


def households_visible_to(user) -> QuerySet[Household]:
    return households_in_scope(scope_of(user))


def households_writable_by(user) -> QuerySet[Household]:
    """Households ``user`` may add a person to: seen through a membership with a writing role."""
    return households_in_scope(scope_of(user, writing=True))


@dataclass(frozen=True)
class HouseholdView:
    """What a user may see of a person's household on the person's page."""

    household: Household
    members: list[Person]  # the other members the user sees (their reads are to be audited)
    hidden: int  # other members outside the user's scope: counted, never named
    latest_month: HouseholdMonth | None  # benefits, only if the user sees the household


def household_seen_by(user, person: Person) -> HouseholdView | None:
    """The household of ``person`` (a person ``user`` sees) as far as ``user`` may see it."""
    if person.household_id is None:
        return None
    others = Person.objects.filter(household_id=person.household_id).exclude(pk=person.pk)
    members = list(
        persons_visible_to(user)
        .filter(household_id=person.household_id)
        .exclude(pk=person.pk)
        .order_by("household_role", *name_order(), "pk")
    )
    latest_month = None
    if households_visible_to(user).filter(pk=person.household_id).exists():
        latest_month = (
            HouseholdMonth.objects.filter(household_id=person.household_id).order_by("-month").first()
        )
    return HouseholdView(
        household=person.household,
        members=members,
        hidden=others.count() - len(members),
        latest_month=latest_month,
    )


def may_write_person(user, person: Person) -> bool:
    """``user`` may change ``person``'s details and documents (cached per request on the user)."""
    cache = getattr(user, "_people_writable", None)
    if cache is None:
        cache = {}
        if user is not None:
            user._people_writable = cache
    if person.pk not in cache:
        cache[person.pk] = persons_writable_by(user).filter(pk=person.pk).exists()
    return cache[person.pk]


def documents_visible_to(user) -> QuerySet[Document]:
    """Documents of the persons ``user`` sees (the same scope as the person page)."""
    return Document.objects.filter(person__in=persons_visible_to(user).values("pk"))


def documents_of(person: Person) -> list[Document]:
    """The documents of ``person`` (a person already known to be visible), newest first."""
    return list(
        Document.objects.filter(person=person).select_related("uploaded_by").order_by("-uploaded_at", "-pk")
    )
