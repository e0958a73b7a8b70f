"""Number formatting for the human-readable outputs (web page, XLSX labels, PDF)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation


def number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    text = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"
    if translation.get_language() != "en":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def amount(value) -> str:
    """A euro amount to the cent (65 000,00); ``*`` and ``–`` as for a number."""
    if value is None or isinstance(value, str):
        return number(value)
    text = f"{value:,.2f}"
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


def day(value: dt.date) -> str:
    """A date: 31.12.2024 in German, 2024-12-31 (ISO, unambiguous) in English."""
    return value.isoformat() if translation.get_language() == "en" else value.strftime("%d.%m.%Y")


def moment(value: dt.datetime) -> str:
    """A point in time to the minute, in the local time zone."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{day(value.date())} {value:%H:%M}"
