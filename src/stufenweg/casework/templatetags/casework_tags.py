"""Template helpers of the casework screens."""

from __future__ import annotations

from django import template
from django.forms.models import ModelChoiceIterator
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from stufenweg.journeys.codes import ExitStatus, split_statuses

register = template.Library()
STATUS_LABELS = dict(ExitStatus.choices)
SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


@register.filter
def status_labels(value: str) -> str:
    """Pipe-joined exit statuses as their German labels."""
    return ", ".join(str(STATUS_LABELS.get(code, code)) for code in split_statuses(value))


@register.filter
def select_options(bound_field) -> str:
    """The ``<option>`` elements of a choice field, as one string.

    One template node instead of three per option (Django's widget templates render each option
    separately, which is slow for long lists), and the choices of a model field read with one
    plain query: iterating ``field.choices`` would open a server-side cursor on PostgreSQL
    (three round trips per select)."""
    current = bound_field.value()
    chosen = (
        {str(v) for v in current}
        if isinstance(current, list | tuple)
        else {"" if current is None else str(current)}
    )
    field = bound_field.field
    choices = field.choices
    if isinstance(choices, ModelChoiceIterator):
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        choices = empty + [choices.choice(obj) for obj in list(choices.queryset)]
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(value), SELECTED if str(value) in chosen else "", str(label)) for value, label in choices),
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
