"""Profile categories (profile_ratings.csv) and the programme's phase names (support_phases.csv) in
the exchange format: imported through ``support.services``, all or nothing with German problems
per file, row and column, exported per programme, round trip into an empty database identical."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.programmes.models import Programme
from stufenweg.support import services
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, SupportPhase
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

# P1 has left the programme (2022-06-30); P2 and P3 are in a stage.
PROFILES = """person_id,programme,category,assessed_on
P2,JPS,development,2022-02-10
P2,JPS,support,2022-09-01
P3,JPS,market,2022-07-02
P3,JPS,activation,2022-07-02
"""
# the three phases of a programme that names its own (another system's export)
PHASES = """person_id,programme,on,phase,phase_name
P2,JPS,2022-02-10,1,Eingangsphase
P2,JPS,2022-03-01,2,Hauptphase
P2,JPS,2022-11-01,3,Nachbetreuung
P3,JPS,2022-07-02,1,eingangsphase
"""


def _current_profile(person_id: str) -> str:
    rows = ProfileRating.objects.filter(participation__person__person_id=person_id)
    return rows.order_by("-assessed_on", "-id").first().category


def test_profile_ratings_are_imported_and_re_imported_unchanged(dataset):
    result = import_exchange(dataset(profile_ratings_csv=PROFILES))
    assert lines(result) == []
    assert result.counts["profile_ratings.csv"] == {"created": 4, "updated": 0, "unchanged": 0}
    assert _current_profile("P2") == "support"
    assert _current_profile("P3") == "activation"  # two on one day: the later row of the file counts
    assert ProfileRating.objects.get(category="development").assessed_on == dt.date(2022, 2, 10)

    again = import_exchange(dataset(profile_ratings_csv=PROFILES))
    assert lines(again) == []
    assert again.counts["profile_ratings.csv"] == {"created": 0, "updated": 0, "unchanged": 4}
    assert ProfileRating.objects.count() == 4


def test_a_bad_profile_file_writes_nothing_and_names_row_and_column(dataset):
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    bad = PROFILES + (
        "P2,JPS,marktnah,2022-03-01\n"  # not a category
        f"P3,JPS,support,{future}\n"
        "P9,JPS,market,2022-03-01\n"  # no such person
        "P2,JPS,support,2022-09-01\n"  # the same key again
        "P2,JPS,market,\n"
    )
    result = import_exchange(dataset(profile_ratings_csv=bad))
    assert not result.written
    problems = lines(result)
    assert problems[0].startswith("profile_ratings.csv, Zeile 6, Spalte category: ")
    assert "marktnah" in problems[0]
    assert problems[1:] == [
        "profile_ratings.csv, Zeile 7, Spalte assessed_on: Das Datum liegt in der Zukunft.",
        "profile_ratings.csv, Zeile 8, Spalte person_id: Die Person „P9“ hat keine Teilnahme im Programm „JPS“.",
        "profile_ratings.csv, Zeile 9, Spalte person_id: Der Schlüssel P2 / JPS / 2022-09-01 / support kommt "
        "mehrfach vor (zuerst in Zeile 3).",
        "profile_ratings.csv, Zeile 10, Spalte assessed_on: Pflichtangabe fehlt.",
    ]
    assert_nothing_written()


def test_a_programme_without_phases_takes_the_files_phase_names(dataset):
    result = import_exchange(dataset(support_phases_csv=PHASES))
    assert lines(result) == []
    programme = Programme.objects.get(code="JPS")
    assert list(
        SupportPhase.objects.filter(programme=programme).order_by("position").values_list("name", "active")
    ) == [("Eingangsphase", True), ("Hauptphase", True), ("Nachbetreuung", True)]
    # the name as the file spells it first; P3's „eingangsphase“ is the same phase
    assert list(
        PhaseChange.objects.filter(participation__person__person_id="P3").values_list(
            "phase__name", flat=True
        )
    ) == ["Eingangsphase"]


def test_a_phase_named_otherwise_than_the_programme_names_it_is_refused(dataset):
    assert import_exchange(dataset()).ok
    programme = Programme.objects.get(code="JPS")
    services.phases_configure(programme=programme, names=["Eingangsphase", "Hauptphase"], by=None)
    phases = PHASES.replace("P2,JPS,2022-03-01,2,Hauptphase", "P2,JPS,2022-03-01,2,Zielfestlegung")
    result = import_exchange(dataset(support_phases_csv=phases))
    assert lines(result) == [
        "support_phases.csv, Zeile 3, Spalte phase_name: Die Phase 2 des Programms heißt „Hauptphase“.",
        "support_phases.csv, Zeile 4, Spalte phase: Diese Phase gehört nicht zum Programm der Teilnahme.",
    ]
    assert not PhaseChange.objects.exists()
    # the programme's phases are not changed by a refused file
    assert SupportPhase.objects.filter(programme=programme).count() == 2


def test_a_gap_in_the_named_phases_takes_the_default_name(dataset):
    phases = (
        "person_id,programme,on,phase,phase_name\nP2,JPS,2022-02-10,1,Ankommen\nP2,JPS,2022-05-01,3,Arbeit\n"
    )
    assert lines(import_exchange(dataset(support_phases_csv=phases))) == []
    assert list(SupportPhase.objects.order_by("position").values_list("name", flat=True)) == [
        "Ankommen",
        "Zielfestlegung",  # position 2 of the four-phase model
        "Arbeit",
    ]


def test_round_trip_with_profiles_and_own_phases_one_out_of_use(dataset, tmp_path):
    assert lines(import_exchange(dataset(profile_ratings_csv=PROFILES, support_phases_csv=PHASES))) == []
    programme = Programme.objects.get(code="JPS")
    # the third phase is given up later: earlier changes into it keep its name, in the export too
    services.phases_configure(programme=programme, names=["Eingangsphase", "Hauptphase"], by=None)
    p3 = PhaseChange.objects.filter(participation__person__person_id="P3").first().participation
    services.profile_record(participation=p3, category="market", on=dt.date(2022, 7, 2), by=None)  # again

    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    assert (first / "profile_ratings.csv").read_bytes().decode() == (
        "person_id,programme,category,assessed_on\r\n"
        "P2,JPS,development,2022-02-10\r\n"
        "P2,JPS,support,2022-09-01\r\n"
        "P3,JPS,activation,2022-07-02\r\n"  # market was recorded again after activation: last
        "P3,JPS,market,2022-07-02\r\n"
    )
    assert "P2,JPS,2022-11-01,3,Nachbetreuung\r\n" in (first / "support_phases.csv").read_bytes().decode()
    assert _current_profile("P3") == "market"

    flush_domain_tables()
    assert not ProfileRating.objects.exists() and not SupportPhase.objects.exists()
    assert lines(import_exchange(first)) == []
    assert _current_profile("P3") == "market"
    assert _current_profile("P2") == "support"
    assert list(SupportPhase.objects.order_by("position").values_list("name", flat=True)) == [
        "Eingangsphase",
        "Hauptphase",
        "Nachbetreuung",
    ]
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)


def test_two_assessments_of_a_barrier_on_one_day_export_the_one_that_counts(dataset, tmp_path):
    barriers = "person_id,programme,kind,present,assessed_on\nP2,JPS,debt,yes,2022-02-15\n"
    assert lines(import_exchange(dataset(barriers_csv=barriers))) == []
    debt = Barrier.objects.get()
    services.barrier_record(
        participation=debt.participation, kind="debt", present=False, on=dt.date(2022, 2, 15), by=None
    )  # corrected the same day
    programme_export(programme_code="JPS", path=tmp_path / "out")
    assert (tmp_path / "out" / "barriers.csv").read_bytes().decode() == (
        "person_id,programme,kind,present,assessed_on\r\nP2,JPS,debt,no,2022-02-15\r\n"
    )
    flush_domain_tables()
    assert lines(import_exchange(tmp_path / "out")) == []


def test_a_phase_change_into_a_phase_no_longer_in_use_is_imported_as_history(dataset, tmp_path):
    """Earlier changes into a phase the programme has since given up are history: an export of
    them imports into a database whose programme has that phase out of use (only a phase the
    programme never had is refused)."""
    assert lines(import_exchange(dataset(support_phases_csv=PHASES))) == []
    programme = Programme.objects.get(code="JPS")
    services.phases_configure(programme=programme, names=["Eingangsphase", "Hauptphase"], by=None)
    assert not SupportPhase.objects.get(programme=programme, position=3).active
    programme_export(programme_code="JPS", path=tmp_path / "out")
    PhaseChange.objects.all().delete()  # the changes are gone, the retired phase stays

    result = import_exchange(tmp_path / "out")
    assert lines(result) == []
    assert result.counts["support_phases.csv"] == {"created": 4, "updated": 0, "unchanged": 0}
    change = PhaseChange.objects.get(participation__person__person_id="P2", phase__position=3)
    assert (change.on, change.phase.name, change.phase.active) == (
        dt.date(2022, 11, 1),
        "Nachbetreuung",
        False,
    )
    # the programme's phases are as they were: the history brings no phase back into use
    assert list(
        SupportPhase.objects.filter(programme=programme).order_by("position").values_list("name", "active")
    ) == [("Eingangsphase", True), ("Hauptphase", True), ("Nachbetreuung", False)]
    programme_export(programme_code="JPS", path=tmp_path / "again")
    assert read_dir(tmp_path / "out") == read_dir(tmp_path / "again")

    # a position the programme never had stays a problem
    four = "person_id,programme,on,phase,phase_name\nP3,JPS,2022-08-01,4,\n"
    assert lines(import_exchange(dataset(support_phases_csv=four))) == [
        "support_phases.csv, Zeile 2, Spalte phase: Diese Phase gehört nicht zum Programm der Teilnahme."
    ]


def test_the_web_records_no_new_change_into_a_phase_no_longer_in_use(dataset):
    assert lines(import_exchange(dataset())) == []
    programme = Programme.objects.get(code="JPS")
    services.phases_configure(programme=programme, names=["Eingangsphase", "Hauptphase", "Ende"], by=None)
    services.phases_configure(programme=programme, names=["Eingangsphase", "Hauptphase"], by=None)
    participation = Programme.objects.get(code="JPS").participations.get(person__person_id="P2")
    with pytest.raises(ValidationError) as refused:
        services.phase_change(participation=participation, position=3, on=dt.date(2022, 5, 1), by=None)
    assert refused.value.message_dict == {"phase": ["Diese Phase gehört nicht zum Programm der Teilnahme."]}
    assert not PhaseChange.objects.exists()
