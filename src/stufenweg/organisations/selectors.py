from __future__ import annotations

from django.db.models import QuerySet

from stufenweg.core.visibility import scope_of
from stufenweg.organisations.authority import reads_employers
from stufenweg.organisations.models import Organisation, Region


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return Organisation.objects.all() if scope_of(user).staff else Organisation.objects.none()


def organisations_administered_by(user) -> QuerySet[Organisation]:
    """All organisations for members of the coordination office (the administration list), none
    for anyone else."""
    if not scope_of(user).everything:
        return Organisation.objects.none()
    return Organisation.objects.select_related("region").order_by("kind", "name")


def regions_administered_by(user) -> QuerySet[Region]:
    return Region.objects.order_by("name") if scope_of(user).everything else Region.objects.none()


def employers_visible_to(user) -> QuerySet[Organisation]:
    """The employer register (organisations of kind ``employer`` with their details) for those
    who work with employers (``authority.reads_employers``); none for anyone else."""
    if not reads_employers(user):
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER)
        .select_related("region", "employer_profile")
        .order_by("name", "pk")
    )
