"""The optional reason_code column of events.csv (an extension of the exchange format): a file
without it imports as before, a file with it stores the codes, a code that is not in the
programme's active list (or on a kind without a list) refuses the whole import with the row and
column named, and the export writes the column (round trip, same bytes)."""

import pytest

from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import JourneyEvent
from stufenweg.programmes.models import ReasonCode
from tests.interchange.conftest import EVENTS
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

HEADER = EVENTS.splitlines()[0]


def with_codes(codes: dict[str, str]) -> str:
    """events.csv with the reason_code column: ``codes`` maps event ids to their code."""
    out = [HEADER + ",reason_code"]
    for line in EVENTS.splitlines()[1:]:
        out.append(f"{line},{codes.get(line.split(',')[0], '')}")
    return "\n".join(out) + "\n"


def row(**values) -> str:
    """A row of events.csv (without reason_code) from its named values."""
    return ",".join(values.get(name, "") for name in HEADER.split(","))


def _codes():
    return dict(JourneyEvent.objects.exclude(reason_code="").values_list("event_id", "reason_code"))


def test_a_file_without_the_column_imports_unchanged(dataset):
    result = import_exchange(dataset())
    assert result.problems == []
    assert JourneyEvent.objects.count() == 13
    assert _codes() == {}


def test_an_imported_programme_gets_the_default_lists(dataset):
    import_exchange(dataset())
    assert ReasonCode.objects.filter(
        programme__code="JPS", purpose="exit", code="arbeit", active=True
    ).exists()
    assert ReasonCode.objects.filter(programme__code="JPS", purpose="extension").count() == 5
    assert ReasonCode.objects.filter(programme__code="JPS", purpose="exit").count() == 9


def test_the_codes_are_stored(dataset):
    result = import_exchange(dataset(events_csv=with_codes({"E4": "arbeit"})))
    assert result.problems == []
    assert _codes() == {"E4": "arbeit"}


def test_a_later_file_without_the_column_keeps_the_stored_codes(dataset):
    import_exchange(dataset(events_csv=with_codes({"E4": "arbeit"})))
    result = import_exchange(dataset())
    assert result.problems == []
    assert _codes() == {"E4": "arbeit"}


def test_an_unknown_code_refuses_the_whole_import(dataset):
    result = import_exchange(dataset(events_csv=with_codes({"E4": "urlaub"})))
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "events.csv",
        5,
        "reason_code",
        "urlaub",
    )
    assert lines(result)[0] == (
        "events.csv, Zeile 5, Spalte reason_code: Der Grund-Code „urlaub“ steht nicht in der Liste "
        "der aktiven Gründe (Austritt) des Programms."
    )
    assert_nothing_written()


def test_an_extension_code_on_an_exit_is_refused(dataset):
    # "ziele_offen" is a code of the extension list, not of the exit list
    result = import_exchange(dataset(events_csv=with_codes({"E4": "ziele_offen"})))
    assert [(p.row, p.column) for p in result.problems] == [(5, "reason_code")]
    assert_nothing_written()


def test_a_code_on_a_kind_without_a_list_is_refused(dataset):
    result = import_exchange(dataset(events_csv=with_codes({"E1": "arbeit"})))
    assert [(p.row, p.column) for p in result.problems] == [(2, "reason_code")]
    assert "nur bei Verlängerung und Austritt" in lines(result)[0]
    assert_nothing_written()


def test_a_deactivated_code_is_refused_for_a_new_event(dataset):
    import_exchange(dataset())
    ReasonCode.objects.filter(purpose="exit", code="mitwirkung").update(active=False)
    exit_p3 = row(
        event_id="E15",
        person_id="P3",
        programme="JPS",
        event="exit",
        date="2022-09-01",
        recorded_at="2022-09-01T10:00:00+02:00",
        reason="Fehlzeiten",
        exit_kind="early_negative",
    )
    text = with_codes({}) + exit_p3 + ",mitwirkung\n"
    result = import_exchange(dataset(events_csv=text))
    assert [(p.row, p.column, p.value) for p in result.problems] == [(15, "reason_code", "mitwirkung")]
    assert not JourneyEvent.objects.filter(event_id="E15").exists()
    # active again: the same file imports
    ReasonCode.objects.filter(purpose="exit", code="mitwirkung").update(active=True)
    assert import_exchange(dataset(events_csv=text)).problems == []
    assert _codes() == {"E15": "mitwirkung"}


def test_the_export_writes_the_column_and_the_round_trip_keeps_it(dataset, tmp_path):
    import_exchange(dataset(events_csv=with_codes({"E4": "arbeit"})))
    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    text = (first / "events.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == HEADER + ",reason_code"
    e4 = next(line for line in text.splitlines() if line.startswith("E4,"))
    assert e4.endswith(",arbeit")
    flush_domain_tables()
    assert import_exchange(first).problems == []
    assert _codes() == {"E4": "arbeit"}
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)
