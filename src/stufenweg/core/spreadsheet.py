"""Cells that spreadsheet software would run as formulas (CSV injection): one rule for every export.

A text cell that starts with one of ``FORMULA_STARTS`` (or with ``'``) is written with a leading
``'``: Excel, LibreOffice and Google Sheets then show the text instead of running it. The rule is
reversible (the exchange format relies on that): ``restore`` removes one leading ``'`` exactly
when the next character is a formula start or ``'``, which is the case for every neutralised cell
and for no other cell (a cell that started with ``'`` was neutralised, so it starts with ``''``).
``protect_apostrophe`` is the raw variant's half of the rule: formula starts stay as they are, only
a leading ``'`` is doubled, so that ``restore`` gives every value back as well.
"""

from __future__ import annotations

import re
from typing import TypeVar

# = + - @ start a formula; tab and carriage return hide one behind white space; | and % start the
# dynamic data exchange and macro payloads of older spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")
QUOTE = "'"
_QUOTED = (*FORMULA_STARTS, QUOTE)
# One search over a row joined with NUL finds every cell start that needs a look; large exports,
# in which almost no row has one, then pass their rows through unchanged.
_SEPARATOR = "\x00"
_NEEDS_NEUTRALISING = re.compile(_SEPARATOR + "[" + re.escape("".join(_QUOTED)) + "]")

T = TypeVar("T")


def neutralise(value: T) -> T | str:
    """``value`` with a leading ``'`` if it is text that starts like a formula or with ``'``;
    any other value (a number, ``None``, harmless text) unchanged."""
    if isinstance(value, str) and value.startswith(_QUOTED):
        return QUOTE + value
    return value


def protect_apostrophe(value: T) -> T | str:
    """The raw variant: only a leading ``'`` is doubled (formula starts are written as they are)."""
    if isinstance(value, str) and value.startswith(QUOTE):
        return QUOTE + value
    return value


def restore(cell: str) -> str:
    """The value of a cell written by ``neutralise`` or ``protect_apostrophe`` (one ``'`` removed
    when a formula start or ``'`` follows it; every other cell unchanged)."""
    if len(cell) > 1 and cell[0] == QUOTE and cell[1] in _QUOTED:
        return cell[1:]
    return cell


def _joined(cells: list) -> str | None:
    try:
        return _SEPARATOR + _SEPARATOR.join(cells)
    except TypeError:  # a cell that is not text: look at each
        return None


def neutralise_row(cells: list) -> list:
    """``neutralise`` applied to every cell of a row (the row itself when no cell needs it)."""
    joined = _joined(cells)
    if joined is not None and _NEEDS_NEUTRALISING.search(joined) is None:
        return cells
    return [neutralise(cell) for cell in cells]


def protect_apostrophe_row(cells: list) -> list:
    """``protect_apostrophe`` applied to every cell of a row (the row itself when no cell needs it)."""
    joined = _joined(cells)
    if joined is not None and _SEPARATOR + QUOTE not in joined:
        return cells
    return [protect_apostrophe(cell) for cell in cells]


def restore_row(cells: list[str]) -> list[str]:
    """``restore`` applied to every cell of a row (the row itself when no cell starts with ``'``)."""
    if _SEPARATOR + QUOTE not in _SEPARATOR + _SEPARATOR.join(cells):
        return cells
    return [restore(cell) for cell in cells]
