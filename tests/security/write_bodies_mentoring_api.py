"""Mentoring through the API in the write-authority test: the web's rule
(``write_bodies_mentoring.RULE``: no persona mentors the matrix's cases, so the coordination office,
which reads their mentoring, is refused with 403 and everyone else with 403 or 404). The objects
are the web's (``write_bodies_mentoring.mentoring_objects``): per case a mentorship of the
``mentor`` persona with an after-placement support."""

from __future__ import annotations

from django.urls import reverse


def mentorship_body(ww, which, persona):
    participation = ww.cases[which].participation
    return reverse("api:mentorship-list"), {
        "person_id": participation.person.person_id,
        "programme": ww.world.programme.code,
        "organisation": ww.world.mentoring.code,
        "mentor": ww.personas["mentor"].username,
        "started_on": "2024-05-02",
    }


def end_body(ww, which, persona):
    return reverse("api:mentorship-end", args=[ww.cases[which].mentorship.pk]), {"ended_on": "2024-05-02"}


def entry_body(ww, which, persona):
    return reverse("api:mentoring-entry-list"), {
        "mentorship": ww.cases[which].mentorship.pk,
        "date": "2024-05-02",
        "kind": "meeting",
        "topic": "Bewerbung",
    }


def support_body(ww, which, persona):
    case = ww.cases[which]
    placement = case.participation.events.order_by("-pk").first()
    return reverse("api:after-placement-support-list"), {
        "mentorship": case.mentorship.pk,
        "placement": placement.pk,
        "months": 6,
    }
