"""When a measure takes entries: the one rule behind „durchlaufender Einstieg“.

A measure with rolling entry (``Measure.rolling_entry``) takes entries on any day of its period. A
measure without it takes entries at its start dates: its ``start`` and its further start dates
(``MeasureStart``). An entry on another day is not refused outright (real programmes enter people
a few days late); like an overbooking it must be confirmed explicitly on the single-event path
(web form, API: ``journeys.recording.check_entry_date``), and the bulk path (import, demo history)
accepts it, as it accepts recorded facts.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from stufenweg.core.time import format_date
from stufenweg.programmes.models import Measure

SHOWN_DATES = 5  # start dates named in a message


def start_dates(measure: Measure) -> list[dt.date]:
    """The measure's start dates in order: its ``start`` and its further ones (uses a prefetched
    ``starts`` when there is one)."""
    return sorted({measure.start, *(s.on for s in measure.starts.all())})


def takes_entry_on(measure: Measure, on: dt.date) -> bool:
    """Whether an entry on ``on`` needs no confirmation: rolling entry, or a start date."""
    return measure.rolling_entry or on in start_dates(measure)


def next_start_date(measure: Measure, on: dt.date) -> dt.date | None:
    """The first start date on or after ``on`` (``None``: none left)."""
    return next((day for day in start_dates(measure) if day >= on), None)


def dates_text(days: list[dt.date], *, around: dt.date | None = None) -> str:
    """At most ``SHOWN_DATES`` dates, German, from the last one before ``around`` on; „…“ marks
    dates left out."""
    first = max(0, sum(1 for day in days if day < around) - 1) if around is not None else 0
    shown = days[first : first + SHOWN_DATES]
    text = ", ".join(format_date(day) for day in shown)
    if first > 0:
        text = "…, " + text
    if first + SHOWN_DATES < len(days):
        text += ", …"
    return text


def entry_date_problem(measure: Measure, on: dt.date) -> str:
    """The German message for an entry into ``measure`` on ``on`` that is not at a start date
    (empty when the day takes entries). It names the start dates and the next one."""
    if takes_entry_on(measure, on):
        return ""
    days = start_dates(measure)
    following = next_start_date(measure, on)
    message = _(
        "Die Maßnahme %(measure)s hat keinen durchlaufenden Einstieg; Eintritte sind zu den "
        "Startterminen vorgesehen (%(dates)s). Der %(date)s ist kein Starttermin."
    ) % {"measure": measure.code, "dates": dates_text(days, around=on), "date": format_date(on)}
    if following is not None:
        message += " " + _("Nächster Starttermin: %(next)s.") % {"next": format_date(following)}
    message += " " + _("Ein Eintritt an einem anderen Tag muss ausdrücklich bestätigt werden.")
    return message
