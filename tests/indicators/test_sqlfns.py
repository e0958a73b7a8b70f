"""The SQL date helpers give the same answers on SQLite and PostgreSQL, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from stufenweg.indicators import sqlfns as f

D = dt.date


def _eval(expr: str):
    with connection.cursor() as c:
        c.execute(f"SELECT {expr}")
        return c.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth", "day", "years", "band"),
    [
        (D(2007, 3, 15), D(2025, 3, 14), 17, "<18"),  # the day before the 18th birthday
        (D(2007, 3, 15), D(2025, 3, 15), 18, "18-24"),  # on the birthday
        (D(2000, 1, 1), D(2024, 12, 31), 24, "18-24"),
        (D(2000, 1, 1), D(2025, 1, 1), 25, "25-29"),
        (D(1995, 6, 30), D(2025, 6, 30), 30, "30-44"),
        (D(1980, 7, 1), D(2025, 6, 30), 44, "30-44"),
        (D(1970, 12, 31), D(2025, 12, 31), 55, "55+"),
        (D(1970, 12, 31), D(2025, 12, 30), 54, "45-54"),
        # born on 29 February: the birthday counts on 1 March in other years
        (D(2004, 2, 29), D(2022, 2, 28), 17, "<18"),
        (D(2004, 2, 29), D(2022, 3, 1), 18, "18-24"),
        (D(2004, 2, 29), D(2024, 2, 29), 20, "18-24"),
        (D(2006, 3, 1), D(2024, 2, 29), 17, "<18"),
        # the ends of the range: a new-born, a 29-year-old the day before 30, very old
        (D(2025, 5, 1), D(2025, 5, 1), 0, "<18"),
        (D(1995, 7, 1), D(2025, 6, 30), 29, "25-29"),
        (D(1930, 1, 1), D(2025, 1, 1), 95, "55+"),
    ],
)
def test_age_and_age_band(birth, day, years, band):
    b, d = f.lit_date(birth), f.lit_date(day)
    assert _eval(f.age(b, d)) == years
    assert _eval(f.age_band(b, d)) == band


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 8, 31), 6, D(2025, 2, 28)),  # clamped to the month's end
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2024, 1, 15), 6, D(2024, 7, 15)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2023, 6, 30), 6, D(2023, 12, 30)),  # the same day, not the month's end
        (D(2023, 12, 31), 6, D(2024, 6, 30)),  # across the year
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, expected):
    value = _eval(f.add_months(f.lit_date(day), months))
    assert str(value) == expected.isoformat()


@pytest.mark.django_db
def test_age_band_of_a_birth_date_after_the_day_is_the_youngest_band():
    """A data error (born after the event) must not fall through to "55+"."""
    assert _eval(f.age_band(f.lit_date(D(2026, 1, 2)), f.lit_date(D(2025, 1, 1)))) == "<18"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("statuses", "code", "expected"),
    [
        ("employed_svb|job_seeking", "job_seeking", True),
        ("employed_svb|job_seeking", "employed_svb", True),
        ("self_employed", "employed_svb", False),  # a code inside another is not that code
        ("minijob", "job_seeking", False),
        ("", "education", False),
    ],
)
def test_has_status_finds_whole_codes_only(statuses, code, expected):
    assert bool(_eval(f.has_status(f"'{statuses}'", code))) is expected


@pytest.mark.django_db
def test_has_status_of_null_is_null():
    assert _eval(f.has_status("NULL", "education")) is None
