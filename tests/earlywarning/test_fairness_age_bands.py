"""The fairness audit's age bands are disjoint: a person whose held-out samples span a birthday
that changes the band is counted in one band only (the band on the first sample day), so that the
persons of the bands add up to the held-out persons."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.earlywarning.fairness import Case, audit
from stufenweg.earlywarning.features import Spell
from stufenweg.earlywarning.training import _groups_of
from tests.factories import PersonFactory

D = dt.date


def spell(person, birth):
    return Spell(
        participation_id=1,
        person_id=person.pk,
        birth_date=birth,
        stage_code="S1",
        entered_on=D(2024, 1, 1),
        exited_on=None,
        exit_kind="",
    )


@pytest.mark.django_db
def test_a_person_turning_25_between_two_samples_is_counted_in_one_band():
    birth = D(2000, 3, 1)  # 24 on 1 Feb 2025, 25 on 3 Mar 2025
    turning = PersonFactory(birth_date=birth)
    other = PersonFactory(birth_date=D(1990, 6, 1))
    samples = [
        (spell(turning, birth), D(2025, 3, 3)),  # listed first, but later
        (spell(turning, birth), D(2025, 2, 1)),
        (spell(other, D(1990, 6, 1)), D(2025, 2, 1)),
    ]
    groups = _groups_of(samples)
    assert [g["age_band"] for g in groups] == ["18-24", "18-24", "30-44"]
    cases = [
        Case(person_id=s.person_id, groups=g, risk=0.5, dropout=False)
        for (s, _day), g in zip(samples, groups, strict=True)
    ]
    rows = audit(cases, 0.5, min_persons=1)
    bands = rows["dimensions"]["age_band"]
    assert sum(r["persons"] for r in bands) == rows["total"]["persons"] == 2
    assert sum(r["n"] for r in bands) == rows["total"]["n"] == 3
