"""Reads of mentoring: the section of the participant page, the worklist „Nachbetreuung“ and the
placements into training and work of a project's mentees."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Max, Prefetch, Q
from django.utils import timezone

from stufenweg.mentoring.authority import (
    entry_editable,
    mentoring_projects,
    mentorship_writable,
    reads_mentoring,
    user_roles,
)
from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry, Mentorship
from stufenweg.organisations.models import Membership, Organisation
from stufenweg.organisations.ordering import name_key

QUIET_DAYS = 28  # no log entry for four weeks
ENDING_DAYS = 28


def mentoring_file(user, participation) -> dict | None:
    """The mentoring of ``participation`` for ``user`` (None: the user does not read it, or the
    participation has neither a mentorship nor a mentoring project — a programme without
    mentoring shows no section). A fixed number of queries, however many mentorships and entries:
    the user's roles in the projects are read once."""
    if not reads_mentoring(user, participation):
        return None
    entries = MentoringEntry.objects.select_related("staff", "corrected_by", "employer_contact__employer")
    mentorships = list(
        Mentorship.objects.filter(participation=participation)
        .select_related("mentor", "organisation")
        .prefetch_related(Prefetch("entries", queryset=entries), "after_placement__placement")
    )
    if not mentorships and not mentoring_projects(participation).exists():
        return None
    roles = user_roles(user, {m.organisation_id for m in mentorships})
    for m in mentorships:
        m.can_write = mentorship_writable(user, m, roles)
        for entry in m.entries.all():
            entry.mentorship = m  # no query per entry
            entry.can_edit = entry_editable(user, entry, roles=roles)
        m.any_editable = any(e.can_edit for e in m.entries.all())
    return {"mentorships": mentorships}


def _projects_of(user):
    return Organisation.objects.filter(
        kind=Organisation.Kind.MENTORING_PROJECT,
        active=True,
        memberships__user=user,
        memberships__role__in=(Membership.Role.READ_ONLY, *Membership.WRITING_ROLES),
    ).distinct()


def _due(user, today: dt.date):
    """The running after-placement support of the user's mentees (as mentor, or all of a project
    the user leads) without a log entry in the last four weeks or ending within four weeks, as
    one query (``last_entry`` annotated)."""
    from stufenweg.journeys.selectors import participations_visible_to

    led = Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ORG_ADMIN)
    quiet = today - dt.timedelta(days=QUIET_DAYS)
    ending = today + dt.timedelta(days=ENDING_DAYS)
    return (
        AfterPlacementSupport.objects.filter(started_on__lte=today, until__gte=today)
        # only mentees the user still sees (the project still accompanies them)
        .filter(participation__in=participations_visible_to(user))
        .filter(
            Q(mentorship__mentor=user, mentorship__organisation__in=_projects_of(user))
            | Q(mentorship__organisation__in=led)
        )
        .annotate(last_entry=Max("mentorship__entries__occurred_on"))
        .filter(Q(last_entry__isnull=True) | Q(last_entry__lt=quiet) | Q(until__lte=ending))
    )


def aftercare_worklist(user, *, today: dt.date | None = None) -> list[AfterPlacementSupport]:
    """The due after-placement support of the user's mentees (``_due``), ordered by end, each
    marked ``quiet`` (no entry for four weeks) and ``ending`` (ends within four weeks)."""
    today = today or timezone.localdate()
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    rows = list(
        _due(user, today)
        .select_related("participation__person", "mentorship__mentor", "placement")
        .order_by("until", "pk")
    )
    quiet = today - dt.timedelta(days=QUIET_DAYS)
    ending = today + dt.timedelta(days=ENDING_DAYS)
    for row in rows:
        row.quiet = row.last_entry is None or row.last_entry < quiet
        row.ending = row.until <= ending
    return rows


def aftercare_due_count(user, *, today: dt.date | None = None) -> int:
    """How many rows ``aftercare_worklist`` has, as one COUNT query (the start page's notice)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return _due(user, today or timezone.localdate()).count()


def placement_figures(user) -> list[dict]:
    """Per mentoring project of ``user``: mentees placed into training and into work (distinct
    participations with an effective employment start while mentored)."""
    from stufenweg.journeys.models import JourneyEvent

    figures = []
    for org in sorted(_projects_of(user), key=name_key):
        events = JourneyEvent.objects.filter(
            kind="employment_start",
            superseded_by__isnull=True,
            participation__mentorships__organisation=org,
            occurred_on__gte=F("participation__mentorships__started_on"),  # while mentored
        )
        training = events.filter(employment_kind="vocational_training")
        work = events.exclude(employment_kind="vocational_training")
        figures.append(
            {
                "organisation": org,
                "training": training.values("participation_id").distinct().count(),
                "work": work.values("participation_id").distinct().count(),
            }
        )
    return figures
