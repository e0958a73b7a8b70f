"""The plain CSV export (``,``, no BOM) is formula-safe by default; ``--raw`` writes cells as they
are; both read back exactly, so export -> import -> export stays byte-identical."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from tests.interchange.conftest import EVENTS
from tests.interchange.helpers import flush_domain_tables, read_dir

pytestmark = pytest.mark.django_db

# first names of P1, P2, P3 (values that survive an import: the import strips white space)
NAMES = ['=HYPERLINK("http://x")', "+1", "-1+1"]
LAST_NAMES = ["@SUM(A1)", "'quoted", "'=already"]
REASON = "|cmd"  # the exit reason of E4 (free text)
QUALIFICATION = "%macro"  # E11's text
# only in the export (an import strips white space around a cell)
WHITESPACE = ["\tTab", "\rCR"]


def _cells(directory, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((directory / name).read_bytes().decode("utf-8"), newline="")))


@pytest.fixture
def hostile(dataset):
    events = EVENTS.replace("Arbeitsaufnahme", REASON).replace("Staplerschein", QUALIFICATION)
    assert import_exchange(dataset(events_csv=events)).problems == []
    for person_id, first, last in zip(("P1", "P2", "P3"), NAMES, LAST_NAMES, strict=True):
        Person.objects.filter(person_id=person_id).update(first_name=first, last_name=last)


def _persons(directory) -> dict[str, list[str]]:
    return {row[0]: row for row in _cells(directory, "persons.csv")[1:]}


def test_plain_export_neutralises_every_formula_cell(hostile, tmp_path):
    call_command("export", str(tmp_path / "out"), programme="JPS", progress="no")
    persons = _persons(tmp_path / "out")
    assert [persons[p][1] for p in ("P1", "P2", "P3")] == ["'" + name for name in NAMES]
    assert [persons[p][2] for p in ("P1", "P2", "P3")] == ["'@SUM(A1)", "''quoted", "''=already"]
    events = {row[0]: row for row in _cells(tmp_path / "out", "events.csv")[1:]}
    assert "'" + REASON in events["E4"]
    assert "'" + QUALIFICATION in events["E11"]
    assert events["E4"][4:6] == ["2022-06-30", "2022-07-01T08:00:00+02:00"]  # dates untouched
    text = (tmp_path / "out" / "persons.csv").read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and text.startswith("person_id,first_name,")


def test_tab_and_carriage_return_starts_are_neutralised(hostile, tmp_path):
    Person.objects.filter(person_id="P1").update(first_name=WHITESPACE[0], last_name=WHITESPACE[1])
    programme_export(programme_code="JPS", path=tmp_path / "out")
    assert _persons(tmp_path / "out")["P1"][1:3] == ["'\tTab", "'\rCR"]


def test_raw_export_writes_formula_cells_as_they_are(hostile, tmp_path):
    call_command("export", str(tmp_path / "raw"), programme="JPS", raw=True, progress="no")
    persons = _persons(tmp_path / "raw")
    assert [persons[p][1] for p in ("P1", "P2", "P3")] == NAMES
    # a leading ' is doubled even here, so that the import gives the value back
    assert [persons[p][2] for p in ("P1", "P2", "P3")] == ["@SUM(A1)", "''quoted", "''=already"]
    events = {row[0]: row for row in _cells(tmp_path / "raw", "events.csv")[1:]}
    assert REASON in events["E4"] and QUALIFICATION in events["E11"]
    export = AuditEntry.objects.filter(action="export", object_type="programmes.programme").get()
    assert "Rohfassung ohne Formelschutz" in export.summary


@pytest.mark.parametrize("options", [{}, {"raw": True}, {"separator": ";", "bom": True}])
def test_round_trip_with_formula_cells_is_byte_identical(hostile, tmp_path, options):
    programme_export(programme_code="JPS", path=tmp_path / "first", **options)
    flush_domain_tables()
    assert import_exchange(tmp_path / "first").problems == []
    names = dict(Person.objects.values_list("person_id", "first_name"))
    assert [names[p] for p in ("P1", "P2", "P3")] == NAMES
    last = dict(Person.objects.values_list("person_id", "last_name"))
    assert [last[p] for p in ("P1", "P2", "P3")] == LAST_NAMES
    assert JourneyEvent.objects.get(event_id="E4").reason == REASON
    programme_export(programme_code="JPS", path=tmp_path / "second", **options)
    assert read_dir(tmp_path / "first") == read_dir(tmp_path / "second")


def test_a_hand_made_apostrophe_is_kept(dataset):
    """Only a ' before a formula start or a second ' is the export's; others belong to the value."""
    persons_csv = (tmp := dataset()) / "persons.csv"
    text = persons_csv.read_text(encoding="utf-8")
    persons_csv.write_text(text.replace("P1,Anna,", "P1,'Anna,").replace("P2,Jens,", "P2,'+Jens,"))
    assert import_exchange(tmp).problems == []
    assert Person.objects.get(person_id="P1").first_name == "'Anna"
    assert Person.objects.get(person_id="P2").first_name == "+Jens"


def test_raw_and_excel_exclude_each_other(hostile, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("export", str(tmp_path / "x"), programme="JPS", raw=True, excel=True, progress="no")
    assert refused.value.returncode == 2
    assert "--raw und --excel" in str(refused.value)
    with pytest.raises(CommandError, match="nur für CSV"):
        call_command("export", str(tmp_path / "x.xlsx"), programme="JPS", raw=True, format="xlsx")
