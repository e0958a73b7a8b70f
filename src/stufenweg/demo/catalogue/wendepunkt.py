"""A WENDE.PUNKT-like programme (seed 004, Jobcenter Dortmund), as data.

Three phases (intensive phase at most 8 months), caseload 1:50, from 2023 1:65, the whole household
(Bedarfsgemeinschaft) is supported; goal: sustainable integrations that end benefit receipt or
reduce it (yearly targets, e.g. 310 = 150 ending + 160 reducing, here demo-sized).
"""

from __future__ import annotations

import datetime as dt

_YEARS = range(2021, 2027)

PROGRAMME = {
    "code": "WP",
    "name": "WENDE.PUNKT Dortmund (Demo)",
    "description": "3-Phasen-Modell mit Intensivbetreuung (höchstens 8 Monate), Betreuungsschlüssel 1:50, ab 2023 1:65, "
    "Betreuung der ganzen Bedarfsgemeinschaft, Coaching nach Arbeitsaufnahme.",
    "ltu_rule": "12m",
    "follow_up_months": 6,
    # seed 004: 1:50 in the first project period, 1:65 from the extension on
    "caseload_ratios": [(dt.date(2021, 1, 1), 50), (dt.date(2023, 1, 1), 65)],
    "stages": [
        {
            "code": "P1",
            "name": "Phase 1 – Ankommen, Profiling, Empowerment",
            "max_months": 2,
            "min_age": 25,
            "max_age": 58,
            "extendable": False,
            "next": ["P2"],
        },
        {
            "code": "P2",
            "name": "Phase 2 – Intensivbetreuung",
            "max_months": 8,
            "extendable": False,
            "next": ["P3"],
        },
        {
            "code": "P3",
            "name": "Phase 3 – Coaching nach Arbeitsaufnahme",
            "max_months": 6,
            "extendable": False,
            "next": [],
        },
    ],  # fmt: skip
    "measures": [
        {
            "code": "WP-DO",
            "name": "WENDE.PUNKT Dortmund",
            "provider": "WP-TEAM",
            "region": "DO",
            "stages": ["P1", "P2", "P3"],
            "places": 400,
            "start": dt.date(2021, 1, 1),
            "end": dt.date(2027, 12, 31),
            "rolling_entry": True,
            "operation": "JC-DO-WP",
            "location": "Dortmund",
        },
    ],  # fmt: skip
    "targets": [
        target
        for year in _YEARS
        for target in (
            {
                "indicator": "sgb2.integrations",
                "from": dt.date(year, 1, 1),
                "to": dt.date(year, 12, 31),
                "target": 20,
            },
            {
                "indicator": "sgb2.integrations_needs_covering",
                "from": dt.date(year, 1, 1),
                "to": dt.date(year, 12, 31),
                "target": 10,
            },
            {
                "indicator": "sgb2.integrations_reducing",
                "from": dt.date(year, 1, 1),
                "to": dt.date(year, 12, 31),
                "target": 10,
            },
        )
    ],  # fmt: skip
    "period": (dt.date(2021, 1, 1), dt.date(2026, 10, 31)),
    "flow": {
        "persons": 170,
        "population": "dortmund",
        "households": {"partner": 0.55, "partner_participates": 0.8, "children": [0.35, 0.25, 0.25, 0.15]},
        "referrals": (dt.date(2021, 1, 11), dt.date(2026, 8, 31)),
        "regions": {"DO": 1},
        "referrers": {"DO": ["JC-DO"]},
        "caseworkers": {"DO": ["WP-TEAM"]},
        "referral_has_region": True,
        "not_arrived": 0.06,
        "assessment": {
            "days": (3, 10),
            "result_days": (2, 10),
            "not_suitable": 0.03,
            "job": 0.0,
            "withdrawn": 0.02,
            "waitlist": 0.05,
            "wait_days": (7, 30),
        },
        "first_stage": {"P1": 1},
        "reentry": {"share": 0.04, "via_referral": 1.0, "after_days": (60, 300)},
        "follow_up": {"share": 0.9, "reached": 0.9},
        # seed 004, 2016 and 2017: 197 of 449 integrations ended benefit receipt, 252 reduced it
        "benefit_effect": {"ended": 0.44, "reduced": 0.56},
        "stages": {
            "P1": {
                "months": (1, 2),
                "extension": 0,
                "interruption": 0,
                "internship": None,
                "employment": {"employed_svb": 1.0},
                "outcomes": [
                    {"w": 92, "change": {"P2": 1}, "planned": True, "at": "end"},
                    {"w": 6, "exit": "early_negative", "at": (0.2, 0.9), "statuses": {"job_seeking": 100}},
                    {
                        "w": 2,
                        "exit": "early_neutral",
                        "at": (0.2, 0.9),
                        "statuses": {"rehab_pension_other": 100},
                    },
                ],
            },
            "P2": {
                "months": (8, 8),
                "extension": 0,
                "interruption": 0.03,
                "internship": {"share": 0.25, "count": (1, 1), "first_labour_market": 1.0},
                "employment": {"employed_svb": 0.85, "minijob": 0.15},
                "outcomes": [
                    {"w": 52, "change": {"P3": 1}, "planned": True, "at": (0.2, 1.0), "job": {"kind": "svb"}},
                    {
                        "w": 25,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {"job_seeking": 85, "employed": 10, "education": 5},
                    },
                    {
                        "w": 15,
                        "exit": "early_negative",
                        "at": (0.1, 0.9),
                        "statuses": {"job_seeking": 90, "rehab_pension_other": 10},
                    },
                    {
                        "w": 5,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"parental_leave": 40, "rehab_pension_other": 60},
                    },
                    {"w": 3, "exit": "early_positive", "at": (0.3, 0.9), "statuses": {"education": 100}},
                ],
            },
            "P3": {
                "months": (6, 6),
                "extension": 0,
                "interruption": 0,
                "internship": None,
                "employment": {"employed_svb": 1.0},
                "outcomes": [
                    {"w": 88, "exit": "regular", "at": "end", "statuses": {"current": 100}},
                    {
                        "w": 7,
                        "exit": "early_negative",
                        "at": (0.1, 0.9),
                        "statuses": {"job_seeking": 100},
                        "job_ends": True,
                    },
                    {"w": 5, "exit": "early_neutral", "at": (0.1, 0.9), "statuses": {"current": 100}},
                ],
            },
        },  # fmt: skip
    },
}
