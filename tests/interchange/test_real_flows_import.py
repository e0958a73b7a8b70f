"""Real-shaped flows import whole (exchange format) and the report counts them (figures by hand).

The flows real programmes have and a data set was refused for: a former participant re-referred by
the Jobcenter and reactivated without a new assessment; a six-month follow-up of an earlier exit
recorded while the person is back in a stage; closures before entry (an ``exit`` with no
enrolment open: withdrawn, moved, into work from the assessment or the waiting list); an
unreached follow-up followed by a second, reached attempt.
"""

import datetime as dt

import pytest

from stufenweg.indicators.engine import Engine, settings_for
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.programmes.models import Programme
from tests.interchange.conftest import BASE, write_files

pytestmark = pytest.mark.django_db

MEASURES = """code,name,programme,stages,provider,region,operation,places,start,end,rolling_entry
MA,Maßnahme A,JPS,S2|S3,BDL-A,RA,ESF-100,20,2020-01-01,,yes
"""

PERSONS = """person_id,first_name,last_name,birth_date,gender,nationality,foreign_background,disability,minority,homeless,rural,isced,vocational_qualification,single_parent,household_id,postcode
Q1,Karin,Lehmann,1979-03-02,f,DE,no,no,no,no,no,3,yes,no,,01067
Q2,Tobias,Richter,1983-11-20,m,DE,no,no,no,no,no,2,no,no,,01069
Q3,Svetlana,Iwanowa,1977-07-07,f,UA,yes,no,no,no,no,4,no,no,,01099
Q4,Mehmet,Yilmaz,1990-01-15,m,TR,yes,no,no,no,no,2,no,no,,01097
Q5,Petra,Wolf,1972-12-01,f,DE,no,no,no,no,no,3,yes,no,,01109
"""

HEADER = "event_id,person_id,programme,event,date,recorded_at,region,measure,stage,supersedes,referrer,result,planned_end,employment_status,unemployed_since,benefit,change,reason,exit_kind,statuses,qualification,employer,end_date,first_labour_market,employment_kind,hours,benefit_effect,reached,source"


def row(event_id, person, kind, date, **values):
    columns = HEADER.split(",")
    cells = {"event_id": event_id, "person_id": person, "programme": "JPS", "event": kind, "date": date}
    cells.update(values)
    return ",".join(str(cells.get(c, "")) for c in columns)


ENTRY = {"measure": "MA", "stage": "S3", "employment_status": "unemployed", "unemployed_since": "2020-01-01"}

EVENTS = "\n".join(
    [
        HEADER,
        # Q1: exit 2023-02-28, re-referred by the Jobcenter, reactivated without a new assessment,
        # back in a stage; the six-month follow-up of the exit is recorded while she is in it
        row("F1", "Q1", "referral", "2022-10-03", region="RA", referrer="JC-A"),
        row("F2", "Q1", "assessment_start", "2022-10-10"),
        row("F3", "Q1", "entry", "2022-11-01", planned_end="2023-10-31", **ENTRY),
        row("F4", "Q1", "exit", "2023-02-28", exit_kind="regular", statuses="job_seeking"),
        row("F5", "Q1", "referral", "2023-04-03", referrer="JC-A"),
        row("F6", "Q1", "reactivation", "2023-04-05"),
        row("F7", "Q1", "entry", "2023-05-02", planned_end="2024-04-30", **ENTRY),
        row("F8", "Q1", "follow_up", "2023-08-28", statuses="education", reached="yes", source="self"),
        # Q2: closed while referred (moved away)
        row("G1", "Q2", "referral", "2023-01-09", region="RA", referrer="JC-A"),
        row("G2", "Q2", "exit", "2023-01-20", reason="verzogen", exit_kind="early_neutral"),
        # Q3: closed from the waiting list into work, with a status
        row("H1", "Q3", "assessment_start", "2023-01-16", region="RA"),
        row("H2", "Q3", "assessment_result", "2023-01-30", result="suitable", stage="S3"),
        row("H3", "Q3", "waitlist", "2023-02-01", stage="S3"),
        row(
            "H4",
            "Q3",
            "exit",
            "2023-03-15",
            reason="Arbeit gefunden",
            exit_kind="early_positive",
            statuses="employed_svb",
        ),
        # Q4: still waiting
        row("K1", "Q4", "assessment_start", "2023-02-06", region="RA"),
        row("K2", "Q4", "waitlist", "2023-02-20", stage="S3"),
        # Q5: exit, the first follow-up does not reach her, the second does; re-referred and
        # closed in the assessment (withdrawn)
        row("L1", "Q5", "assessment_start", "2022-09-05", region="RA"),
        row("L2", "Q5", "entry", "2022-10-04", planned_end="2023-09-30", **ENTRY),
        row("L3", "Q5", "exit", "2023-03-31", exit_kind="early_negative", statuses="job_seeking"),
        row("L4", "Q5", "follow_up", "2023-09-25", reached="no", source="self"),
        row("L5", "Q5", "follow_up", "2023-10-06", statuses="job_seeking", reached="yes", source="register"),
        row("L6", "Q5", "referral", "2023-11-02", referrer="JC-A"),
        row("L7", "Q5", "assessment_start", "2023-11-09"),
        row("L8", "Q5", "exit", "2023-11-20", reason="zurückgezogen", exit_kind="early_neutral"),
    ]
)


