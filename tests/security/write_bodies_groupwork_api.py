"""Group work through the API in the write-authority test: the web's rules
(``write_bodies_groupwork``), except that a key without any writing role is refused (403) before
the event or case is looked up (``api.permissions.CanWrite``). The objects are the web's
(``write_bodies_groupwork.write_objects``): per case the booked event and an open one."""

from __future__ import annotations

from django.urls import reverse

from tests.security.write_bodies_groupwork import BOOKS, ORGANISES, GroupRule, _organiser_for
from tests.security.write_rules import FORBID, NO_WRITING_ROLE, REJECT


class ApiGroupRule(GroupRule):
    def outcome(self, persona, which):
        outcome = super().outcome(persona, which)
        if persona in NO_WRITING_ROLE and persona != "anonymous":
            return FORBID
        return outcome


ORGANISER_RULE = ApiGroupRule(ORGANISES)
BOOKING_RULE = ApiGroupRule(BOOKS, seen=REJECT)


def event_body(ww, which, persona):
    return reverse("api:group-event-list"), {
        "kind": "workshop",
        "title": "Neue Wege zum JOB",
        "organiser": _organiser_for(ww, persona).code,
        "programmes": [ww.world.programme.code],
        "place": "JOBfabrik",
        "capacity": 10,
    }


def session_body(ww, which, persona):
    return reverse("api:group-session-list"), {
        "event": ww.groups[which].group_event.pk,
        "date": "2030-05-06",
        "starts_at": "09:00",
        "ends_at": "12:00",
    }


def _case(ww, which) -> dict:
    participation = ww.cases[which].participation
    return {"person_id": participation.person.person_id, "programme": ww.world.programme.code}


def booking_body(ww, which, persona):
    return reverse("api:group-booking-list"), {"event": ww.groups[which].open_event.pk, **_case(ww, which)}


def attendance_body(ww, which, persona):
    return reverse("api:group-attendance-list"), {
        "session": ww.groups[which].group_session.pk,
        "status": "attended",
        **_case(ww, which),
    }


def referral_body(ww, which, persona):
    """A support referral (support app) for the case, planned on a past day."""
    return reverse("api:service-referral-list"), {
        "kind": "debt",
        "planned_on": "2024-05-02",
        **_case(ww, which),
    }
