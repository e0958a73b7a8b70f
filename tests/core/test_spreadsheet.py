"""The one formula rule of every export is reversible: restore(neutralise(v)) == v and
restore(protect_apostrophe(v)) == v for every text, and neutralise leaves numbers alone."""

from __future__ import annotations

import pytest

from stufenweg.core.spreadsheet import (
    FORMULA_STARTS,
    neutralise,
    neutralise_row,
    protect_apostrophe,
    protect_apostrophe_row,
    restore,
    restore_row,
)

VALUES = [
    "",
    "Anna",
    "'",
    "''",
    "'Anna",
    "''Anna",
    "'=x",
    "''=x",
    "=",
    '=HYPERLINK("http://x")',
    "+1",
    "-1+1",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "|cmd",
    "%macro",
    "a=b",
    " =x",
    "x\x00=y",
]


@pytest.mark.parametrize("value", VALUES)
def test_neutralised_and_raw_cells_restore_exactly(value):
    assert restore(neutralise(value)) == value
    assert restore(protect_apostrophe(value)) == value


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_gets_a_quote(start):
    assert neutralise(start + "1") == "'" + start + "1"
    assert protect_apostrophe(start + "1") == start + "1"


def test_numbers_and_empty_values_are_left_alone():
    assert neutralise(-1) == -1
    assert neutralise(None) is None
    assert neutralise_row([1, None, "-1"]) == [1, None, "'-1"]


def test_rows_match_the_cell_rule():
    row = VALUES
    assert neutralise_row(row) == [neutralise(v) for v in row]
    assert protect_apostrophe_row(row) == [protect_apostrophe(v) for v in row]
    assert restore_row(neutralise_row(row)) == row
    plain = ["E1", "P1", "2022-01-01", ""]
    assert neutralise_row(plain) is plain and restore_row(plain) is plain
