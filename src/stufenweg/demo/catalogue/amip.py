"""A Jobcenter programme like the AMIP Nordsachsen (seed 001), as data.

Instruments as stages: activation, measures at an employer (MAG, at most 12 weeks), work
opportunities (AGH), qualification, § 16i employment and aftercare after job start (at most
6 months).
"""

from __future__ import annotations

import datetime as dt

_S, _E = dt.date(2024, 1, 1), dt.date(2027, 12, 31)


def _measure(code, name, provider, stages, places):
    return {"code": code, "name": name, "provider": provider, "region": "NOS", "stages": stages,
            "places": places, "start": _S, "end": _E, "rolling_entry": True, "operation": "",
            "location": "Nordsachsen"}  # fmt: skip


PROGRAMME = {
    "code": "AMIP-NOS",
    "name": "Arbeitsmarkt- und Integrationsprogramm Nordsachsen (Demo)",
    "description": "Instrumente des Jobcenters: Aktivierung, MAG, AGH, Qualifizierung, § 16i SGB II, "
    "Nachbetreuung nach Arbeitsaufnahme; Workshops in der JOBfabrik, JOBcafé mit Arbeitgebern.",
    "ltu_rule": "12m",
    "follow_up_months": 6,
    "caseload_ratios": [(_S, 50)],
    "stages": [
        {
            "code": "AKT",
            "name": "Aktivierungsmaßnahme",
            "max_months": 6,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["MAG", "AGH", "QUAL"],
        },
        {
            "code": "MAG",
            "name": "Maßnahme beim Arbeitgeber (bis 12 Wochen)",
            "max_months": 3,
            "extendable": False,
            "next": ["NACH", "QUAL"],
        },
        {
            "code": "AGH",
            "name": "Arbeitsgelegenheit (AGH)",
            "max_months": 12,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["QUAL", "TEIL", "MAG"],
        },
        {
            "code": "QUAL",
            "name": "Qualifizierung",
            "max_months": 12,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["MAG", "NACH"],
        },
        {
            "code": "TEIL",
            "name": "Teilhabe am Arbeitsmarkt (§ 16i SGB II)",
            "max_months": 60,
            "min_age": 25,
            "min_unemployed_months": 60,
            "extendable": True,
            "next": ["NACH"],
        },
        {
            "code": "NACH",
            "name": "Nachbetreuung nach Arbeitsaufnahme",
            "max_months": 6,
            "extendable": False,
            "next": [],
        },
    ],  # fmt: skip
    "measures": [
        _measure("AMIP-AKT", "Aktivierung JOBfabrik Delitzsch", "JOBFABRIK-NOS", ["AKT"], 40),
        _measure("AMIP-MAG", "Maßnahmen beim Arbeitgeber Nordsachsen", "BDL-QWD", ["MAG"], 15),
        _measure("AMIP-AGH", "Arbeitsgelegenheiten Torgau", "BDL-TORGAU", ["AGH"], 30),
        _measure("AMIP-QUAL", "Qualifizierung Lager/Logistik und Pflegehilfe", "BDL-TORGAU", ["QUAL"], 25),
        _measure("AMIP-TEIL", "Teilhabe am Arbeitsmarkt – Begleitung", "BDL-QWD", ["TEIL"], 25),
        _measure("AMIP-NACH", "Nachbetreuung nach Arbeitsaufnahme", "JOBFABRIK-NOS", ["NACH"], 20),
    ],
    "targets": [
        {
            "indicator": "sgb2.integrations",
            "from": dt.date(2025, 1, 1),
            "to": dt.date(2025, 12, 31),
            "target": 30,
        },
        {
            "indicator": "sgb2.integrations",
            "from": dt.date(2026, 1, 1),
            "to": dt.date(2026, 12, 31),
            "target": 30,
        },
    ],  # fmt: skip
    "period": (dt.date(2024, 1, 1), dt.date(2026, 10, 31)),
    "flow": {
        "persons": 200,
        "population": "nordsachsen",
        "referrals": (dt.date(2024, 1, 8), dt.date(2026, 8, 31)),
        "regions": {"NOS": 1},
        "referrers": {"NOS": ["JC-NOS"]},
        "caseworkers": {"NOS": ["JC-NOS"]},
        "referral_has_region": True,
        "not_arrived": 0.1,
        "assessment": {
            "days": (3, 10),
            "result_days": (2, 7),
            "not_suitable": 0.04,
            "job": 0.05,
            "withdrawn": 0.03,
            "waitlist": 0.1,
            "wait_days": (7, 30),
        },
        "first_stage": {"AKT": 55, "AGH": 25, "QUAL": 20},
        "reentry": {"share": 0.08, "via_referral": 1.0, "after_days": (30, 200)},
        "follow_up": {"share": 0.8, "reached": 0.85},
        "benefit_effect": {"ended": 0.35, "reduced": 0.45, "none": 0.1, "unknown": 0.1},
        "stages": {
            "AKT": {
                "months": (3, 5),
                "extension": 0.15,
                "extension_months": (1, 1),
                "interruption": 0.03,
                "internship": {"share": 0.3, "count": (1, 1), "first_labour_market": 0.9},
                "employment": {"employed_svb": 0.7, "minijob": 0.3},
                "outcomes": [
                    {"w": 15, "change": {"MAG": 1}, "planned": True, "at": "end"},
                    {"w": 15, "change": {"AGH": 1}, "planned": True, "at": "end"},
                    {"w": 12, "change": {"QUAL": 1}, "planned": True, "at": "end"},
                    {
                        "w": 30,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"job_seeking": 85, "employed": 15},
                    },
                    {"w": 8, "exit": "early_positive", "at": (0.3, 0.9), "statuses": {"employed": 100}},
                    {"w": 17, "exit": "early_negative", "at": (0.1, 0.9), "statuses": {"job_seeking": 100}},
                    {
                        "w": 3,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
            "MAG": {
                "months": (2, 3),
                "extension": 0,
                "interruption": 0,
                "internship": None,
                "employment": {"employed_svb": 0.9, "minijob": 0.1},
                "outcomes": [
                    {"w": 40, "change": {"NACH": 1}, "planned": True, "at": "end", "job": {"kind": "svb"}},
                    {
                        "w": 35,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"job_seeking": 80, "employed": 20},
                    },
                    {"w": 5, "change": {"QUAL": 1}, "planned": True, "at": "end"},
                    {"w": 15, "exit": "early_negative", "at": (0.2, 0.9), "statuses": {"job_seeking": 100}},
                    {
                        "w": 5,
                        "exit": "early_neutral",
                        "at": (0.2, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
            "AGH": {
                "months": (6, 9),
                "extension": 0.2,
                "extension_months": (2, 3),
                "interruption": 0.05,
                "internship": None,
                "employment": {"minijob": 0.6, "employed_svb": 0.4},
                "outcomes": [
                    {"w": 10, "change": {"TEIL": 1}, "planned": True, "at": "end"},
                    {"w": 10, "change": {"QUAL": 1}, "planned": True, "at": "end"},
                    {"w": 10, "change": {"MAG": 1}, "planned": True, "at": "end"},
                    {
                        "w": 45,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"job_seeking": 90, "employed": 10},
                    },
                    {"w": 20, "exit": "early_negative", "at": (0.1, 0.9), "statuses": {"job_seeking": 100}},
                    {
                        "w": 5,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
            "QUAL": {
                "months": (6, 10),
                "extension": 0.1,
                "extension_months": (1, 2),
                "interruption": 0.04,
                "internship": {"share": 0.5, "count": (1, 1), "first_labour_market": 1.0},
                "employment": {"employed_svb": 0.85, "minijob": 0.15},
                "outcomes": [
                    {
                        "w": 55,
                        "exit": "regular",
                        "at": "end",
                        "qualification": "Teilqualifikation (Zertifikat)",
                        "statuses": {"job_seeking": 55, "employed": 40, "education": 5},
                    },
                    {"w": 10, "change": {"MAG": 1}, "planned": True, "at": "end"},
                    {"w": 8, "change": {"NACH": 1}, "planned": True, "at": "end", "job": {"kind": "svb"}},
                    {"w": 20, "exit": "early_negative", "at": (0.1, 0.9), "statuses": {"job_seeking": 100}},
                    {
                        "w": 7,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
            "TEIL": {
                "months": (24, 36),
                "extension": 0.3,
                "extension_months": (6, 12),
                "interruption": 0.02,
                "internship": None,
                "job_at_entry": {"kind": "publicly_funded", "hours": 30},
                "employment": {"employed_svb": 1.0},
                "outcomes": [
                    {"w": 60, "exit": "regular", "at": "end", "statuses": {"current": 100}, "job_ends": True},
                    {
                        "w": 20,
                        "change": {"NACH": 1},
                        "planned": True,
                        "at": (0.3, 1.0),
                        "job": {"kind": "svb"},
                    },
                    {
                        "w": 12,
                        "exit": "early_negative",
                        "at": (0.1, 0.9),
                        "statuses": {"job_seeking": 100},
                        "job_ends": True,
                    },
                    {
                        "w": 8,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                        "job_ends": True,
                    },
                ],
            },
            "NACH": {
                "months": (4, 6),
                "extension": 0,
                "interruption": 0,
                "internship": None,
                "employment": {"employed_svb": 1.0},
                "outcomes": [
                    {"w": 85, "exit": "regular", "at": "end", "statuses": {"current": 100}},
                    {"w": 10, "exit": "early_negative", "at": (0.1, 0.9), "statuses": {"current": 100}},
                    {"w": 5, "exit": "early_neutral", "at": (0.1, 0.9), "statuses": {"current": 100}},
                ],
            },
        },  # fmt: skip
    },
}
