"""Target groups: the section „Zielgruppenmerkmale je Stufe“, length of stay, repeated measures and
the person dimensions, on a small programme year worked out by hand (docs/indicators.md,
"Zielgruppen").

Period 2023-01-01 … 2023-12-31, as of 2023-12-31. Persons (flags: vq = vocational_qualification,
sp = single_parent; returner / long_term_benefit / refugee / disability / foreign_background):

  A  f, born 2000-06-01; vq no, sp yes, refugee yes, long_term_benefit yes, foreign_background yes,
     disability no, returner not recorded.
     S3 2023-02-01 (unemployed since 2020-01-01) → exit 2023-05-02 (90 days);
     reactivated, S3 again 2023-07-10 (open).
  B  m, born 1980-03-10; vq yes, sp no, returner yes, disability yes, refugee no,
     long_term_benefit na, foreign_background no.
     S4 2023-03-01 (unemployed since 2022-05-01: 10 months, not long-term) → stage change to S3
     2023-06-01 (92 days in S4; the change gives no status: that of the S4 entry, now 13 months,
     long-term) → exit 2023-08-31 (91 days in S3).
  C  x, born 1998-12-31, nothing recorded. S3 2022-11-01 → exit 2023-01-31 (91 days): an ended
     enrolment of the period, but no entry in it.
  D  f, born 1968-07-15, nothing recorded (disability na). S3 2023-04-03 (inactive) → exit
     2023-04-13 (10 days).
  E  m, born 1990-01-01; vq no, sp no, every flag no. S3 2023-12-01 (unemployed since
     2022-12-01: exactly 12 months, long-term), open.

Entrants per stage (first entry into the stage in the period): S3 = A, B, D, E (4); S4 = B (1);
total 5 (person × stage). Ages at those entries: A 22, B 43 (S3) and 42 (S4), D 54, E 33.

                                 total        S3          S4
  tg.entrants                    5            4           1
  women                          2/5          2/4  A D    0/1
  long-term unemployed           3/5          3/4  A B E  0/1
  without vocational qual.       2/5          2/4  A E    0/1
  single parents                 1/5          1/4  A      0/1
  disability                     2/5          1/4  B      1/1  B
  migration background           1/5          1/4  A      0/1
  under 25                       1/5          1/4  A      0/1
  returner                       2/5          1/4  B      1/1  B
  refugee                        1/5          1/4  A      0/1
  long-term benefit              1/5          1/4  A      0/1
  mean age                       194/5=38.8   152/4=38.0  42/1=42.0
  >1 enrolment in programme      3/5          2/4  A B    1/1  B
  >1 enrolment in the stage      1/5          1/4  A      0/1
  ended enrolments               5            4           1
  stay, mean (days)              374/5=74.8   282/4=70.5  92.0
  stay, median (days)            91.0         90.5        92.0
     S3: 10, 90, 91, 91 → (90 + 91) / 2; S4: 92; total: 10, 90, 91, 91, 92 → 91
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings

from stufenweg.indicators.catalogue_target_groups import TARGET_GROUP_INDICATORS
from stufenweg.indicators.engine import Engine, parts_for_run, settings_for
from stufenweg.indicators.results import ReportParams, contract_report
from stufenweg.indicators.standard import standard_report
from stufenweg.indicators.target_groups import median
from tests.indicators.conftest import Report

D = dt.date
PERIOD = {"date_from": D(2023, 1, 1), "date_to": D(2023, 12, 31)}


@pytest.fixture
def year(w, journey, make_person):
    a = journey(
        make_person(
            gender="f",
            birth_date=D(2000, 6, 1),
            vocational_qualification=False,
            single_parent=True,
            refugee="yes",
            long_term_benefit="yes",
            foreign_background="yes",
            disability="no",
        ),
        on=D(2023, 1, 2),
    )
    a.assess()
    a.enter(D(2023, 2, 1), since=D(2020, 1, 1))
    a.exit(D(2023, 5, 2), "regular", ["job_seeking"])
    a.reactivate(D(2023, 7, 1))
    a.enter(D(2023, 7, 10), since=D(2023, 5, 3))

    b = journey(
        make_person(
            gender="m",
            birth_date=D(1980, 3, 10),
            vocational_qualification=True,
            single_parent=False,
            returner="yes",
            disability="yes",
            refugee="no",
            long_term_benefit="na",
            foreign_background="no",
        ),
        on=D(2023, 1, 2),
        region=w.region_b,
    )
    b.assess()
    b.enter(D(2023, 3, 1), measure=w.measure_b, stage=w.s4, since=D(2022, 5, 1))
    b.change(D(2023, 6, 1), measure=w.measure_a, stage=w.s3)
    b.exit(D(2023, 8, 31), "early_negative")

    c = journey(make_person(gender="x", birth_date=D(1998, 12, 31)), on=D(2022, 10, 1))
    c.assess()
    c.enter(D(2022, 11, 1))
    c.exit(D(2023, 1, 31), "regular", ["job_seeking"])

    d = journey(make_person(gender="f", birth_date=D(1968, 7, 15), disability="na"), on=D(2023, 3, 1))
    d.assess()
    d.enter(D(2023, 4, 3), status="inactive", since=None)
    d.exit(D(2023, 4, 13), "early_neutral")

    no = dict.fromkeys(("returner", "long_term_benefit", "refugee", "disability", "foreign_background"), "no")
    e = journey(
        make_person(
            gender="m", birth_date=D(1990, 1, 1), vocational_qualification=False, single_parent=False, **no
        ),
        on=D(2023, 11, 1),
    )
    e.assess()
    e.enter(D(2023, 12, 1), since=D(2022, 12, 1))


SHARES = {  # indicator: (total, S3, S4) as (numerator, denominator)
    "tg.women_share": ((2, 5), (2, 4), (0, 1)),
    "tg.long_term_unemployed_share": ((3, 5), (3, 4), (0, 1)),
    "tg.without_vocational_qualification_share": ((2, 5), (2, 4), (0, 1)),
    "tg.single_parent_share": ((1, 5), (1, 4), (0, 1)),
    "tg.disability_share": ((2, 5), (1, 4), (1, 1)),
    "tg.foreign_background_share": ((1, 5), (1, 4), (0, 1)),
    "tg.under_25_share": ((1, 5), (1, 4), (0, 1)),
    "tg.returner_share": ((2, 5), (1, 4), (1, 1)),
    "tg.refugee_share": ((1, 5), (1, 4), (0, 1)),
    "tg.long_term_benefit_share": ((1, 5), (1, 4), (0, 1)),
    "tg.repeated_programme_share": ((3, 5), (2, 4), (1, 1)),
    "tg.repeated_stage_share": ((1, 5), (1, 4), (0, 1)),
}
VALUES = {  # indicator: (total, S3, S4)
    "tg.entrants": (5, 4, 1),
    "tg.mean_age": (38.8, 38.0, 42.0),
    "tg.closed_enrolments": (5, 4, 1),
    "tg.stay_mean_days": (74.8, 70.5, 92.0),
    "tg.stay_median_days": (91.0, 90.5, 92.0),
}


def test_shares_means_and_medians_per_stage(year, run):
    report = run(by=("stage",))
    for ind, expected in SHARES.items():
        got = tuple(report.frac(ind, **g) for g in ({}, {"stage": "S3"}, {"stage": "S4"}))
        assert got == expected, ind
    for ind, expected in VALUES.items():
        got = tuple(report.value(ind, **g) for g in ({}, {"stage": "S3"}, {"stage": "S4"}))
        assert got == expected, ind
    # a mean or median carries its value only
    assert report.row("tg.mean_age")["numerator"] is None


def test_the_section_reproduces_the_hand_made_table(year, w):
    report = standard_report(ReportParams(programme=w.programme, **PERIOD, as_of=D(2023, 12, 31)))
    section = next(s for s in report["sections"] if s["id"] == "tg")
    assert section["title"] == "Zielgruppenmerkmale je Stufe"
    assert section["columns"] == ["Kennzahl", "gesamt", "S3", "S4"]
    table = {row["id"]: row["cells"] for row in section["rows"]}
    assert list(table) == [
        "tg.entrants",
        *list(SHARES)[:10],
        "tg.mean_age",
        "tg.repeated_programme_share",
        "tg.repeated_stage_share",
        "tg.closed_enrolments",
        "tg.stay_mean_days",
        "tg.stay_median_days",
    ]
    for ind, expected in SHARES.items():
        assert [(c["num"], c["den"]) for c in table[ind]] == list(expected), ind
    assert table["tg.women_share"][1]["value"] == 0.5
    for ind, expected in VALUES.items():
        assert table[ind] == list(expected), ind
    assert report["checks"] == []
    assert {d["id"]: d["unit"] for d in report["definitions"]}["tg.stay_median_days"] == "Median"


def test_target_group_rows_are_one_per_group_and_not_additive(year, run):
    report = run(by=("target_group",), ids=["tg.entrants", "tg.women_share"])
    # entrant rows (person × stage): A-S3 under_25, long_term_benefit, refugee, single_parent,
    # foreign_background; B-S4 and B-S3 returner, disability; D-S3 and E-S3 in none
    counts = {
        r["group"]["target_group"]: r["value"]
        for r in report.rows
        if r["indicator"] == "tg.entrants" and r["group"]
    }
    assert counts == {
        "under_25": 1,
        "long_term_benefit": 1,
        "refugee": 1,
        "single_parent": 1,
        "foreign_background": 1,
        "returner": 2,
        "disability": 2,
        "none": 2,
    }
    assert report.value("tg.entrants") == 5  # the total counts each row once: 11 group rows ≠ 5
    assert report.frac("tg.women_share", target_group="none") == (1, 2)  # D (f), E (m)
    assert report.frac("tg.women_share", target_group="returner") == (0, 2)


def test_person_attributes_as_dimensions_of_other_indicators(year, run):
    report = run(by=("single_parent",), ids=["flow.stage_entries"])
    # entries and stage changes in 2023: A twice (sp yes), B twice (no), D once (not recorded), E once (no)
    assert {r["group"].get("single_parent", "total"): r["value"] for r in report.rows} == {
        "total": 6,
        "yes": 2,
        "no": 3,
        "": 1,
    }
    report = run(by=("vocational_qualification",), ids=["prog.participants"])
    # enrolments overlapping 2023: A, E (no), B (yes), C, D (not recorded)
    assert {r["group"].get("vocational_qualification", "total"): r["value"] for r in report.rows} == {
        "total": 5,
        "no": 2,
        "yes": 1,
        "": 2,
    }
    report = run(by=("target_group", "stage"), ids=["prog.participants"])
    assert report.value("prog.participants", target_group="returner", stage="S4") == 1  # B
    # C (entered 2022-11-01 at 23) is under 25 by the age at the entry of the enrolment
    assert report.value("prog.participants", target_group="under_25", stage="S3") == 2  # A, C
    assert report.value("prog.participants", target_group="none", stage="S3") == 2  # D, E


def test_the_contract_rows_carry_the_new_indicators(year, w):
    rows = contract_report(
        ReportParams(programme=w.programme, **PERIOD, indicators=("tg.stay_median_days", "tg.refugee_share"))
    )["rows"]
    assert rows == [
        {
            "indicator": "tg.stay_median_days",
            "group": {},
            "numerator": None,
            "denominator": None,
            "value": 91.0,
        },
        {"indicator": "tg.refugee_share", "group": {}, "numerator": 1, "denominator": 5, "value": 0.2},
    ]


def test_median_by_hand():
    assert median({}) is None
    assert median({7: 1}) == 7.0
    assert median({10: 1, 90: 1, 91: 2}) == 90.5
    assert median({10: 1, 90: 1, 91: 2, 92: 1}) == 91.0
    assert median({1: 3, 100: 1}) == 1.0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two sessions on one snapshot: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_sessions_give_the_hand_counted_rows(year, w):
    """A run in two sessions (participations split by id) adds up to the same rows, the median
    included (taken from the added counts per number of days)."""
    ids = [i.id for i in TARGET_GROUP_INDICATORS]
    settings = settings_for(w.programme, **PERIOD)
    results = []
    for parts in (1, 2):
        with override_settings(STUFENWEG_REPORT_PARTS=parts):
            assert parts_for_run() == parts
            with Engine(settings) as engine:
                results.append([*engine.rows(ids, ("stage",)), *engine.rows(ids, ("stage", "target_group"))])
    assert results[0] == results[1]
    report = Report(results[1])
    assert report.value("tg.stay_median_days", stage="S3") == 90.5
    assert report.frac("tg.long_term_unemployed_share", stage="S3") == (3, 4)
    # S3 enrolments ended in 2023 in no target group: D's 10 days
    assert report.value("tg.stay_median_days", stage="S3", target_group="none") == 10.0
    assert report.value("tg.stay_median_days", stage="S3", target_group="under_25") == 90.5  # A 90, C 91


def test_csv_for_excel_names_the_person_groups(year, w):
    from stufenweg.indicators.render import to_csv_excel

    report = contract_report(
        ReportParams(
            programme=w.programme,
            **PERIOD,
            by=("vocational_qualification",),
            indicators=("prog.participants",),
        )
    )
    lines = to_csv_excel(report).decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[7] == "Berufsabschluss"
    groups = {line.split(";")[7]: line.split(";")[10] for line in lines[1:]}
    # "" is not recorded — not „ohne Berufsabschluss“ (which would say the opposite of unknown)
    assert groups == {"Gesamt": "5", "nein": "2", "ja": "1", "nicht erfasst": "2"}
    report = contract_report(
        ReportParams(programme=w.programme, **PERIOD, by=("target_group",), indicators=("tg.entrants",))
    )
    lines = to_csv_excel(report).decode("utf-8-sig").splitlines()
    assert {line.split(";")[7] for line in lines[1:]} >= {
        "unter 25 Jahre",
        "Berufsrückkehrer/in",
        "keiner dieser Gruppen",
    }


def test_small_cells_hide_a_mean_with_its_count(year, w):
    ids = ("tg.entrants", "tg.mean_age", "tg.closed_enrolments", "tg.stay_median_days")
    rows = contract_report(
        ReportParams(programme=w.programme, **PERIOD, by=("stage",), indicators=ids, suppress_below=3)
    )["rows"]
    values = {(r["indicator"], r["group"].get("stage", "")): r["value"] for r in rows}
    # entrants 5 / S3 4 / S4 1: S4 is below 3, S3 hidden with it (the total would reveal S4);
    # a mean or median is shown only where its count is: over 1 person it would tell the age
    assert values == {
        ("tg.entrants", ""): 5,
        ("tg.entrants", "S3"): "*",
        ("tg.entrants", "S4"): "*",
        ("tg.mean_age", ""): 38.8,
        ("tg.mean_age", "S3"): "*",
        ("tg.mean_age", "S4"): "*",
        ("tg.closed_enrolments", ""): 5,
        ("tg.closed_enrolments", "S3"): "*",
        ("tg.closed_enrolments", "S4"): "*",
        ("tg.stay_median_days", ""): 91.0,
        ("tg.stay_median_days", "S3"): "*",
        ("tg.stay_median_days", "S4"): "*",
    }
    # without its count among the rows a mean is hidden
    rows = contract_report(
        ReportParams(programme=w.programme, **PERIOD, indicators=("tg.mean_age",), suppress_below=3)
    )["rows"]
    assert rows[0]["value"] == "*"


def test_the_report_form_offers_the_person_breakdowns(w):
    from stufenweg.indicators.forms import ReportForm

    data = {"programme": w.programme.pk, "date_from": "2023-01-01", "date_to": "2023-12-31"}
    form = ReportForm(data={**data, "by": ["target_group", "vocational_qualification", "single_parent"]})
    assert form.is_valid(), form.errors
    labels = dict(form.fields["by"].choices)
    assert (labels["target_group"], labels["vocational_qualification"]) == ("Zielgruppe", "Berufsabschluss")


def test_the_section_in_xlsx_and_pdf(year, w):
    import io

    from openpyxl import load_workbook

    from stufenweg.indicators.pdf import html_for
    from stufenweg.indicators.render import render_standard

    report = standard_report(ReportParams(programme=w.programme, **PERIOD, as_of=D(2023, 12, 31)))
    sheet = load_workbook(io.BytesIO(render_standard(report, "xlsx")))["Zielgruppenmerkmale"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    # columns: gesamt, Zähler, Nenner, S3, Zähler, Nenner, S4, Zähler, Nenner
    assert rows["Frauenanteil"] == (0.4, 2, 5, 0.5, 2, 4, 0, 0, 1)
    assert rows["Durchschnittsalter beim Eintritt"] == (38.8, None, None, 38, None, None, 42, None, None)
    assert rows["Verweildauer, Median (Tage)"] == (91, None, None, 90.5, None, None, 92, None, None)
    html = html_for(report)
    assert "<h2>Zielgruppenmerkmale je Stufe</h2>" in html
    assert '<td>Verweildauer, Median (Tage)</td><td class="n">91</td><td class="n">90,50</td>' in html


def test_the_web_breakdown_names_the_person_groups(year, w):
    from stufenweg.indicators.presenting import localise

    report = standard_report(
        ReportParams(programme=w.programme, **PERIOD, as_of=D(2023, 12, 31), by=("vocational_qualification",))
    )
    section = next(s for s in localise(report)["sections"] if s["id"] == "breakdown")
    groups = {row["cells"][0] for row in section["rows"]}
    # the codes yes/no/"" are shown as ja/nein/nicht erfasst on the page, as in the CSV for Excel
    assert groups <= {"gesamt", "ja", "nein", "nicht erfasst"}
    assert {"ja", "nein", "nicht erfasst"} <= groups
