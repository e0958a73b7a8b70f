"""The ranking on hand-made records (no database): the occupation level decides first (same
five-digit code > same group > same main group), then region, start and hours; the reasons are
German sentences naming what fits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stufenweg.matching.ranking import (
    MEASURE,
    NO_FIT,
    SAME_CODE,
    SAME_GROUP,
    SAME_MAIN_GROUP,
    VACANCY,
    Candidate,
    Wish,
    best_fit,
    occupation_level,
    rank,
)

TODAY = dt.date(2026, 12, 7)
BAUTZEN, GOERLITZ = 1, 2


def measure(pk, codes, *, region=BAUTZEN, free=3, rolling=True, starts_on=None, title=None):
    return Candidate(
        kind=MEASURE,
        pk=pk,
        title=title or f"M{pk}",
        organisation="Träger",
        occupations=tuple(codes),
        region_id=region,
        region_name={BAUTZEN: "Bautzen", GOERLITZ: "Görlitz"}[region],
        free_places=free,
        rolling_entry=rolling,
        starts_on=starts_on,
    )


def vacancy(pk, code, *, region=BAUTZEN, hours=None, starts_on=None, places=1):
    return Candidate(
        kind=VACANCY,
        pk=pk,
        title=f"S{pk}",
        organisation="Betrieb",
        occupations=(code,),
        region_id=region,
        region_name={BAUTZEN: "Bautzen", GOERLITZ: "Görlitz"}[region],
        free_places=places,
        starts_on=starts_on,
        hours=Decimal(hours) if hours is not None else None,
    )


def test_levels_of_two_codes():
    assert occupation_level("29302", "29302") == SAME_CODE
    assert occupation_level("29302", "29301") == SAME_GROUP  # 293 Speisenzubereitung, other level
    assert occupation_level("29302", "29212") == SAME_MAIN_GROUP  # 29 Lebensmittel, group 292
    assert occupation_level("29302", "63302") == NO_FIT  # 633 Gastronomie: another main group
    assert best_fit(("54101", "29302"), ("63302", "29212", "29301")) == (SAME_GROUP, "29301")


def test_code_beats_group_beats_main_group_and_misfits_are_left_out():
    wish = Wish(targets=("29302",), region_id=BAUTZEN)
    result = rank(
        wish,
        [
            measure(1, ["29212"]),  # main group
            measure(2, ["63302"]),  # no fit
            vacancy(3, "29301"),  # group
            measure(4, ["54101", "29302"]),  # the code itself (second of its list)
        ],
        today=TODAY,
    )
    assert [(s.candidate.pk, s.level) for s in result] == [
        (4, SAME_CODE),
        (3, SAME_GROUP),
        (1, SAME_MAIN_GROUP),
    ]


def test_reasons_name_code_group_main_group_region_and_places():
    wish = Wish(targets=("29302",), region_id=BAUTZEN)
    by_pk = {
        s.candidate.pk: s.reasons
        for s in rank(
            wish, [measure(1, ["29302"]), measure(2, ["29301"], free=1), vacancy(3, "29212")], today=TODAY
        )
    }
    assert by_pk[1] == [
        "gleicher Beruf 29302 Speisenzubereitung (fachlich ausgerichtete Tätigkeiten)",
        "Region Bautzen",
        "laufender Einstieg",
        "3 freie Plätze",
    ]
    assert by_pk[2][0] == "gleiche Berufsgruppe 293 Speisenzubereitung"
    assert by_pk[2][-1] == "1 freier Platz"
    assert by_pk[3][:3] == [
        "gleiche Berufshauptgruppe 29 Lebensmittelherstellung und -verarbeitung",
        "Region Bautzen",
        "Beginn sofort",
    ]


def test_within_a_level_own_region_then_start_then_hours():
    wish = Wish(targets=("29302",), region_id=BAUTZEN, hours=30, available_from=dt.date(2027, 1, 1))
    result = rank(
        wish,
        [
            vacancy(1, "29302", region=GOERLITZ, hours="20"),  # other region
            vacancy(2, "29302", hours="38"),  # too many hours
            vacancy(3, "29302", hours="25", starts_on=dt.date(2026, 12, 15)),  # starts before availability
            vacancy(4, "29302", hours="30", starts_on=dt.date(2027, 2, 1)),  # fits in every way
        ],
        today=TODAY,
    )
    assert [s.candidate.pk for s in result] == [4, 2, 3, 1]
    reasons = {s.candidate.pk: s.reasons for s in result}
    assert "andere Region: Görlitz" in reasons[1]
    assert "38 Wochenstunden, mehr als die möglichen 30" in reasons[2]
    assert "Beginn 15.12.2026, vor der Verfügbarkeit ab 01.01.2027" in reasons[3]
    assert "30 Wochenstunden, passend (höchstens 30)" in reasons[4]


def test_a_better_occupation_outranks_a_better_region():
    wish = Wish(targets=("29302",), region_id=BAUTZEN)
    result = rank(wish, [measure(1, ["29301"]), measure(2, ["29302"], region=GOERLITZ)], today=TODAY)
    assert [s.candidate.pk for s in result] == [2, 1]


def test_measure_without_rolling_entry_names_its_next_start_and_more_places_rank_first():
    wish = Wish(targets=("29302",), region_id=BAUTZEN)
    result = rank(
        wish,
        [
            measure(1, ["29302"], rolling=False, starts_on=None, free=5),  # no start left
            measure(2, ["29302"], rolling=False, starts_on=dt.date(2027, 1, 4), free=1),
            measure(3, ["29302"], free=2),
        ],
        today=TODAY,
    )
    assert [s.candidate.pk for s in result] == [3, 2, 1]
    assert "nächster Starttermin 04.01.2027" in result[1].reasons
    assert "kein weiterer Starttermin" in result[2].reasons


def test_no_target_no_suggestion():
    assert rank(Wish(targets=()), [measure(1, ["29302"])], today=TODAY) == []
