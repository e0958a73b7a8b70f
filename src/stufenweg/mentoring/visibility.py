"""Which mentorships (with their log and after-placement support) a user reads, as one queryset:
the same rule as ``mentoring.authority.reads_mentoring`` for one participation — the coordination
office reads all, a member (reading or writing role) of an active mentoring project reads the
mentoring of the participations enrolled in a measure of that project; nobody else any. Used by
the API's lists (a mentoring project sees only its mentees)."""

from __future__ import annotations

from django.db.models import QuerySet

from stufenweg.core.visibility import scope_of
from stufenweg.journeys.models import Enrolment, Participation
from stufenweg.mentoring.authority import READING_ROLES
from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry, Mentorship
from stufenweg.organisations.models import Organisation


def mentee_participations(user) -> QuerySet[Participation]:
    """The participations whose mentoring ``user`` reads."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Participation.objects.none()
    if scope_of(user).everything:
        return Participation.objects.all()
    projects = Organisation.objects.filter(
        kind=Organisation.Kind.MENTORING_PROJECT,
        active=True,
        memberships__user=user,
        memberships__role__in=READING_ROLES,
    )
    enrolled = Enrolment.objects.filter(measure__provider__in=projects).values("participation_id")
    return Participation.objects.filter(pk__in=enrolled)


def mentorships_readable_by(user) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(participation__in=mentee_participations(user).values("pk"))


def entries_readable_by(user) -> QuerySet[MentoringEntry]:
    return MentoringEntry.objects.filter(mentorship__in=mentorships_readable_by(user).values("pk"))


def support_readable_by(user) -> QuerySet[AfterPlacementSupport]:
    return AfterPlacementSupport.objects.filter(mentorship__in=mentorships_readable_by(user).values("pk"))
