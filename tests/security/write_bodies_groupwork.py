"""Group work in the write-authority test: the rules (who organises, who books) and the bodies.

Per case of ``write_world`` an event of the case's Jobcenter with the case booked (``Werkstatt``)
and an open one (``JOBcafé``) to book into; the coordinator owns a notice."""

from __future__ import annotations

from django.urls import reverse

from stufenweg.groupwork import services
from tests.security.groupwork_world import group_objects, notice_of
from tests.security.write_rules import (
    ALLOW,
    FORBID,
    HIDE,
    LOGIN,
    REGION_A,
    REJECT,
    Rule,
)

SEES_EVENT = {"visible": REGION_A | {"mentor"}, "hidden": {"coordinator", "coord_readonly", "mixed"}}
ORGANISES = {"visible": {"coordinator", "jobcenter"}, "hidden": {"coordinator"}}  # Jobcenter A / B organise
BOOKS = {"visible": {"coordinator", "regional", "provider", "jobcenter"}, "hidden": {"coordinator", "mixed"}}
ORGANISERS = frozenset({"coordinator", "regional", "provider", "jobcenter", "mixed"})


class GroupRule(Rule):
    """A write on the case's group event: ``allowed[which]`` may; whoever sees the event gets 403
    (``seen`` outcome), everyone else 404."""

    def __init__(self, allowed: dict, seen: str = FORBID):
        self.allowed, self.seen = allowed, seen

    def outcome(self, persona, which):
        if persona == "anonymous":
            return LOGIN
        if persona in self.allowed[which]:
            return ALLOW
        return self.seen if persona in SEES_EVENT[which] else HIDE


ORGANISER_RULE = GroupRule(ORGANISES)
# a booking names the case in the body: who sees the event but may not book that case gets 403 (no
# acting role) or 422 (the case is not among the persons offered)
BOOKING_RULE = GroupRule(BOOKS, seen=REJECT)
CANCEL_RULE = GroupRule(BOOKS)


def write_objects(ww) -> None:
    """Per case the booked event and an open one; the coordinator's notice."""
    w = ww.world
    ww.groups = {}
    for which, organiser in (("visible", w.jobcenter_a), ("hidden", w.jobcenter_b)):
        objects = group_objects(
            w, ww.cases[which].participation, organiser=organiser, title=f"Werkstatt {which}"
        )
        objects.open_event = services.group_event_create(
            kind="job_cafe",
            title=f"JOBcafé {which}",
            organiser=organiser,
            programmes=[w.programme],
            place="Café",
            capacity=5,
            by=None,
        )
        ww.groups[which] = objects
    ww.own_notice = notice_of(ww.personas["coordinator"], ww.groups["visible"].group_event)


def _organiser_for(ww, persona):
    w = ww.world
    return {
        "regional": w.regional_a,
        "provider": w.provider_a,
        "mixed": w.regional_b,
        "coordinator": w.jobcenter_a,
    }.get(persona, w.jobcenter_a)


def event_body(ww, which, persona):
    return reverse("groupwork:event_create"), {
        "kind": "workshop",
        "title": "Neue Wege zum JOB",
        "organiser": _organiser_for(ww, persona).pk,
        "programmes": [ww.world.programme.pk],
        "place": "JOBfabrik",
        "capacity": "10",
    }


def edit_body(ww, which, persona):
    event = ww.groups[which].group_event
    return reverse("groupwork:event_edit", args=[event.pk]), {
        "kind": "workshop",
        "title": "Geändert",
        "programmes": [ww.world.programme.pk],
        "place": "Anderswo",
        "capacity": "6",
    }


def session_body(ww, which, persona):
    event = ww.groups[which].group_event
    return reverse("groupwork:session_add", args=[event.pk]), {
        "date": "2030-05-06",
        "starts_at": "09:00",
        "ends_at": "12:00",
    }


def cancel_event_body(ww, which, persona):
    event = ww.groups[which].group_event
    return reverse("groupwork:event_cancel", args=[event.pk]), {"reason": "Raum nicht verfügbar"}


def booking_body(ww, which, persona):
    event = ww.groups[which].open_event
    return reverse("groupwork:booking_create", args=[event.pk]), {
        "participation": ww.cases[which].participation.pk
    }


def booking_cancel_body(ww, which, persona):
    return reverse("groupwork:booking_cancel", args=[ww.groups[which].booking.pk]), {}


def attendance_body(ww, which, persona):
    objects = ww.groups[which]
    return reverse("groupwork:attendance", args=[objects.group_session.pk]), {
        f"b{objects.booking.pk}": "attended"
    }


def session_edit_body(ww, which, persona):
    session = ww.groups[which].group_session
    return reverse("groupwork:session_edit", args=[session.pk]), {
        "date": "2030-05-07",
        "starts_at": "10:00",
        "ends_at": "12:00",
    }


def session_remove_body(ww, which, persona):
    return reverse("groupwork:session_remove", args=[ww.groups[which].group_session.pk]), {}


def notice_body(ww, which, persona):
    return reverse("groupwork:notice_dismiss", args=[ww.own_notice.pk]), {}
