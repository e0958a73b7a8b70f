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
def options(bound_field) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of a choice field, for rendering a select in one template loop
    (Django's widget templates render each option separately, which is slow for long lists)."""
    current = bound_field.value()
    chosen = (
        {str(v) for v in current}
        if isinstance(current, list | tuple)
        else {"" if current is None else str(current)}
    )
    return [(str(value), str(label), str(value) in chosen) for value, label in bound_field.field.choices]


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