def _import(tmp_path, events=EVENTS):
    files = {**BASE, "measures.csv": MEASURES, "persons.csv": PERSONS, "events.csv": events + "\n"}
    files["targets.csv"] = None
    files["households.csv"] = None
    return import_exchange(write_files(tmp_path / "real", files))


def test_the_real_flows_import_whole_and_end_in_the_right_states(tmp_path):
    result = _import(tmp_path)
    assert result.problems == []
    assert result.written
    assert result.counts["events.csv"]["created"] == 24
    states = dict(Participation.objects.values_list("person__person_id", "state"))
    # Q1 is in a stage: the follow-up of her earlier exit does not move her to "followed up"
    assert states == {"Q1": "in_stage", "Q2": "exited", "Q3": "exited", "Q4": "waiting", "Q5": "exited"}
    q3 = Participation.objects.get(person__person_id="Q3")
    assert q3.waiting_stage_id is None  # no longer on the waiting list
    # closures before entry end no enrolment: Q1 two, Q5 one, Q2 and Q3 none
    enrolments = {
        code: Enrolment.objects.filter(participation__person__person_id=code).count()
        for code in ("Q1", "Q2", "Q3", "Q5")
    }
    assert enrolments == {"Q1": 2, "Q2": 0, "Q3": 0, "Q5": 1}
    assert JourneyEvent.objects.get(event_id="H4").statuses == "employed_svb"


def _report(date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31)):
    settings = settings_for(Programme.objects.get(code="JPS"), date_from=date_from, date_to=date_to)
    with Engine(settings) as engine:
        rows = engine.rows(None, ())
    return {r["indicator"]: r["value"] for r in rows if r["group"] == {}}


def test_the_report_counts_reactivations_closures_and_the_follow_up_by_hand(tmp_path):
    assert _import(tmp_path).problems == []
    values = _report()
    assert values["flow.reactivations"] == 1  # Q1 (F6)
    assert values["flow.closures_before_entry"] == 3  # G2, H4, L8
    # exits from a measure: Q1's F4 and Q5's L3; the closures are no exits of a participant
    assert values["flow.exits"] == 2
    assert values["exit.cases"] == 2
    # assessment starts H1, K1, L7 and the reactivation F6
    assert values["flow.programme_entries"] == 4
    assert values["flow.stage_entries"] == 1  # F7
    assert values["flow.waiting"] == 1  # Q4; Q3 left the waiting list
    assert values["flow.active"] == 1  # Q1
    # six-month cohort: F4 (p = 28.08.2023) and L3 (p = 30.09.2023); F8 is F4's follow-up
    # though Q1 is in a stage again, L4 (not reached) is none, L5 (06.10.) is L3's follow-up
    assert values["prog.follow_up_unreached"] == 0


def test_without_the_follow_ups_both_exits_are_unreached(tmp_path):
    """The counter-check of the follow-up attribution above."""
    events = "\n".join(line for line in EVENTS.split("\n") if ",follow_up," not in line)
    assert _import(tmp_path, events).problems == []
    assert _report()["prog.follow_up_unreached"] == 2


def test_a_programme_without_reactivation_after_referral_refuses_that_row(tmp_path):
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(code="JPS", name="JobPerspektive Test", reactivation_after_referral=False)
    result = _import(tmp_path)
    assert not result.written
    (problem,) = result.problems
    assert (problem.file, problem.row, problem.column) == ("events.csv", 7, "date")
    assert problem.message.startswith("„Reaktivierung“ am 05.04.2023 ist")
    assert not JourneyEvent.objects.exists()
