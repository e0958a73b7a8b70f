"""An Arbeitsmarktmentoren-like programme (seed 003), as data.

Mentors accompany refugees into vocational training or work and support their employers; the
support continues after placement. Focus groups: women, people without a vocational qualification.
"""

from __future__ import annotations

import datetime as dt

PROGRAMME = {
    "code": "AMM",
    "name": "Arbeitsmarktmentoren Sachsen (Demo)",
    "description": "Mentoring für Schutzsuchende auf dem Weg in Ausbildung oder Beschäftigung, "
    "Unterstützung der Arbeitgeber, Begleitung auch nach der Vermittlung.",
    "ltu_rule": "eu_age",
    "follow_up_months": 6,
    "caseload_ratios": [(dt.date(2021, 1, 1), 40)],
    "in_work_kinds": ["svb", "self_employed", "vocational_training"],
    "stages": [
        {
            "code": "MENT",
            "name": "Mentoring (Weg in Ausbildung oder Arbeit)",
            "max_months": 24,
            "extendable": True,
            "next": ["NACH"],
        },
        {
            "code": "NACH",
            "name": "Begleitung nach Vermittlung",
            "max_months": 12,
            "extendable": False,
            "next": [],
        },
    ],  # fmt: skip
    "measures": [
        {
            "code": "AMM-DD",
            "name": "Arbeitsmarktmentoring Dresden",
            "provider": "AMM-DD",
            "region": "DD",
            "stages": ["MENT", "NACH"],
            "places": 70,
            "start": dt.date(2021, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "300-AMM-01",
            "location": "Dresden",
        },
        {
            "code": "AMM-L",
            "name": "Arbeitsmarktmentoring Leipzig",
            "provider": "AMM-L",
            "region": "L",
            "stages": ["MENT", "NACH"],
            "places": 70,
            "start": dt.date(2021, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "300-AMM-02",
            "location": "Leipzig",
        },
        {
            "code": "AMM-C",
            "name": "Arbeitsmarktmentoring Chemnitz",
            "provider": "AMM-C",
            "region": "CMS",
            "stages": ["MENT", "NACH"],
            "places": 40,
            "start": dt.date(2021, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "300-AMM-03",
            "location": "Chemnitz",
        },
    ],  # fmt: skip
    "targets": [
        {"indicator": "prog.participants", "target": 240},
        {"indicator": "sgb2.integrations", "target": 110},
    ],
    "period": (dt.date(2021, 1, 1), dt.date(2026, 10, 31)),
    "flow": {
        "persons": 250,
        "population": "refugees",
        "referrals": (dt.date(2021, 1, 11), dt.date(2026, 8, 31)),
        "regions": {"DD": 40, "L": 40, "CMS": 20},
        "referrers": {"DD": ["JC-DD"], "L": ["JC-L"], "CMS": ["JC-C"]},
        "caseworkers": {"DD": ["AMM-DD"], "L": ["AMM-L"], "CMS": ["AMM-C"]},
        "referral_has_region": True,
        "not_arrived": 0.05,
        "assessment": {
            "days": (3, 14),
            "result_days": (3, 10),
            "not_suitable": 0.02,
            "job": 0.0,
            "withdrawn": 0.05,
            "waitlist": 0.1,
            "wait_days": (7, 45),
        },
        "first_stage": {"MENT": 1},
        "reentry": {"share": 0.05, "via_referral": 0.5, "after_days": (60, 300)},
        "follow_up": {"share": 0.75, "reached": 0.8},
        "benefit_effect": {"ended": 0.35, "reduced": 0.45, "unknown": 0.2},
        "stages": {
            "MENT": {
                "months": (9, 15),
                "extension": 0.25,
                "extension_months": (3, 6),
                "interruption": 0.05,
                "internship": {"share": 0.2, "count": (1, 1), "first_labour_market": 1.0},
                "employment": {"employed_svb": 0.7, "minijob": 0.25, "self_employed": 0.05},
                "outcomes": [
                    {
                        "w": 55,
                        "change": {"NACH": 1},
                        "planned": True,
                        "at": (0.3, 1.0),
                        "job": {"kind": "svb"},
                    },
                    {
                        "w": 12,
                        "change": {"NACH": 1},
                        "planned": True,
                        "at": (0.3, 1.0),
                        "job": {"kind": "vocational_training"},
                    },
                    {
                        "w": 17,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"job_seeking": 70, "education": 20, "employed": 10},
                    },
                    {
                        "w": 12,
                        "exit": "early_negative",
                        "at": (0.1, 0.9),
                        "statuses": {"job_seeking": 70, "unknown": 30},
                    },
                    {
                        "w": 13,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 30, "parental_leave": 30, "unknown": 40},
                    },
                ],
            },
            "NACH": {
                "months": (6, 12),
                "extension": 0,
                "interruption": 0,
                "internship": None,
                "employment": {"employed_svb": 1.0},
                "outcomes": [
                    {"w": 85, "exit": "regular", "at": "end", "statuses": {"current": 100}},
                    {"w": 8, "exit": "early_negative", "at": (0.1, 0.9), "statuses": {"current": 100}},
                    {"w": 7, "exit": "early_neutral", "at": (0.1, 0.9), "statuses": {"current": 100}},
                ],
            },
        },  # fmt: skip
    },
}
