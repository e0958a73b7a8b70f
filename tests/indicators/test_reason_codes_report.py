"""Extensions and early exits by reason code per stage (``indicators/reasons.py``), hand-counted.

The journeys (period 2023), all in region A unless said otherwise:

- P1: S3 from 01.02.; extension 01.10. „ziele_offen“; exit 15.12. early_negative „mitwirkung“
- P2: S3 from 01.02.; extension 01.09. without a code; exit 30.11. early_neutral „familie“
- P3: S4 (region B) from 01.03.; extension 01.11. „problemlagen“; exit 20.12. regular (not early)
- P4: S2 from 01.02.; exit 30.06. early_positive „arbeit“, corrected later to „bildung“
- P5: assessed, closed before any entry: exit 01.05. early_neutral „sonstiges“ (ends no enrolment)

Extensions: S3 ziele_offen 1, ohne Angabe 1 (S3 n=2); S4 problemlagen 1 (n=1); all 3.
Early exits: S2 bildung 1 (n=1); S3 mitwirkung 1, familie 1 (n=2); S4 none; all 3.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from stufenweg.indicators.presenting import localise
from stufenweg.indicators.reasons import TABLES, contract_rows, counts, section
from stufenweg.indicators.render import render_standard, to_csv
from stufenweg.indicators.results import ReportParams, contract_report
from stufenweg.indicators.standard import standard_report
from stufenweg.journeys import services
from stufenweg.programmes.models import ReasonCode
from stufenweg.programmes.reason_codes import seed_defaults

D = dt.date
EXT, EXIT = TABLES


@pytest.fixture
def coded(w, journey):
    seed_defaults([w.programme.pk])
    j = {}

    def extend(p, on, planned_end, **kw):
        services.enrolment_extend(
            participation=p.participation, on=on, planned_end=planned_end, by=None, **kw
        )

    p1 = j["p1"] = journey()
    p1.assess()
    p1.enter(D(2023, 2, 1), planned_end=D(2023, 10, 31))
    extend(p1, D(2023, 10, 1), D(2024, 1, 31), reason_code="ziele_offen", reason="Praktikum steht aus")
    p1.exit(D(2023, 12, 15), "early_negative", reason_code="mitwirkung")

    p2 = j["p2"] = journey()
    p2.assess()
    p2.enter(D(2023, 2, 1), planned_end=D(2023, 9, 30))
    extend(p2, D(2023, 9, 1), D(2024, 1, 31))
    p2.exit(D(2023, 11, 30), "early_neutral", reason_code="familie")

    p3 = j["p3"] = journey(region=w.region_b, referrer=w.jobcenter_b)
    p3.assess()
    p3.enter(D(2023, 3, 1), measure=w.measure_b, stage=w.s4, planned_end=D(2023, 12, 1))
    extend(p3, D(2023, 11, 1), D(2024, 2, 28), reason_code="problemlagen")
    p3.exit(D(2023, 12, 20), "regular", reason_code="arbeit")

    p4 = j["p4"] = journey()
    p4.assess()
    p4.enter(D(2023, 2, 1), stage=w.s2)
    first = p4.exit(D(2023, 6, 30), "early_positive", reason_code="arbeit")
    j["before_correction"] = timezone.now()
    services.journey_event_correct(event=first, by=None, reason="Weiterbildung", reason_code="bildung")

    p5 = j["p5"] = journey()
    p5.assess()
    p5.exit(D(2023, 5, 1), "early_neutral", reason_code="sonstiges")
    return j


def _params(w, **kw):
    return ReportParams(programme=w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31), **kw)


def test_counts_by_stage_and_code(w, coded):
    assert counts(_params(w), EXT) == {("S3", "ziele_offen"): 1, ("S3", ""): 1, ("S4", "problemlagen"): 1}
    assert counts(_params(w), EXIT) == {("S2", "bildung"): 1, ("S3", "mitwirkung"): 1, ("S3", "familie"): 1}


def test_the_report_before_the_correction_shows_the_first_code(w, coded):
    assert counts(_params(w, recorded_on=coded["before_correction"]), EXIT) == {
        ("S2", "arbeit"): 1,
        ("S3", "mitwirkung"): 1,
        ("S3", "familie"): 1,
    }


def test_as_of_and_region(w, coded):
    # as of 30.11.: P1's exit (15.12.) has not happened yet
    assert counts(_params(w, as_of=D(2023, 11, 30)), EXIT) == {("S2", "bildung"): 1, ("S3", "familie"): 1}
    # region B: the enrolment of P3 only
    assert counts(_params(w, region_ids=(w.region_b.pk,)), EXT) == {("S4", "problemlagen"): 1}
    assert counts(_params(w, region_ids=(w.region_b.pk,)), EXIT) == {}


def test_the_exit_table(w, coded):
    table = section(_params(w), EXIT)
    assert table["columns"] == ["Grund", "gesamt", "S2 (n=1)", "S3 (n=2)", "S4 (n=0)"]
    rows = {r["id"]: r for r in table["rows"]}
    # every active code of the list, then „ohne Angabe“, then the total
    assert [r["id"] for r in table["rows"]][:2] == ["arbeit", "bildung"]
    assert [r["id"] for r in table["rows"]][-2:] == ["none", "total"]
    assert rows["bildung"]["cells"] == [
        {"num": 1, "den": 3, "value": 0.3333},
        {"num": 1, "den": 1, "value": 1.0},
        {"num": 0, "den": 2, "value": 0.0},
        {"num": 0, "den": 0, "value": None},
    ]
    assert [c["num"] for c in rows["mitwirkung"]["cells"]] == [1, 0, 1, 0]
    assert [c["num"] for c in rows["familie"]["cells"]] == [1, 0, 1, 0]
    assert [c["num"] for c in rows["none"]["cells"]] == [0, 0, 0, 0]
    assert rows["total"]["cells"] == [3, 1, 2, 0]


def test_the_extension_table_and_a_deactivated_code(w, coded):
    ReasonCode.objects.filter(programme=w.programme, purpose="extension", code="problemlagen").update(
        active=False
    )
    ReasonCode.objects.filter(programme=w.programme, purpose="extension", code="sonstiges").update(
        active=False
    )
    table = section(_params(w), EXT)
    ids = [r["id"] for r in table["rows"]]
    assert "problemlagen" in ids  # deactivated, but used: still counted
    assert "sonstiges" not in ids  # deactivated and unused: left out
    rows = {r["id"]: r for r in table["rows"]}
    assert rows["none"]["label"] == "ohne Angabe"
    assert rows["none"]["cells"][0] == {"num": 1, "den": 3, "value": 0.3333}
    assert rows["ziele_offen"]["cells"][2] == {"num": 1, "den": 2, "value": 0.5}  # S3
    assert rows["total"]["cells"] == [3, 0, 2, 1]


def test_small_counts_are_hidden(w, coded):
    table = section(_params(w, suppress_below=2), EXIT)
    rows = {r["id"]: r for r in table["rows"]}
    assert rows["bildung"]["cells"][0] == {"num": "*", "den": 3, "value": "*"}
    assert rows["arbeit"]["cells"][0]["num"] == 0  # a zero is not hidden


def test_contract_rows_and_csv(w, coded):
    rows = contract_rows(_params(w))
    got = {(r["indicator"], r["group"]["stage"], r["group"]["reason_code"]): r["value"] for r in rows}
    assert got[("reason.extensions", "S3", "")] == 1
    assert got[("reason.extension_share", "S3", "ziele_offen")] == 0.5
    assert got[("reason.early_exits", "S2", "bildung")] == 1
    assert got[("reason.early_exit_share", "S3", "familie")] == 0.5
    assert len(rows) == 12  # 3 groups each, count and share, two tables
    report = contract_report(_params(w, indicators=("reason.early_exits",)))
    assert [r["indicator"] for r in report["rows"]] == ["reason.early_exits"] * 3
    text = to_csv(report).decode()
    assert text.splitlines()[0].endswith("group_stage,group_reason_code,numerator,denominator,value")
    assert any(line.endswith(",S2,bildung,,,1") for line in text.splitlines())


def test_the_standard_report_its_downloads_and_english(w, coded):
    report = standard_report(_params(w))
    ids = [s["id"] for s in report["sections"]]
    assert "reasons_extension" in ids and "reasons_exit" in ids
    assert {"reason.extensions", "reason.early_exit_share"} <= {d["id"] for d in report["definitions"]}
    book = openpyxl.load_workbook(io.BytesIO(render_standard(report, "xlsx")))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert {"Vorzeitige Austritte nach Grund je Stufe", "ohne Angabe", "S3 (n=2)"} <= cells
    assert render_standard(report, "pdf").startswith(b"%PDF")
    with translation.override("en"):
        english = localise(report)
    sections = {s["id"]: s for s in english["sections"]}
    assert sections["reasons_exit"]["title"] == "Early exits by reason per stage"
    assert sections["reasons_exit"]["columns"][:2] == ["Reason", "total"]
    assert {r["id"]: r["label"] for r in sections["reasons_exit"]["rows"]}["none"] == "not given"
    definitions = {d["id"]: d for d in english["definitions"]}
    assert (
        definitions["reason.early_exit_share"]["denominator"] == "all early exits of the stage in the period"
    )
