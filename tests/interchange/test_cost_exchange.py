"""programme_costs.csv: imported through the cost service (overlaps and negative amounts refused,
all or nothing), round-tripped by the export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.costs.models import CostEntry
from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines

pytestmark = pytest.mark.django_db

COSTS = """programme,organisation,region,category,monthly_amount,valid_from,valid_to,note
JPS,REGIE,,staff,1000.00,2022-01-01,2022-06-30,Regiestelle 2 VZÄ
JPS,REGIE,,staff,600,2022-07-01,,
JPS,,RA,measures,2500.5,2022-01-01,,Region A
"""


def test_the_cost_file_is_imported_and_again_unchanged(dataset):
    result = import_exchange(dataset(programme_costs_csv=COSTS))
    assert lines(result) == []
    assert result.counts["programme_costs.csv"] == {"created": 3, "updated": 0, "unchanged": 0}
    first = CostEntry.objects.get(category="staff", valid_from=dt.date(2022, 1, 1))
    assert (first.organisation.code, first.monthly_amount, first.valid_to) == (
        "REGIE",
        Decimal("1000.00"),
        dt.date(2022, 6, 30),
    )
    assert CostEntry.objects.get(category="measures").region.code == "RA"
    again = import_exchange(dataset(programme_costs_csv=COSTS))
    assert again.counts["programme_costs.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
    changed = import_exchange(dataset(programme_costs_csv=COSTS.replace("2500.5", "2600")))
    assert changed.counts["programme_costs.csv"] == {"created": 0, "updated": 1, "unchanged": 2}


def test_an_overlap_in_the_file_refuses_everything(dataset):
    bad = COSTS + "JPS,REGIE,,staff,700,2022-06-01,,\n"
    result = import_exchange(dataset(programme_costs_csv=bad))
    problems = lines(result)
    assert len(problems) == 1 and "programme_costs.csv" in problems[0] and "Zeile 5" in problems[0]
    assert "dürfen sich nicht überschneiden" in problems[0] and "valid_from" in problems[0]
    assert_nothing_written()


def test_bad_cells_are_named(dataset):
    bad = COSTS.replace("2500.5", "-3").replace("JPS,,RA", "JPS,REGIE,RA")
    result = import_exchange(dataset(programme_costs_csv=bad))
    text = "\n".join(lines(result))
    assert "monthly_amount" in text
    assert_nothing_written()
    unknown = import_exchange(dataset(programme_costs_csv=COSTS.replace(",RA,", ",RX,")))
    assert "Die Region „RX“ ist nicht bekannt." in "\n".join(lines(unknown))


def test_round_trip(dataset, tmp_path):
    assert import_exchange(dataset(programme_costs_csv=COSTS)).ok
    out = tmp_path / "out"
    programme_export(programme_code="JPS", path=out)
    exported = (out / "programme_costs.csv").read_text()
    assert exported.splitlines() == [
        "programme,organisation,region,category,monthly_amount,valid_from,valid_to,note",
        "JPS,,RA,measures,2500.5,2022-01-01,,Region A",
        "JPS,REGIE,,staff,1000,2022-01-01,2022-06-30,Regiestelle 2 VZÄ",
        "JPS,REGIE,,staff,600,2022-07-01,,",
    ]
    flush_domain_tables()
    assert CostEntry.objects.count() == 0
    result = import_exchange(out)
    assert lines(result) == [] and CostEntry.objects.count() == 3
    again = tmp_path / "again"
    programme_export(programme_code="JPS", path=again)
    assert (again / "programme_costs.csv").read_text() == exported
