"""Small template helpers for the shared layout."""

from __future__ import annotations

from django import template
from django.core.paginator import Paginator

register = template.Library()


@register.filter
def page_window(paginator: Paginator, number: int) -> list[int | None]:
    """Page numbers around ``number`` with ``None`` for a gap (rendered as an ellipsis)."""
    return [
        None if page == paginator.ELLIPSIS else page
        for page in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    ]
