"""Small template helpers for the shared layout."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext

from stufenweg.journeys.codes import State

register = template.Library()


@register.filter
def page_window(paginator: Paginator, number: int) -> list[int | None]:
    """Page numbers around ``number`` with ``None`` for a gap (rendered as an ellipsis)."""
    return [
        None if page == paginator.ELLIPSIS else page
        for page in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    ]


def participant_url(person_pk: int) -> str | None:
    """URL of a person's casework page, or None while the casework app has no such view."""
    try:
        return reverse("casework:participant_detail", args=[person_pk])
    except NoReverseMatch:
        return None


@register.simple_tag
def participant_link(person) -> str:
    """The person's name ("Nachname, Vorname"), linked to their casework page when it exists."""
    name = f"{person.last_name}, {person.first_name}"
    url = participant_url(person.pk)
    if url is None:
        return conditional_escape(name)
    return format_html('<a href="{}">{}</a>', url, name)


@register.filter
def state_badge(state: str) -> str:
    """A badge for a participation state code (CSS class badge--<code>)."""
    return _state_badge(get_language(), state)


STATE_LABELS = dict(State.choices)


@lru_cache(maxsize=256)
def _state_badge(language: str | None, state: str) -> str:
    """The badge in the active ``language`` (a list page shows 25; made once per state and language)."""
    return format_html(
        '<span class="badge badge--{}">{}</span>', state, gettext(STATE_LABELS.get(state, state))
    )
