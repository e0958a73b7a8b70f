"""The early-warning notice on the participant page and a filter for the audit's figures."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from stufenweg.indicators.results import SUPPRESSED

register = template.Library()


@register.inclusion_tag("earlywarning/partials/notice.html")
def early_warning_notice(participation, can_act=False):
    """A small notice when ``participation`` (visible to the user; the page has recorded the read)
    has a warning: the risk, its reasons, the latest decision and, for users who may write
    casework (``can_act``), the link to decide."""
    from stufenweg.earlywarning.selectors import latest_decisions, risk_for

    found = risk_for(participation)
    if found is None or not found[1].warned:
        return {"show": False}
    model, risk = found
    decision = latest_decisions([participation.pk]).get(participation.pk)
    return {
        "show": True,
        "p": participation,
        "risk": risk,
        "model": model,
        "decision": decision,
        "open": decision is None or decision.model_id != model.pk,
        "can_act": can_act,
    }


@register.filter
def figure(value, digits=3):
    """A rate of the fairness audit: ``*`` (suppressed) and ``–`` (none) stay text."""
    if value is None:
        return "–"
    if value == SUPPRESSED:
        return SUPPRESSED
    if isinstance(value, int):
        return number_format(value)
    return number_format(value, decimal_pos=int(digits))
