"""XLSX import equals CSV import; the Excel variant of the CSV export (;, BOM, formula escaping)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.interchange.schemas import BY_NAME as SCHEMAS_BY_NAME
from stufenweg.interchange.schemas import SCHEMAS
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from tests.interchange.conftest import BASE, EVENTS, PERSONS
from tests.interchange.helpers import flush_domain_tables, read_dir

pytestmark = pytest.mark.django_db


def _workbook(path, files, *, typed=False):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, text in files.items():
        sheet = book.create_sheet(name.removesuffix(".csv"))
        for row in csv.reader(io.StringIO(text)):
            cells = []
            for cell in row:
                if typed and len(cell) == 10 and cell[4:5] == "-" and cell[7:8] == "-":
                    cells.append(dt.datetime.fromisoformat(cell))  # Excel dates come back as datetimes
                elif typed and cell.isdigit() and not cell.startswith("0"):
                    cells.append(int(cell))
                else:
                    cells.append(cell or None)
            sheet.append(cells)
    book.save(path)
    return path


@pytest.mark.parametrize("typed", [False, True], ids=["text-cells", "typed-cells"])
def test_xlsx_import_equals_csv_import(dataset, tmp_path, typed):
    import_exchange(dataset())
    programme_export(programme_code="JPS", path=tmp_path / "from_csv")
    flush_domain_tables()
    result = import_exchange(_workbook(tmp_path / "in.xlsx", BASE, typed=typed))
    assert result.problems == []
    programme_export(programme_code="JPS", path=tmp_path / "from_xlsx")
    assert read_dir(tmp_path / "from_xlsx") == read_dir(tmp_path / "from_csv")


def test_xlsx_problem_rows_are_sheet_rows(tmp_path):
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,")
    result = import_exchange(_workbook(tmp_path / "bad.xlsx", {**BASE, "events.csv": events}))
    assert [str(p) for p in result.problems] == [
        "events.csv, Zeile 4, Spalte date: 2022-13-01 ist kein gültiges Datum"
    ]
    assert JourneyEvent.objects.count() == 0


def test_xlsx_export_imports_back(dataset, tmp_path):
    import_exchange(dataset())
    programme_export(programme_code="JPS", path=tmp_path / "a")
    programme_export(programme_code="JPS", path=tmp_path / "out.xlsx", file_format="xlsx")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    # the contract's files and the optional ones of group work and support services (empty here)
    assert sorted(book.sheetnames) == sorted(schema.sheet for schema in SCHEMAS)
    assert set(SCHEMAS_BY_NAME) >= set(BASE)
    book.close()
    flush_domain_tables()
    assert import_exchange(tmp_path / "out.xlsx").problems == []
    programme_export(programme_code="JPS", path=tmp_path / "b")
    assert read_dir(tmp_path / "a") == read_dir(tmp_path / "b")


FORMULAS = {
    "events.csv": EVENTS.replace("Arbeitsaufnahme", "=SUMME(A1:A9)").replace("Staplerschein", "-5 Tage"),
    "persons.csv": PERSONS.replace("P2,Jens,Müller", "P2,@Jens,+Müller").replace("P3,Olga,", "P3,'Olga,"),
}


def test_excel_variant_uses_semicolon_bom_and_escapes_formulas(dataset, tmp_path):
    assert (
        import_exchange(dataset(**{k.replace(".csv", "_csv"): v for k, v in FORMULAS.items()})).problems == []
    )
    programme_export(programme_code="JPS", path=tmp_path / "excel", separator=";", bom=True)
    persons = (tmp_path / "excel" / "persons.csv").read_bytes()
    assert persons.startswith(b"\xef\xbb\xbfperson_id;first_name;last_name;birth_date;")
    text = persons.decode("utf-8-sig")
    assert "P2;'@Jens;'+Müller;1975-01-02;" in text
    assert "P3;''Olga;Krause;" in text  # a leading ' is doubled so that it survives Excel
    events = (tmp_path / "excel" / "events.csv").read_text(encoding="utf-8-sig")
    assert ";'=SUMME(A1:A9);" in events
    assert ";'-5 Tage;" in events
    assert "2022-02-01;2022-02-01T11:00:00+01:00" in events  # dates and timestamps are not touched


def test_plain_export_escapes_too_and_the_raw_one_does_not(dataset, tmp_path):
    import_exchange(dataset(**{k.replace(".csv", "_csv"): v for k, v in FORMULAS.items()}))
    programme_export(programme_code="JPS", path=tmp_path / "plain")
    text = (tmp_path / "plain" / "persons.csv").read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert "P2,'@Jens,'+Müller,1975-01-02," in text
    programme_export(programme_code="JPS", path=tmp_path / "raw", raw=True)
    raw = (tmp_path / "raw" / "persons.csv").read_text(encoding="utf-8")
    assert "P2,@Jens,+Müller,1975-01-02," in raw
    assert "P3,''Olga,Krause," in raw  # only a leading ' is doubled, so that the import restores it


def test_excel_variant_round_trip_restores_the_values(dataset, tmp_path):
    import_exchange(dataset(**{k.replace(".csv", "_csv"): v for k, v in FORMULAS.items()}))
    programme_export(programme_code="JPS", path=tmp_path / "first", separator=";", bom=True)
    flush_domain_tables()
    assert import_exchange(tmp_path / "first").problems == []
    assert Person.objects.get(person_id="P2").first_name == "@Jens"
    assert Person.objects.get(person_id="P3").first_name == "'Olga"
    assert JourneyEvent.objects.get(event_id="E11").reason == "-5 Tage"
    programme_export(programme_code="JPS", path=tmp_path / "second", separator=";", bom=True)
    assert read_dir(tmp_path / "first") == read_dir(tmp_path / "second")
