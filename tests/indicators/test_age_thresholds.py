"""The age band from per-person thresholds (computed once in the participations table) equals the
age band computed per event from the birth date, for every birth date around 29 February and
month ends and every day around the birthdays that change a band."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from stufenweg.indicators import sqlfns as f

D = dt.date

BIRTHS = [
    D(2004, 2, 29),
    D(2000, 2, 29),
    D(2003, 2, 28),
    D(2004, 2, 28),
    D(2004, 3, 1),
    D(2005, 3, 1),
    D(2003, 12, 31),
    D(2004, 1, 1),
    D(1970, 2, 28),
    D(1972, 2, 29),
    D(1980, 8, 31),
    D(2005, 3, 1),
    D(2007, 3, 1),
]


def _days():
    """Every day within four days of each band's birthday of each birth date."""
    for birth in BIRTHS:
        for n, _ in f.AGE_BOUNDS:
            year = birth.year + n
            around = D(year, birth.month, 28 if (birth.month, birth.day) == (2, 29) else birth.day)
            for k in range(-4, 5):
                yield birth, around + dt.timedelta(days=k)


@pytest.mark.django_db
def test_thresholds_give_the_same_band():
    pairs = sorted(set(_days()))
    assert len(pairs) > 400
    thresholds = f.age_thresholds("q.birth_date")
    per_event = f.age_band("t.birth_date", "t.day")
    from_thresholds = f.age_band("t.birth_date", "t.day", "t")
    result = []
    with connection.cursor() as c:
        for i in range(0, len(pairs), 200):  # SQLite allows 500 terms in a compound SELECT
            rows = " UNION ALL ".join(
                f"SELECT {f.lit_date(b)} AS birth_date, {f.lit_date(d)} AS day" for b, d in pairs[i : i + 200]
            )
            c.execute(
                f"SELECT t.birth_date, t.day, {per_event}, {from_thresholds} "
                f"FROM (SELECT q.birth_date, q.day{thresholds} FROM ({rows}) q) t"
            )
            result += c.fetchall()
    assert len(result) == len(pairs)
    differ = [row for row in result if row[2] != row[3]]
    assert differ == []
    assert {row[2] for row in result} == {"<18", "18-24", "25-29", "30-44", "45-54", "55+"}
