"""Parsing one cell of the exchange format into a Python value, with a German message if it fails."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.journeys.codes import join_statuses

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
INT_RE = re.compile(r"^[+-]?\d+$")
DECIMAL_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
TRUE = {"yes", "ja"}
FALSE = {"no", "nein"}


class CellError(ValueError):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


_zone: ZoneInfo | None = None


def local_zone() -> ZoneInfo:
    global _zone
    if _zone is None:
        _zone = ZoneInfo(settings.TIME_ZONE)
    return _zone


def parse_date(raw: str) -> dt.date:
    if DATE_RE.match(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise CellError(_("%(value)s ist kein gültiges Datum") % {"value": raw})


def parse_datetime(raw: str) -> dt.datetime:
    try:
        if len(raw) < 16 or raw[10] not in "T ":
            raise ValueError
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise CellError(
            _("%(value)s ist kein gültiger Zeitpunkt (ISO 8601, z. B. 2022-05-02T14:30:00+02:00)")
            % {"value": raw}
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_zone())
    return value


def parse_cell(column: s.Column, raw: str):
    """The value of ``raw`` (already stripped, non-empty) for ``column``; raises ``CellError``."""
    kind = column.kind
    if kind in (s.STR, s.REF):
        if column.max_length and len(raw) > column.max_length:
            raise CellError(
                _("Der Wert ist zu lang (höchstens %(limit)s Zeichen, hier %(length)s).")
                % {"limit": column.max_length, "length": len(raw)}
            )
        return raw
    if kind == s.DATE:
        return parse_date(raw)
    if kind == s.DATETIME:
        return parse_datetime(raw)
    if kind == s.CODE:
        value = raw.lower()
        if value not in column.choices:
            raise CellError(
                _("„%(value)s“ ist kein gültiger Code (zulässig: %(allowed)s)")
                % {"value": raw, "allowed": ", ".join(column.choices)}
            )
        return value
    if kind == s.BOOL:
        value = raw.lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise CellError(_("„%(value)s“ ist kein gültiger Wert (zulässig: yes, no)") % {"value": raw})
    if kind == s.YESNONA:
        value = raw.lower()
        if value in TRUE:
            return "yes"
        if value in FALSE:
            return "no"
        if value == "na":
            return "na"
        raise CellError(_("„%(value)s“ ist kein gültiger Wert (zulässig: yes, no, na)") % {"value": raw})
    if kind == s.INT:
        if not INT_RE.match(raw):
            raise CellError(_("%(value)s ist keine ganze Zahl") % {"value": raw})
        number = int(raw)
        _check_range(column, number, raw)
        return number
    if kind == s.DECIMAL:
        if not DECIMAL_RE.match(raw):
            raise CellError(_("%(value)s ist keine Zahl") % {"value": raw})
        try:
            number = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            raise CellError(_("%(value)s ist keine Zahl") % {"value": raw}) from None
        _check_range(column, number, raw)
        if column.places is not None and -number.as_tuple().exponent > column.places:
            raise CellError(
                _("%(value)s hat zu viele Nachkommastellen (höchstens %(places)s)")
                % {"value": raw, "places": column.places}
            )
        return number
    if kind == s.MONTH:
        match = MONTH_RE.match(raw)
        if match and 1 <= int(match.group(2)) <= 12 and int(match.group(1)) >= dt.MINYEAR:  # not year 0000
            return dt.date(int(match.group(1)), int(match.group(2)), 1)
        raise CellError(_("%(value)s ist kein gültiger Monat (JJJJ-MM)") % {"value": raw})
    if kind == s.STATUSES:
        parts = [p.strip().lower() for p in raw.split("|") if p.strip()]
        unknown = [p for p in parts if p not in column.choices]
        if unknown:
            raise CellError(
                _("„%(value)s“ ist kein gültiger Status (zulässig: %(allowed)s)")
                % {"value": unknown[0], "allowed": ", ".join(column.choices)}
            )
        return join_statuses(parts)
    if kind == s.LIST:
        return [p.strip() for p in raw.split("|") if p.strip()]
    if kind == s.TIME:
        return parse_time(raw)
    raise AssertionError(kind)


TIME_RE = re.compile(r"^\d{1,2}:\d{2}$")


def parse_time(raw: str) -> dt.time:
    """A time of day ``HH:MM`` (group sessions)."""
    if TIME_RE.match(raw):
        hours, minutes = (int(part) for part in raw.split(":"))
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    raise CellError(_("%(value)s ist keine gültige Uhrzeit (SS:MM)") % {"value": raw})


def _check_range(column: s.Column, number, raw: str) -> None:
    if column.min_value is not None and number < column.min_value:
        raise CellError(
            _("%(value)s ist zu klein (mindestens %(limit)s)") % {"value": raw, "limit": column.min_value}
        )
    if column.max_value is not None and number > column.max_value:
        raise CellError(
            _("%(value)s ist zu groß (höchstens %(limit)s)") % {"value": raw, "limit": column.max_value}
        )
