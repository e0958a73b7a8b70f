"""Ids and dates from query strings and forms, bounded so that nothing downstream overflows.

A query parameter or form value becomes an id or a date only through this module: an id is a
whole number from 1 to 2**63 - 1 (what PostgreSQL's bigint and SQLite's INTEGER hold; a larger
one makes the database driver raise ``OverflowError``), a date lies between 1900 and 2199 (date
arithmetic such as "the day after" or a conversion to UTC overflows at the ends of Python's date
range). A malformed value in a filter is left out and named in one German message; in a form it
is a German error next to the field. Never a 500.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_ID = 2**63 - 1
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")  # <input type="date"> sends ISO; typed German dates too
DATE_RANGE_MESSAGE = gettext_lazy("Das Datum muss zwischen 1900 und 2199 liegen.")


def parse_id(raw: object) -> int | None:
    """The id written in ``raw`` (ASCII digits, 1 … 2**63 - 1), else None."""
    if not isinstance(raw, str) or not 0 < len(raw) <= len(str(MAX_ID)):
        return None
    if not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def parse_ids(values: list[str]) -> list[int]:
    """The valid ids among ``values`` (e.g. ``request.POST.getlist(...)``); the rest left out."""
    return [value for value in map(parse_id, values) if value is not None]


def parse_date(raw: object) -> dt.date | None:
    """The date in ``raw`` (ISO or German ``TT.MM.JJJJ``, or a date) between 1900 and 2199, else None."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw if EARLIEST <= raw <= LATEST else None
    if not isinstance(raw, str) or len(raw.strip()) > 10:
        return None
    for fmt in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(raw.strip(), fmt).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
        return day if EARLIEST <= day <= LATEST else None
    return None


class QueryParams:
    """Filters of a page read from its query string: ``params.id("region", _("Region"))``.

    A missing or empty parameter is None; a malformed one is None as well and its label is
    noted, so that ``warn(request)`` can tell the user in one message which filters were left
    out (a bookmark or a hand-edited address never ends in an error page).
    """

    def __init__(self, data: QueryDict):
        self.data = data
        self.ignored: list[str] = []

    def _raw(self, name: str) -> str | None:
        raw = self.data.get(name)
        return raw if raw not in (None, "") else None

    def id(self, name: str, label: str) -> int | None:
        raw = self._raw(name)
        value = parse_id(raw)
        if raw is not None and value is None:
            self.ignored.append(str(label))
        return value

    def date(self, name: str, label: str) -> dt.date | None:
        raw = self._raw(name)
        value = parse_date(raw)
        if raw is not None and value is None:
            self.ignored.append(str(label))
        return value

    def warn(self, request: HttpRequest) -> None:
        if self.ignored:
            messages.warning(
                request,
                _("Ungültige Angabe in der Adresse nicht berücksichtigt: %(fields)s.")
                % {"fields": ", ".join(dict.fromkeys(self.ignored))},
            )


class IdField(forms.IntegerField):
    """A database id in a form: a whole number from 1 to 2**63 - 1, with German errors."""

    default_error_messages = {
        "invalid": gettext_lazy("Bitte eine gültige ID angeben (eine ganze Zahl ab 1)."),
        "min_value": gettext_lazy("Bitte eine gültige ID angeben (eine ganze Zahl ab 1)."),
        "max_value": gettext_lazy("Diese ID gibt es nicht (die Zahl ist zu groß)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several objects chosen by id: a value that is no id (e.g. 25 digits) is the field's
    German "not a valid value" error; Django would put it into ``pk__in`` and the driver raise
    ``OverflowError``."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class BoundedDateField(forms.DateField):
    """A date in a form (the locale's input formats and ISO) between 1900 and 2199."""

    default_error_messages = {"out_of_range": DATE_RANGE_MESSAGE}

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
