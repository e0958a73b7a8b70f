"""Template helpers of the casework screens."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django import template
from django.forms.models import ModelChoiceIterator
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


@register.filter(expects_localtime=True)
def short_date(value) -> str:
    """``value|date:"SHORT_DATE_FORMAT"``, for a day made once per day and language (the list
    shows three per row); a date-time goes to Django's filter as it is (already local time)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        return date_filter(value, "SHORT_DATE_FORMAT")
    return _short_date(get_language(), value)


@lru_cache(maxsize=4096)
def _short_date(language: str | None, value: dt.date) -> str:
    return date_filter(value, "SHORT_DATE_FORMAT")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
