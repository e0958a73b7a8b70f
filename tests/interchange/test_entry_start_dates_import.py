"""The import and a measure without rolling entry: recorded history is accepted as it is. An entry
off the measure's start dates is written without a problem (the import has no warnings; the
single-event path asks for a confirmation instead), as an overbooking of a measure that allows it."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import JourneyEvent
from stufenweg.programmes.entry_dates import takes_entry_on
from stufenweg.programmes.models import Measure
from tests.interchange.conftest import BASE, write_files
from tests.interchange.test_real_flows_import import HEADER, PERSONS, row

pytestmark = pytest.mark.django_db

MEASURES = """code,name,programme,stages,provider,region,operation,places,start,end,rolling_entry
MA,Maßnahme A,JPS,S2|S3,BDL-A,RA,ESF-100,20,2022-11-01,,no
"""
ENTRY = {"measure": "MA", "stage": "S3", "employment_status": "unemployed", "unemployed_since": "2020-01-01"}
EVENTS = "\n".join(
    [
        HEADER,
        row("F1", "Q1", "referral", "2022-10-03", region="RA", referrer="JC-A"),
        row("F2", "Q1", "assessment_start", "2022-10-10"),
        row("F3", "Q1", "entry", "2022-11-07", planned_end="2023-10-31", **ENTRY),
    ]
)


def test_an_entry_off_the_start_dates_is_imported_without_a_problem(tmp_path):
    files = {**BASE, "measures.csv": MEASURES, "persons.csv": PERSONS, "events.csv": EVENTS + "\n"}
    files["targets.csv"] = None
    files["households.csv"] = None
    result = import_exchange(write_files(tmp_path / "in", files))
    assert result.problems == []
    measure = Measure.objects.get(code="MA")
    assert not measure.rolling_entry
    assert not takes_entry_on(measure, dt.date(2022, 11, 7))  # the web and the API would ask
    assert JourneyEvent.objects.get(event_id="F3").occurred_on == dt.date(2022, 11, 7)
