"""Demo step: mentoring in the mentoring projects. For the first participants in a measure of
each mentoring project a mentor (a writing member of the project) is assigned from the entry into
the measure, with a meeting in the log and an employer contact (recorded in the employer's
contact history); mentees with an employment start get after-placement support. Written through
the services (``by=None``: the loader), reproducible (``ctx.rng_for("mentoring")``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.journeys.models import Enrolment
from stufenweg.mentoring import services
from stufenweg.organisations.models import Membership, Organisation, User

PER_PROJECT = 8
TOPICS = ("Bewerbungsunterlagen", "Vorbereitung Vorstellungsgespräch", "Berufsschule", "Sprachkurs")


def add_mentoring(ctx) -> None:
    rng = ctx.rng_for("mentoring")
    today = timezone.localdate()
    employers = list(
        Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, active=True).order_by("pk")[:20]
    )
    for project in Organisation.objects.filter(
        kind=Organisation.Kind.MENTORING_PROJECT, active=True
    ).order_by("pk"):
        mentors = list(
            User.objects.filter(
                is_active=True,
                memberships__organisation=project,
                memberships__role__in=Membership.WRITING_ROLES,
            )
            .distinct()
            .order_by("pk")
        )
        if not mentors:
            continue
        enrolments = (
            Enrolment.objects.filter(measure__provider=project, exited_on__isnull=True)
            .select_related("participation")
            .order_by("pk")[:PER_PROJECT]
        )
        for enrolment in enrolments:
            participation = enrolment.participation
            # mentored from the first entry into the programme, so that a placement during an
            # earlier enrolment counts among the project's placements ("while mentored")
            first = Enrolment.objects.filter(participation=participation).order_by("entered_on").first()
            start = min(first.entered_on, today)
            mentorship = services.mentorship_assign(
                participation=participation,
                organisation=project,
                mentor=rng.choice(mentors),
                started_on=start,
                by=None,
            )
            span = max((today - start).days, 0)
            services.mentoring_entry_record(
                mentorship=mentorship,
                occurred_on=start + dt.timedelta(days=rng.randint(0, span)),
                kind="meeting",
                topic=rng.choice(TOPICS),
                by=None,
            )
            if employers:
                services.mentoring_entry_record(
                    mentorship=mentorship,
                    occurred_on=start + dt.timedelta(days=rng.randint(0, span)),
                    kind="employer",
                    topic="Praktikums- oder Ausbildungsplatz",
                    employer=rng.choice(employers),
                    employer_topic="placement",
                    by=None,
                )
            placement = services.placements(participation).first()
            if placement is not None:
                services.after_placement_support_start(mentorship=mentorship, placement=placement, by=None)
