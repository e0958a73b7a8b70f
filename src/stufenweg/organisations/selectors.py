from __future__ import annotations

from django.db.models import QuerySet

from stufenweg.core.visibility import scope_of
from stufenweg.organisations.authority import reads_employers
from stufenweg.organisations.models import Organisation, Region


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return Organisation.objects.all() if scope_of(user).staff else Organisation.objects.none()


def organisations_administered_by(user) -> QuerySet[Organisation]:
    """All organisations for members of the coordination office (the administration list), none
    for anyone else. Unordered: the list sorts by kind, then German order of the names."""
    if not scope_of(user).everything:
        return Organisation.objects.none()
    return Organisation.objects.select_related("region")


def regions_administered_by(user) -> QuerySet[Region]:
    """Unordered: the list sorts them in German order of the names (``ordering.name_key``)."""
    return Region.objects.all() if scope_of(user).everything else Region.objects.none()


def employers_visible_to(user) -> QuerySet[Organisation]:
    """The employer register (organisations of kind ``employer`` with their details) for those
    who work with employers (``authority.reads_employers``); none for anyone else. Unordered: the
    register lists them in German order of the names (``ordering.name_key``)."""
    if not reads_employers(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER).select_related(
        "region", "employer_profile"
    )
