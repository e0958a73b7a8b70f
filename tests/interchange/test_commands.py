"""The import and export commands: exit codes 0/1/2, messages on stderr, --lang en, --dry-run."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from tests.interchange.conftest import EVENTS

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_import_success_exit_code_0(dataset):
    code, out, _err = run("import", str(dataset()))
    assert code == 0
    assert "events.csv: 13 neu, 0 geändert, 0 unverändert" in out
    assert JourneyEvent.objects.count() == 13


def test_second_import_says_nothing_to_do(dataset):
    path = str(dataset())
    run("import", path)
    code, out, _err = run("import", path)
    assert code == 0
    assert "Nichts zu tun" in out


def test_rejected_input_exit_code_1_lists_problems(dataset):
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,")
    code, _out, err = run("import", str(dataset(events_csv=events)))
    assert code == 1
    assert "events.csv, Zeile 4, Spalte date: 2022-13-01 ist kein gültiges Datum" in err
    assert "1 Probleme gefunden; es wurde nichts geschrieben." in err
    assert Person.objects.count() == 0


def test_english_messages(dataset):
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,")
    code, _out, err = run("import", str(dataset(events_csv=events)), "--lang", "en")
    assert code == 1
    assert "events.csv, line 4, column date: 2022-13-01 is not a valid date" in err
    assert "1 problems found; nothing was written." in err


def test_dry_run_exit_code_0_and_nothing_written(dataset):
    code, out, _err = run("import", str(dataset()), "--dry-run")
    assert code == 0
    assert "Probelauf" in out
    assert JourneyEvent.objects.count() == 0


def test_usage_errors_exit_code_2(tmp_path, dataset):
    assert run("import", str(tmp_path / "nowhere"))[0] == 2
    (tmp_path / "notes.txt").write_text("x")
    assert run("import", str(tmp_path / "notes.txt"))[0] == 2
    assert run("import", str(dataset()), "--user", "nobody")[0] == 2
    assert run("export", "--programme", "NOPE", str(tmp_path / "out"))[0] == 2
    assert run("export", "--programme", "JPS", str(tmp_path / "out.csv"), "--format", "xlsx")[0] == 2


def test_export_writes_the_files(dataset, tmp_path):
    run("import", str(dataset()))
    code, out, _err = run("export", "--programme", "JPS", str(tmp_path / "out"), "--excel")
    assert code == 0
    assert "events.csv: 13 Zeilen" in out
    assert (tmp_path / "out" / "events.csv").read_bytes().startswith(b"\xef\xbb\xbfevent_id;person_id;")


def test_console_script_exit_codes(tmp_path):
    """The real command line (argparse errors included): 2 for a wrong call."""
    script = [sys.executable, "-m", "stufenweg", "import"]
    assert subprocess.run(script, capture_output=True, check=False).returncode == 2  # no PATH
    missing = subprocess.run([*script, str(tmp_path / "nowhere")], capture_output=True, check=False)
    assert missing.returncode == 2


def test_english_rule_messages_come_from_the_journeys_catalogue(dataset):
    events = EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", "E4,P1,JPS,exit,2022-01-20,")
    code, _out, err = run("import", str(dataset(events_csv=events)), "--lang", "en")
    assert code == 1
    assert "events.csv, line 5, column date: “Exit” on 20.01.2022 lies before the entry on 01.02.2022." in err
