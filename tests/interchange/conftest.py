"""A small, complete, valid data set in the exchange format (synthetic), and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ORGANISATIONS = """code,name,kind,region
JC-A,Jobcenter A,jobcenter,RA
REGIE,Regiestelle,coordination_office,
RB-A,Regionalbüro A,regional_office,RA
BDL-A,Träger A,provider,RA
AG-1,Pflegedienst Lichtblicke,employer,RA
"""

PROGRAMMES = """programme,programme_name,stage,stage_name,position,max_months,min_age,max_age,min_unemployed_months,extendable
JPS,JobPerspektive Test,S2,Stufe 2 – QAB,1,36,25,58,,yes
JPS,JobPerspektive Test,S3,Stufe 3 – IEB,2,12,,,,yes
"""

MEASURES = """code,name,programme,stages,provider,region,operation,places,start,end,rolling_entry
MA,Maßnahme A,JPS,S2|S3,BDL-A,RA,ESF-100,2,2020-01-01,,yes
"""

PERSONS = """person_id,first_name,last_name,birth_date,gender,nationality,foreign_background,disability,minority,homeless,rural,isced,vocational_qualification,single_parent,household_id,postcode
P1,Anna,Schulze,1980-05-17,f,DE,no,no,no,no,yes,3,yes,no,BG1,01067
P2,Jens,Müller,1975-01-02,m,DE,no,yes,no,no,no,2,no,no,,01069
P3,Olga,Krause,1985-09-30,x,UA,yes,na,no,no,no,4,no,yes,BG1,01099
"""

# Line numbers (header = 1): E1=2, E2=3, E3=4, E4=5, E14=6, E13=7, E5=8, E6=9, E9=10, E7=11, E8=12, E11=13, E12=14
EVENTS = """event_id,person_id,programme,event,date,recorded_at,region,measure,stage,supersedes,referrer,result,planned_end,employment_status,unemployed_since,benefit,change,reason,exit_kind,statuses,qualification,employer,end_date,first_labour_market,employment_kind,hours,benefit_effect,reached,source
E1,P1,JPS,referral,2022-01-03,2022-01-03T10:00:00+01:00,RA,,,,JC-A,,,,,,,,,,,,,,,,,,
E2,P1,JPS,assessment_start,2022-01-10,2022-01-10T09:15:00+01:00,,,,,,,,,,,,,,,,,,,,,,,
E3,P1,JPS,entry,2022-02-01,2022-02-01T11:00:00+01:00,,MA,S3,,,,2022-12-31,unemployed,2019-01-01,sgb2,,,,,,,,,,,,,
E4,P1,JPS,exit,2022-06-30,2022-07-01T08:00:00+02:00,,,,,,,,,,,,Arbeitsaufnahme,early_positive,job_seeking|employed_svb,no,,,,,,,,
E14,P1,JPS,employment_start,2022-06-15,2022-06-16T12:00:00+02:00,,,,,,,,,,,,,,,,AG-1,,,svb,38.5,ended,,
E13,P1,JPS,follow_up,2022-12-30,2023-01-02T10:00:00+01:00,,,,,,,,,,,,,,employed_svb,,,,,,,,yes,self
E5,P2,JPS,assessment_start,2022-01-10,2022-01-10T09:30:00+01:00,RA,,,,,,,,,,,,,,,,,,,,,,
E6,P2,JPS,entry,2022-02-01,2022-02-01T11:30:00+01:00,,MA,S3,,,,2022-12-31,unemployed,2018-06-01,sgb2,,,,,,,,,,,,,
E9,P2,JPS,entry,2022-02-03,2022-02-04T09:00:00.250000+01:00,,MA,S3,E6,,,2022-12-31,unemployed,2018-06-01,sgb2,,,,,,,,,,,,,
E7,P3,JPS,assessment_start,2022-06-01,2022-06-01T10:00:00+02:00,RA,,,,,,,,,,,,,,,,,,,,,,
E8,P3,JPS,entry,2022-07-01,2022-07-01T10:00:00+02:00,,MA,S2,,,,2023-06-30,inactive,,none,,,,,,,,,,,,,
E11,P3,JPS,qualification,2022-08-01,2022-08-01T10:00:00+02:00,,,,,,,,,,,,Staplerschein,,,,,,,,,,,
E12,P3,JPS,void,2022-08-01,2022-08-02T10:00:00+02:00,,,,E11,,,,,,,,,,,,,,,,,,,
"""

HOUSEHOLDS = """household_id,month,members,llu,kdu
BG1,2022-01,2,1004.00,420.50
BG1,2022-02,2,1004,420.5
"""

TARGETS = """programme,indicator,period_from,period_to,region,stage,target
JPS,flow.stage_entries,2022-01-01,2022-12-31,RA,S3,10
JPS,prog.success_rate,2022-01-01,2022-12-31,,,0.35
"""

BASE = {
    "organisations.csv": ORGANISATIONS,
    "programmes.csv": PROGRAMMES,
    "measures.csv": MEASURES,
    "persons.csv": PERSONS,
    "events.csv": EVENTS,
    "households.csv": HOUSEHOLDS,
    "targets.csv": TARGETS,
}


def write_files(directory: Path, files: dict[str, str], *, bom: bool = False) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        if text is None:
            continue
        (directory / name).write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return directory


def replace_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


@pytest.fixture
def dataset(tmp_path):
    """``dataset(**{"events.csv": text})`` writes the base files (with replacements) and returns the dir."""
    counter = iter(range(1000))

    def make(**overrides) -> Path:
        files = {**BASE, **{k.replace("_csv", ".csv"): v for k, v in overrides.items()}}
        return write_files(tmp_path / f"in{next(counter)}", files)

    return make
