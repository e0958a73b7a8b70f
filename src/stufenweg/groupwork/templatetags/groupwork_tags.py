"""Group work on other apps' pages: the participant page (bookings and attended sessions among
the contacts) and the start page (notices of cancelled events)."""

from __future__ import annotations

from django import template

from stufenweg.groupwork.selectors import group_work_of, notices_for

register = template.Library()


@register.inclusion_tag("groupwork/partials/participant_group_work.html")
def group_work(participation):
    """The participation's bookings and attendances (the participant page has checked that the
    user sees the participation and recorded the read)."""
    return group_work_of(participation)


@register.inclusion_tag("groupwork/partials/notices.html", takes_context=True)
def group_work_notices(context):
    request = context.get("request")
    return {"notices": notices_for(getattr(request, "user", None)), "csrf_token": context.get("csrf_token")}
