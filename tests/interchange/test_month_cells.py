"""A month cell (households.csv ``month``, ``YYYY-MM``) that is no month is a problem of its row
with a German message, never a crash of the import: year 0000 has no calendar date."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.interchange import schemas as s
from stufenweg.interchange.parsers import CellError, parse_cell

MONTH = s.Column("month", s.MONTH, required=True)


@pytest.mark.parametrize("raw", ["0000-09", "2024-13", "2024-00", "24-05", "2024-5"])
def test_a_cell_that_is_no_month_is_a_cell_error(raw):
    with pytest.raises(CellError, match="kein gültiger Monat"):
        parse_cell(MONTH, raw)


def test_a_month_is_its_first_day():
    assert parse_cell(MONTH, "2024-05") == dt.date(2024, 5, 1)
    assert parse_cell(MONTH, "0001-01") == dt.date(1, 1, 1)
