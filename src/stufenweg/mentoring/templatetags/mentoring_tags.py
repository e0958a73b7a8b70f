"""The mentoring section of the participant page."""

from __future__ import annotations

from django import template

from stufenweg.mentoring.authority import assigning_projects
from stufenweg.mentoring.selectors import mentoring_file

register = template.Library()


@register.inclusion_tag("mentoring/partials/participant_mentoring.html", takes_context=True)
def mentoring_panel(context, participation):
    """Shown only to readers of the mentoring (``mentoring.authority.reads_mentoring``); the
    participant page has checked that the user sees the participation and recorded the read."""
    user = context["request"].user
    file = mentoring_file(user, participation)
    return {
        "p": participation,
        "mentoring": file,
        "can_assign": bool(file is not None and assigning_projects(user, participation)),
    }


@register.inclusion_tag("mentoring/partials/aftercare_notice.html", takes_context=True)
def aftercare_notice(context):
    """On the start page of members of a mentoring project (the page shows it only to them):
    how many mentees of the worklist „Nachbetreuung“ are due, with the link (a count, no names;
    one COUNT query)."""
    from stufenweg.mentoring.selectors import aftercare_due_count

    return {"shown": True, "due": aftercare_due_count(context["request"].user)}
