"""The import reports a journey conflict on the row and column of the refused event and names the
event it conflicts with (issue #12, item 7): an interruption after an exit dated before it."""

from __future__ import annotations

import pytest

from stufenweg.interchange.importer import import_exchange
from tests.interchange.conftest import EVENTS
from tests.interchange.helpers import assert_nothing_written, lines

pytestmark = pytest.mark.django_db


def test_the_import_names_row_and_column_and_the_conflicting_exit(dataset):
    events = EVENTS.replace("E4,P1,JPS,exit,2022-06-30,", "E4,P1,JPS,exit,2022-04-01,").replace(
        "E14,P1,JPS,employment_start,",
        "E15,P1,JPS,interruption,2022-05-02,2022-05-02T10:00:00+02:00,,,,,,,,,,,,,,,,,,,,,,,\n"
        "E14,P1,JPS,employment_start,",
    )
    result = import_exchange(dataset(events_csv=events))
    assert lines(result) == [
        "events.csv, Zeile 6, Spalte date: „Unterbrechung“ am 02.05.2022 ist nicht möglich: "
        "Die Maßnahmeteilnahme endete mit „Austritt“ am 01.04.2022."
    ]
    assert_nothing_written()
