"""Number formatting for the human-readable outputs (web page, XLSX labels, PDF)."""

from __future__ import annotations

from django.utils import translation


def number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    text = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"
    if translation.get_language() != "en":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    text = f"{value * 100:.1f}"
    if translation.get_language() != "en":
        text = text.replace(".", ",")
    return f"{text}\u00a0%"


def cell(value) -> str:
    """A table cell: a count, or a rate as ``numerator / denominator = percent``."""
    if isinstance(value, dict):
        return f"{number(value['num'])} / {number(value['den'])} = {percent(value['value'])}"
    return number(value)
