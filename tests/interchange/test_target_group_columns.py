"""The optional target-group columns of persons.csv (returner, long_term_benefit, refugee):
a file without them imports as before, a file with them stores them, a bad value refuses the
whole import, and the export writes them (round trip)."""

import pytest

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.people.models import Person
from tests.interchange.conftest import PERSONS
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

HEADER = PERSONS.splitlines()[0]
WITH_GROUPS = (
    PERSONS.replace(HEADER, HEADER + ",returner,long_term_benefit,refugee")
    .replace(
        "P1,Anna,Schulze,1980-05-17,f,DE,no,no,no,no,yes,3,yes,no,BG1,01067",
        "P1,Anna,Schulze,1980-05-17,f,DE,no,no,no,no,yes,3,yes,no,BG1,01067,yes,no,",
    )
    .replace(
        "P2,Jens,Müller,1975-01-02,m,DE,no,yes,no,no,no,2,no,no,,01069",
        "P2,Jens,Müller,1975-01-02,m,DE,no,yes,no,no,no,2,no,no,,01069,no,YES,na",
    )
    .replace(
        "P3,Olga,Krause,1985-09-30,x,UA,yes,na,no,no,no,4,no,yes,BG1,01099",
        "P3,Olga,Krause,1985-09-30,x,UA,yes,na,no,no,no,4,no,yes,BG1,01099,,ja,yes",
    )
)


def _flags():
    return {
        p.person_id: (p.returner, p.long_term_benefit, p.refugee)
        for p in Person.objects.order_by("person_id")
    }


def test_a_file_without_the_columns_imports_unchanged(dataset):
    result = import_exchange(dataset())
    assert result.problems == []
    assert _flags() == {"P1": ("", "", ""), "P2": ("", "", ""), "P3": ("", "", "")}


def test_the_columns_are_stored(dataset):
    result = import_exchange(dataset(persons_csv=WITH_GROUPS))
    assert result.problems == []
    # empty = not recorded; yes/ja and any case are accepted, stored lower case
    assert _flags() == {"P1": ("yes", "no", ""), "P2": ("no", "yes", "na"), "P3": ("", "yes", "yes")}


def test_a_later_file_without_the_columns_keeps_the_stored_values(dataset):
    import_exchange(dataset(persons_csv=WITH_GROUPS))
    result = import_exchange(dataset())
    assert result.problems == []
    assert _flags()["P2"] == ("no", "yes", "na")


def test_a_bad_value_refuses_the_whole_import(dataset):
    bad = WITH_GROUPS.replace("01069,no,YES,na", "01069,no,vielleicht,na")
    result = import_exchange(dataset(persons_csv=bad))
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "persons.csv",
        3,
        "long_term_benefit",
        "vielleicht",
    )
    assert lines(result)[0].startswith("persons.csv, Zeile 3, Spalte long_term_benefit: ")
    assert_nothing_written()


def test_the_export_writes_the_columns_and_the_round_trip_keeps_them(dataset, tmp_path):
    import_exchange(dataset(persons_csv=WITH_GROUPS))
    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    text = (first / "persons.csv").read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    assert header == HEADER + ",returner,long_term_benefit,refugee"
    assert text.splitlines()[2].endswith(",no,yes,na")  # P2
    flush_domain_tables()
    assert import_exchange(first).problems == []
    assert _flags()["P3"] == ("", "yes", "yes")
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)
