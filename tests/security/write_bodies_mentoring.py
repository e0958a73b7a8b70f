"""Mentoring in the security tests: a mentorship (with an after-placement support) per case and
valid bodies for the write-authority test.

The cases of these worlds are not enrolled in a measure of the mentoring project, so nobody of
the personas writes mentoring for them: the coordination office reads the mentoring and is
refused (403), the personas that see the case but not its mentoring (regional office, provider,
Jobcenter) get 404, as do the others — the ``mentor`` persona too, although the fixture makes it
the mentor of these mentorships (its project no longer accompanies them). Who does write (the
mentor, the project's lead) is tested in tests/mentoring/ and tests/browser/test_mentoring.py."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry, Mentorship
from tests.security.write_rules import Only

# the coordination office (writing or read-only) reads the mentoring of every case: 403;
# everyone else 403 or 404
RULE = Only(frozenset(), forbidden=frozenset({"coordinator", "coord_readonly"}))
# the personas that see the mentoring of the matrix's cases (the coordination office)
READERS = frozenset({"coordinator", "coord_readonly"})


def mentoring_objects(world, case) -> None:
    """``case.mentorship`` (mentor: the ``mentor`` persona) with ``case.mentoring_entry`` and
    ``case.after_placement``."""
    case.mentorship = Mentorship.objects.create(
        organisation=world.mentoring,
        mentor=world.personas["mentor"],
        participation=case.participation,
        started_on=dt.date(2024, 1, 2),
    )
    case.mentoring_entry = MentoringEntry.objects.create(
        mentorship=case.mentorship, occurred_on=dt.date(2024, 2, 1), kind="meeting", topic="Bewerbung"
    )
    event = case.participation.events.order_by("pk").first()
    today = dt.date.today()
    case.after_placement = AfterPlacementSupport.objects.create(
        participation=case.participation,
        mentorship=case.mentorship,
        placement=event,
        started_on=today - dt.timedelta(days=30),
        months=6,
        until=today + dt.timedelta(days=150),
    )


def write_objects(ww) -> None:
    for case in ww.cases.values():
        mentoring_objects(ww.world, case)


def _participation_route(name: str, data: dict):
    return lambda ww, which, persona: (reverse(name, args=[ww.cases[which].participation.pk]), dict(data))


def _mentorship_route(name: str, data: dict):
    return lambda ww, which, persona: (reverse(name, args=[ww.cases[which].mentorship.pk]), dict(data))


def mentorship_add(ww, which, persona):
    return reverse("mentoring:mentorship_add", args=[ww.cases[which].participation.pk]), {
        "organisation": str(ww.world.mentoring.pk),
        "mentor": str(ww.personas["mentor"].pk),
        "started_on": "2024-05-02",
    }


entry_add = _mentorship_route(
    "mentoring:entry_add", {"occurred_on": "2024-05-02", "kind": "meeting", "topic": "Bewerbung"}
)
aftercare_add = _mentorship_route("mentoring:aftercare_add", {"placement": "0", "months": "6"})
mentorship_end = _mentorship_route("mentoring:mentorship_end", {"ended_on": "2024-05-02"})
