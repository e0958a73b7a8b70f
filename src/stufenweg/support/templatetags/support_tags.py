"""Support services, barriers and the phases of the support plan on the participant page."""

from __future__ import annotations

from django import template

from stufenweg.support.selectors import support_file

register = template.Library()


@register.inclusion_tag("support/partials/participant_support.html")
def support_panel(participation, can_act=False, can_refer=None):
    """The sections of ``participation`` (the participant page has checked that the user sees
    it and recorded the read; ``can_act``: the page's answer whether the user may write casework
    for it, ``can_refer``: whether it may refer to support services (``can_act`` unless given;
    the Jobcenter refers without writing other casework), the same rules the services apply)."""
    return {
        "p": participation,
        "support": support_file(participation),
        "can_act": can_act,
        "can_refer": can_act if can_refer is None else can_refer,
    }
