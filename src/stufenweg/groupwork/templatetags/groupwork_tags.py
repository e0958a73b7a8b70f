"""Group work on other apps' pages: the participant page (bookings and attended sessions among
the contacts) and the start page (notices of cancelled events)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from stufenweg.groupwork.selectors import group_work_of, notices_for

register = template.Library()


@register.inclusion_tag("groupwork/partials/participant_group_work.html")
def group_work(participation):
    """The participation's bookings and attendances (the participant page has checked that the
    user sees the participation and recorded the read)."""
    # ``today``: a coming session of a booked participant reads „steht noch bevor“, not „nicht erfasst“
    return {**group_work_of(participation), "today": timezone.localdate()}


@register.inclusion_tag("groupwork/partials/notices.html", takes_context=True)
def group_work_notices(context):
    request = context.get("request")
    return {"notices": notices_for(getattr(request, "user", None)), "csrf_token": context.get("csrf_token")}
