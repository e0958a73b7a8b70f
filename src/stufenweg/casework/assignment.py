"""Who may give a participation to which caseworker (Fallverantwortung): one rule, used by the
services (``casework.services.caseworker_assign``, ``case_take``, ``caseload_reassign``) and by
the pages to decide which buttons and choices to show.

- The *responsible organisations* of a participation are the coordination office, the regional
  office of its region and the providers and mentoring projects of its enrolments. Its caseworker
  is an active member with a writing role (``Membership.WRITING_ROLES``) of one of them.
- An office (coordination office, or the regional office of the participation's region: a user
  who may act on it with ``COORDINATING`` kinds) gives it to any such member.
- A provider or mentoring project (acting only with the delivering kinds) gives it only to its own
  staff, and only while nobody else holds it: a case held by a regional office's caseworker (or
  another organisation's) stays with them until an office moves it.
- Nobody else changes it. A write without a user (``by=None``: the demo, system jobs) is not
  checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from stufenweg.casework.permissions import ACTING_ROLES, COORDINATING, DELIVERING, acting_scope
from stufenweg.casework.selectors import may_act_on
from stufenweg.core.visibility import scope_of
from stufenweg.journeys.models import Enrolment, Participation
from stufenweg.organisations.models import Organisation, User

K = Organisation.Kind


def responsible_organisations(participation: Participation) -> QuerySet[Organisation]:
    providers = Enrolment.objects.filter(participation_id=participation.pk).values("measure__provider_id")
    condition = Q(kind=K.COORDINATION_OFFICE) | Q(pk__in=providers)
    if participation.region_id:
        condition |= Q(kind=K.REGIONAL_OFFICE, region_id=participation.region_id)
    return Organisation.objects.filter(condition, active=True)


def _staff_of(organisations) -> QuerySet[User]:
    """Unordered: a page lists them in German name order (``organisations.ordering.staff_key``)."""
    return User.objects.filter(
        is_active=True,
        memberships__role__in=ACTING_ROLES,
        memberships__organisation__in=organisations,
    ).distinct()


@dataclass(frozen=True)
class Assignment:
    """What ``user`` may do with the caseworker of one participation."""

    allowed: bool
    organisations: tuple[int, ...] = ()  # the organisations whose staff the user may choose
    refusal: str = ""

    def candidates(self) -> QuerySet[User]:
        return _staff_of(self.organisations) if self.allowed else User.objects.none()


def assignment_for(
    user, participation: Participation, may: Callable[[frozenset[str]], bool] | None = None
) -> Assignment:
    """The rule of this module for ``user`` (a writer) and ``participation`` (visible to them).
    ``may(kinds)``: whether the user may act on it with ``kinds`` (a page that has asked already
    passes its answers; default ``selectors.may_act_on``)."""
    refusal = _("Ihre Stelle darf die Fallverantwortung dieser Teilnahme nicht ändern.")
    if user is None or not getattr(user, "is_authenticated", False):
        return Assignment(False, refusal=refusal)
    if may is None:

        def may(kinds: frozenset[str]) -> bool:
            return may_act_on(user, participation, kinds)

    if not may(DELIVERING):  # DELIVERING includes the offices
        return Assignment(False, refusal=refusal)
    responsible = responsible_organisations(participation)
    if may(COORDINATING):
        return Assignment(True, tuple(responsible.values_list("pk", flat=True)))
    own = acting_scope(user, DELIVERING).provider_org_ids
    mine = tuple(responsible.filter(pk__in=own).values_list("pk", flat=True))
    if not mine:
        return Assignment(False, refusal=refusal)
    holder = participation.caseworker_id
    if holder is not None and not _staff_of(mine).filter(pk=holder).exists():
        return Assignment(
            False,
            refusal=_(
                "Die Fallverantwortung liegt bei einer anderen Stelle. Ändern kann sie diese Stelle, "
                "das Regionalbüro oder die Regiestelle."
            ),
        )
    return Assignment(True, mine)


def may_take(user, participation: Participation, rule: Assignment | None = None) -> bool:
    """``user`` may take the case over (``case_take``): allowed, not already theirs, and one of
    the staff they may choose (``rule``: ``assignment_for(user, participation)`` if known)."""
    if participation.caseworker_id == getattr(user, "pk", None):
        return False
    rule = rule or assignment_for(user, participation)
    # one of the staff: a writing membership in one of the organisations (no query: the write
    # scope is cached for the request)
    own = scope_of(user, writing=True).organisation_ids
    return rule.allowed and user.is_active and bool(own & set(rule.organisations))
