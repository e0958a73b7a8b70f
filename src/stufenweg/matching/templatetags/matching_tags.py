"""The matching section of the participant page: the current target occupations and the link to
the matching page."""

from __future__ import annotations

from django import template

from stufenweg.matching.selectors import current_targets

register = template.Library()


@register.inclusion_tag("matching/partials/participant_panel.html")
def matching_panel(participation):
    """The participant page has checked that the user sees ``participation`` and recorded the read."""
    return {"p": participation, "targets": current_targets(participation)}
