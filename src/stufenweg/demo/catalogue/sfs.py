"""A Schritt-für-Schritt-like programme (seeds 000 and 001), as data.

For very distant long-term unemployed people (25 to 57 at entry, unemployed at least three years),
up to 18 months in three phases: intake, main phase, aftercare. Success = a follow-on measure.
"""

from __future__ import annotations

import datetime as dt

PROGRAMME = {
    "code": "SFS",
    "name": "Schritt für Schritt (Demo)",
    "description": "Verbesserung der Beschäftigungsfähigkeit sehr arbeitsmarktferner Langzeitarbeitsloser: "
    "Eingangsphase, Hauptphase, Nachbetreuung; höchstens 18 Monate.",
    "ltu_rule": "12m",
    "follow_up_months": 6,
    "caseload_ratios": [],  # the seeds name no ratio for Schritt für Schritt
    "stages": [
        {
            "code": "EIN",
            "name": "Eingangsphase (Stärken- und Potenzialanalyse, Förderplan)",
            "max_months": 3,
            "min_age": 25,
            "max_age": 57,
            "min_unemployed_months": 36,
            "extendable": False,
            "next": ["HAUPT"],
        },
        {
            "code": "HAUPT",
            "name": "Hauptphase (Stabilisierung, Tagesstruktur, Sozialkompetenz)",
            "max_months": 12,
            "extendable": True,
            "next": ["NACH"],
        },
        {"code": "NACH", "name": "Nachbetreuung", "max_months": 3, "extendable": False, "next": []},
    ],  # fmt: skip
    "measures": [
        {
            "code": "SFS-DD-1",
            "name": "Schritt für Schritt – Brücke Dresden",
            "provider": "BDL-BRUECKE",
            "region": "DD",
            "stages": ["EIN", "HAUPT", "NACH"],
            "places": 45,
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "200-SFS-01",
            "location": "Dresden",
        },
        {
            "code": "SFS-DD-2",
            "name": "Schritt für Schritt – Neustart Dresden",
            "provider": "BDL-NEUSTART",
            "region": "DD",
            "stages": ["EIN", "HAUPT", "NACH"],
            "places": 45,
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "200-SFS-02",
            "location": "Dresden",
        },
        {
            "code": "SFS-NOS-1",
            "name": "Schritt für Schritt – Delitzsch",
            "provider": "BDL-FAWD",
            "region": "NOS",
            "stages": ["EIN", "HAUPT", "NACH"],
            "places": 40,
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "200-SFS-03",
            "location": "Delitzsch",
        },
    ],  # fmt: skip
    "targets": [
        {"indicator": "prog.participants", "target": 280},
        {"indicator": "prog.follow_on_rate", "stage": "NACH", "target": 0.5, "rate": True},
    ],
    "period": (dt.date(2023, 1, 1), dt.date(2026, 10, 31)),
    "flow": {
        "persons": 300,
        "population": "longterm",
        "referrals": (dt.date(2023, 1, 9), dt.date(2026, 6, 30)),
        "regions": {"DD": 70, "NOS": 30},
        "referrers": {"DD": ["JC-DD"], "NOS": ["JC-NOS"]},
        "caseworkers": {"DD": ["BDL-BRUECKE", "BDL-NEUSTART"], "NOS": ["BDL-FAWD"]},
        "referral_has_region": True,
        "not_arrived": 0.12,
        "assessment": {
            "days": (3, 14),
            "result_days": (3, 14),
            "not_suitable": 0.04,
            "job": 0.0,
            "withdrawn": 0.04,
            "waitlist": 0.15,
            "wait_days": (14, 60),
        },
        "first_stage": {"EIN": 1},
        "reentry": {"share": 0.05, "via_referral": 1.0, "after_days": (60, 300)},
        "follow_up": {"share": 0.8, "reached": 0.8},
        "benefit_effect": {"reduced": 0.5, "none": 0.3, "unknown": 0.2},
        "stages": {
            "EIN": {
                "months": (2, 3),
                "extension": 0,
                "interruption": 0.02,
                "internship": None,
                "employment": {"minijob": 1.0},
                "outcomes": [
                    {"w": 12, "exit": "early_negative", "at": (0.1, 0.9), "statuses": {"job_seeking": 100}},
                    {"w": 85, "change": {"HAUPT": 1}, "planned": True, "at": "end"},
                    {
                        "w": 3,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
            "HAUPT": {
                "months": (9, 11),
                "extension": 0.2,
                "extension_months": (1, 3),
                "interruption": 0.08,
                "internship": {"share": 0.3, "count": (1, 1), "first_labour_market": 0.5},
                "employment": {"minijob": 0.6, "employed_svb": 0.4},
                "outcomes": [
                    {
                        "w": 28,
                        "exit": "early_negative",
                        "at": (0.05, 0.9),
                        "statuses": {"job_seeking": 85, "rehab_pension_other": 10, "unknown": 5},
                    },
                    {"w": 55, "change": {"NACH": 1}, "planned": True, "at": "end"},
                    {
                        "w": 10,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"job_seeking": 70, "rehab_pension_other": 30},
                    },
                    {
                        "w": 5,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 70, "parental_leave": 30},
                    },
                    {
                        "w": 2,
                        "exit": "early_positive",
                        "at": (0.4, 0.9),
                        "statuses": {"education": 60, "employed": 40},
                    },
                ],
            },
            "NACH": {
                "months": (3, 3),
                "extension": 0,
                "interruption": 0,
                "internship": None,
                "employment": {"minijob": 0.6, "employed_svb": 0.4},
                "outcomes": [
                    {
                        "w": 92,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"education": 65, "job_seeking": 25, "employed": 10},
                    },
                    {"w": 5, "exit": "early_negative", "at": (0.2, 0.9), "statuses": {"job_seeking": 100}},
                    {
                        "w": 3,
                        "exit": "early_neutral",
                        "at": (0.2, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
        },  # fmt: skip
    },
}
