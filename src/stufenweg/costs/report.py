"""The section „Kosten und Einsparungen“ of the standard report (indicators/standard.py), read
by the web page, the XLSX and the PDF like every other section (docs/indicators.md).

One row per calendar month of the report period up to the as-of day: cost, savings, balance,
cumulative balance (from the period's first month), households with benefit ended and reduced.
Euro amounts to the cent. With the report's region filter, the regions' participations and cost
entries (``balance.programme_balance``). With small-cell suppression (``--suppress-below N``), a
month with fewer than N households counted shows „*“ for its savings, balance, cumulative balance
and counts (the savings of one household are its benefits); in the other months a count of
households with benefit ended or reduced below N is „*“ too (a small cell of its own). The benefit months are the current
ones: unlike the event log they have no recording time, so a past report's savings may change
when benefit months are recorded later. A month after the last month with benefit data
(``people.households.data_month``) shows its cost and „–“ for the rest: its savings are not yet
known (not 0), and so are the balances from there on and the period's total balance.

The euro columns (``MONEY``: cost, savings, balance, cumulative balance) are named in the
section's ``money`` so that the page and the PDF show them to the cent and the XLSX writes them in
a currency format."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stufenweg.costs.balance import ZERO, programme_balance
from stufenweg.indicators.presenting import compose_note
from stufenweg.indicators.results import is_small
from stufenweg.people.households import month_start

SECTION_ID = "costs"
MONEY = [0, 1, 2, 3]  # the cells in euro
TITLE = "Kosten und Einsparungen"


METHOD = gettext_noop(
    "EUR je Monat. Einsparung = LLU + KdU des Vergleichsmonats (vor dem ersten Eintritt eines "
    "Mitglieds) minus LLU + KdU des Monats, ab dem Monat nach dem Eintrittsmonat, mit Vorzeichen; "
    "Saldo = Einsparungen − Kosten."
)
BREAK_EVEN = gettext_noop("Break-even-Monat (kumulierter Saldo erstmals ≥ 0): %(month)s.")
NO_BREAK_EVEN = gettext_noop("Break-even im Zeitraum nicht erreicht.")
NO_DATA_AFTER = gettext_noop(
    "Leistungsdaten liegen bis %(month)s vor: für spätere Monate sind Einsparungen und Saldo noch "
    "nicht bekannt (–)."
)
NOTHING = gettext_noop("Für das Programm sind keine Kosten erfasst und keine Einsparungen zu berechnen.")


def _euro(value) -> float:
    return float(round(value, 2))


def section(params) -> dict:
    params = params.resolved()
    last = min(params.date_to, params.as_of)
    region = params.region_ids or None
    result = programme_balance(
        params.programme,
        region=region,
        first=month_start(params.date_from),
        last=month_start(last),
        today=params.as_of,
    )
    limit = params.suppress_below or 0
    held = result.data_month
    rows, hidden_from, unknown = [], None, False
    for m in result.months:
        if held is not None and m.month > held:
            unknown = True  # no benefit data yet: savings unknown, not 0
            cells = [_euro(m.cost), None, None, None, None, None]
            rows.append({"id": f"{m.month:%Y-%m}", "label": f"{m.month:%m/%Y}", "cells": cells})
            continue
        hide = 0 < m.households < limit
        if hide and hidden_from is None:
            hidden_from = m.month  # the cumulative balance includes it from here on
        cells = [
            _euro(m.cost),
            "*" if hide else _euro(m.savings),
            "*" if hide else _euro(m.balance),
            "*" if hidden_from is not None else _euro(m.cumulative),
            # the households' counts are small cells of their own (one household ended of many)
            "*" if hide or is_small(m.ended, limit) else m.ended,
            "*" if hide or is_small(m.reduced, limit) else m.reduced,
        ]
        rows.append({"id": f"{m.month:%Y-%m}", "label": f"{m.month:%m/%Y}", "cells": cells})
    if result.months:
        known = [m for m in result.months if held is None or m.month <= held]
        savings = sum((m.savings for m in known), ZERO)
        totals = [_euro(result.cost), "*" if hidden_from else _euro(savings)]
        totals += [None if unknown else "*" if hidden_from else _euro(result.balance), "", "", ""]
        rows.append({"id": "total", "label": _("Gesamt"), "cells": totals})
    # the note as (msgid, values) pairs: stored German, translated for the reader by
    # indicators.presenting.localise (a composed sentence is in no catalogue)
    parts = [(METHOD, {})]
    if not result.months:
        parts = [(METHOD, {}), (NOTHING, {})]
    elif result.break_even and hidden_from is None:
        parts.append((BREAK_EVEN, {"month": f"{result.break_even:%m/%Y}"}))
    elif hidden_from is None:
        parts.append((NO_BREAK_EVEN, {}))
    if unknown:
        parts.append((NO_DATA_AFTER, {"month": f"{held:%m/%Y}"}))
    note = compose_note(parts)
    columns = [
        _("Monat"),
        _("Kosten"),
        _("Einsparungen"),
        _("Saldo"),
        _("Saldo kumuliert"),
        _("BG Leistungsbezug beendet"),
        _("BG Leistungsbezug verringert"),
    ]
    return {
        "id": SECTION_ID,
        "title": _(TITLE),
        "note": note,
        "note_parts": [[text, values] for text, values in parts],
        "columns": columns,
        "rows": rows,
        "money": MONEY,
    }
