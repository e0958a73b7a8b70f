"""Template helpers of the casework screens."""

from __future__ import annotations

from django import template

from stufenweg.journeys.codes import ExitStatus, split_statuses

register = template.Library()
STATUS_LABELS = dict(ExitStatus.choices)


@register.filter
def status_labels(value: str) -> str:
    """Pipe-joined exit statuses as their German labels."""
    return ", ".join(str(STATUS_LABELS.get(code, code)) for code in split_statuses(value))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
