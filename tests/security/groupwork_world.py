"""Group events for the security worlds (permission matrix, write authority, fuzzing): per case
an event of the case's Jobcenter in the case's region (JOBfabrik workshop, a session held a week
ago) with the case's participation booked and a cancellation notice of the coordinator's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from stufenweg.groupwork import services
from stufenweg.groupwork.models import Notice


@dataclass
class GroupObjects:
    group_event: object
    group_session: object
    booking: object


def group_objects(world, participation, *, organiser, title: str) -> GroupObjects:
    day = timezone.localdate() - dt.timedelta(days=7)
    event = services.group_event_create(
        kind="workshop",
        title=title,
        organiser=organiser,
        programmes=[world.programme],
        place="JOBfabrik",
        capacity=5,
        sessions=[(day, dt.time(9), dt.time(12))],
        by=None,
    )
    booking = services.booking_create(event=event, participation=participation, by=None)
    return GroupObjects(event, event.sessions.get(), booking)


def notice_of(user, event) -> Notice:
    return Notice.objects.create(recipient=user, event=event, text="Das Gruppenangebot wurde abgesagt.")
