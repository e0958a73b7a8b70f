"""A JobPerspektive-Sachsen-like programme (seed 002), as data.

Six regional offices, twelve providers, measures for stages 2 (QAB, EZU), 3 (IEB) and 4 (VdB),
mixed measures (stages 3 and 4 at one provider). Flow weights are tuned so that the demo's rates
come near the seed's figures (see docs/demo.md and ``stufenweg demo_rates``).
"""

from __future__ import annotations

import datetime as dt

START = dt.date(2021, 1, 1)
END = dt.date(2026, 12, 31)
# the measures without rolling entry (vocational training, retraining) start in cohorts
COHORT_STARTS = tuple(dt.date(year, month, 1) for year in range(START.year, END.year + 1) for month in (2, 8))

# region: (VdB provider, places), (mixed S3/S4 provider, places), (IEB provider, places),
#         (QAB provider, places), (EZU provider, places)     -- places at scale 1
_MEASURE_TABLE = {
    "BZ": (("BDL-LAUSITZ", 40), ("BDL-OQZ", 32), ("BDL-LAUSITZ", 21), ("BDL-LAUSITZ", 53), ("BDL-OQZ", 34)),
    "DD": (("BDL-ELBTAL", 43), ("BDL-DWA", 35), ("BDL-DWA", 23), ("BDL-ELBTAL", 58), ("BDL-FSMEI", 38)),
    "CMS": (("BDL-CBF", 17), ("BDL-MLW", 14), ("BDL-CBF", 9), ("BDL-CBF", 23), ("BDL-FSE", 15)),
    "ERZ": (("BDL-EBA", 20), ("BDL-EBA", 16), ("BDL-EBA", 10), ("BDL-EBA", 26), ("BDL-EBA", 17)),
    "Z": (("BDL-WBZ", 20), ("BDL-MPV", 16), ("BDL-MPV", 10), ("BDL-WBZ", 26), ("BDL-WBZ", 17)),
    "V": (("BDL-VQ", 11), ("BDL-VQ", 9), ("BDL-VQ", 6), ("BDL-VQ", 14), ("BDL-VQ", 9)),
}
_KINDS = (
    ("VDB", "Verbesserung der Beschäftigungsfähigkeit", ["S4"], True),
    ("MIX", "Gemischte Maßnahme Stufe 3/4", ["S3", "S4"], True),
    ("IEB", "Individuelle Einstiegsbegleitung", ["S3"], True),
    ("QAB", "Qualifizierung zum Berufsabschluss", ["QAB"], False),
    ("EZU", "Umschulung Erzieher/in (3. Jahr)", ["EZU"], False),
)
_PLACES = {"BZ": "Bautzen", "DD": "Dresden", "CMS": "Chemnitz", "ERZ": "Annaberg-Buchholz", "Z": "Zwickau",
           "V": "Plauen"}  # fmt: skip

MEASURES = [
    {
        "code": f"JPS-{region}-{kind}",
        "name": f"{label} {_PLACES[region]}",
        "provider": provider,
        "region": region,
        "stages": stages,
        "places": places,
        "start": START,
        "end": END,
        "rolling_entry": rolling,
        "starts": () if rolling else COHORT_STARTS,
        "operation": f"100-JPS-{region}-{index + 1:02d}",
        "location": _PLACES[region],
    }
    for region, row in _MEASURE_TABLE.items()
    for index, ((kind, label, stages, rolling), (provider, places)) in enumerate(
        zip(_KINDS, row, strict=True)
    )
]

PERIOD = (dt.date(2021, 1, 1), dt.date(2026, 10, 31))

PROGRAMME = {
    "code": "JPS",
    "name": "JobPerspektive Sachsen (Demo)",
    "description": "ESF-Programm mit Regionalbüros: Eignungsfeststellung, Stufen 2–4, Praktika, "
    "Stufenwechsel, Verlängerungen, Reaktivierungen und Verbleib nach sechs Monaten.",
    "ltu_rule": "12m",
    "follow_up_months": 6,
    "caseload_ratios": [],  # the seeds name no ratio for JPS
    "stages": [
        {
            "code": "QAB",
            "name": "Stufe 2 – QAB (Berufsabschluss klassisch/dual)",
            "max_months": 36,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["S3"],
        },
        {
            "code": "EZU",
            "name": "Stufe 2 – EZU (Umschulung Erzieher/in)",
            "max_months": 14,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["S3"],
        },
        {
            "code": "S3",
            "name": "Stufe 3 – IEB (Individuelle Einstiegsbegleitung)",
            "max_months": 12,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["S4", "QAB"],
        },
        {
            "code": "S4",
            "name": "Stufe 4 – VdB (Verbesserung der Beschäftigungsfähigkeit)",
            "max_months": 12,
            "min_age": 25,
            "max_age": 58,
            "extendable": True,
            "next": ["S3", "QAB", "EZU"],
        },
    ],  # fmt: skip
    "measures": MEASURES,
    "targets": [
        # demo-sized Soll values (the seed's Soll × 0.4, the demo's size relative to the seed)
        {"indicator": "prog.participants", "stage": "QAB", "target": 200},
        {"indicator": "prog.participants", "stage": "EZU", "target": 364},
        {"indicator": "prog.participants", "stage": "S3", "target": 440},
        {"indicator": "prog.participants", "stage": "S4", "target": 400},
        {"indicator": "prog.dropout_rate", "stage": "QAB", "target": 0.408, "rate": True},
        {"indicator": "prog.dropout_rate", "stage": "EZU", "target": 0.188, "rate": True},
        {"indicator": "prog.dropout_rate", "stage": "S3", "target": 0.20, "rate": True},
        {"indicator": "prog.dropout_rate", "stage": "S4", "target": 0.20, "rate": True},
        {"indicator": "prog.work_after_completion_rate", "stage": "QAB", "target": 0.40, "rate": True},
        {"indicator": "prog.work_after_completion_rate", "stage": "EZU", "target": 0.50, "rate": True},
        {"indicator": "prog.work_after_completion_rate", "stage": "S3", "target": 0.35, "rate": True},
        {"indicator": "prog.follow_on_rate", "stage": "S4", "target": 0.70, "rate": True},
        {"indicator": "prog.retention_6m_rate", "stage": "QAB", "target": 0.60, "rate": True},
        {"indicator": "prog.retention_6m_rate", "stage": "EZU", "target": 0.75, "rate": True},
    ]
    + [
        {"indicator": "flow.programme_entries", "region": region, "target": round(480 * share)}
        for region, share in {"BZ": 0.26, "DD": 0.29, "CMS": 0.11, "ERZ": 0.13, "Z": 0.13, "V": 0.07}.items()
    ],
    "period": PERIOD,
    "flow": {
        "persons": 3000,
        "population": "saxony",
        "referrals": (dt.date(2021, 1, 4), dt.date(2026, 8, 31)),
        # seed 002: Programmaufnahme je Regionalbüro 1970 / 2148 / 848 / 968 / 978 / 529 (n=7441)
        "regions": {"BZ": 1970, "DD": 2148, "CMS": 848, "ERZ": 968, "Z": 978, "V": 529},
        "referrers": {
            "BZ": ["JC-BZ", "JC-GR"],
            "DD": ["JC-DD", "JC-SSOE", "JC-MEI"],
            "CMS": ["JC-C", "JC-MS"],
            "ERZ": ["JC-ERZ"],
            "Z": ["JC-Z"],
            "V": ["JC-V"],
        },
        "caseworkers": {
            "BZ": ["RB-BZ"],
            "DD": ["RB-DD"],
            "CMS": ["RB-CMS"],
            "ERZ": ["RB-ERZ"],
            "Z": ["RB-Z"],
            "V": ["RB-V"],
        },
        "referral_has_region": True,
        "not_arrived": 0.08,
        "assessment": {
            "days": (5, 28),
            "result_days": (10, 35),
            "not_suitable": 0.05,
            "job": 0.035,
            "withdrawn": 0.035,
            "waitlist": 0.25,
            "wait_days": (14, 75),
        },
        "first_stage": {"S4": 42, "S3": 25, "QAB": 13, "EZU": 20},
        "reentry": {"share": 0.25, "via_referral": 0.68, "after_days": (30, 300)},
        "follow_up": {"share": 0.86, "reached": 0.88},
        "benefit_effect": {"ended": 0.45, "reduced": 0.3, "none": 0.1, "unknown": 0.15},
        "stages": {
            "S4": {
                "months": (5, 9),
                "extension": 0.6,
                "extension_months": (2, 4),
                "interruption": 0.04,
                "internship": {"share": 1.0, "count": (1, 3), "first_labour_market": 0.96},
                "employment": {"employed_svb": 0.55, "minijob": 0.4, "self_employed": 0.05},
                "job_loss": 0.35,
                "outcomes": [
                    {
                        "w": 24.5,
                        "exit": "early_negative",
                        "at": (0.05, 0.85),
                        "statuses": {
                            "job_seeking": 76.2,
                            "education": 2.9,
                            "employed": 11.4,
                            "parental_leave": 2.1,
                            "rehab_pension_other": 7.2,
                        },
                    },
                    {
                        "w": 45,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {
                            "job_seeking": 80,
                            "education": 5,
                            "employed": 12,
                            "rehab_pension_other": 3,
                        },
                    },
                    {
                        "w": 5,
                        "exit": "early_positive",
                        "at": (0.3, 0.9),
                        "statuses": {"employed": 70, "education": 30},
                    },
                    {"w": 16, "change": {"S3": 0.6, "QAB": 0.25, "EZU": 0.15}, "planned": True, "at": "end"},
                    {"w": 3, "change": {"S3": 1}, "planned": False, "at": (0.3, 0.8)},
                    {
                        "w": 2.3,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"parental_leave": 40, "rehab_pension_other": 60},
                    },
                ],
            },
            "S3": {
                "months": (6, 9),
                "extension": 0.15,
                "extension_months": (1, 3),
                "interruption": 0.04,
                "internship": {"share": 0.45, "count": (1, 2), "first_labour_market": 0.92},
                "employment": {"employed_svb": 0.9, "minijob": 0.06, "self_employed": 0.04},
                "job_loss": 0.45,
                "outcomes": [
                    {
                        "w": 29.5,
                        "exit": "early_negative",
                        "at": (0.05, 0.85),
                        "statuses": {
                            "job_seeking": 58.1,
                            "education": 10.4,
                            "employed": 23.9,
                            "parental_leave": 0.4,
                            "rehab_pension_other": 6.4,
                        },
                    },
                    {
                        "w": 52,
                        "exit": "regular",
                        "at": "end",
                        "statuses": {
                            "job_seeking": 84,
                            "employed": 12,
                            "education": 3,
                            "rehab_pension_other": 1,
                        },
                    },
                    {
                        "w": 11,
                        "exit": "early_positive",
                        "at": (0.3, 0.9),
                        "statuses": {"employed": 90, "education": 10},
                    },
                    {"w": 2, "change": {"S4": 1}, "planned": False, "at": (0.2, 0.7)},
                    {"w": 1, "change": {"QAB": 1}, "planned": True, "at": "end"},
                    {
                        "w": 2,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"parental_leave": 30, "rehab_pension_other": 70},
                    },
                ],
            },
            "QAB": {
                "months": (22, 30),
                "extension": 0.1,
                "extension_months": (3, 6),
                "interruption": 0.06,
                "internship": {"share": 0.7, "count": (1, 2), "first_labour_market": 1.0},
                "employment": {"employed_svb": 0.86, "minijob": 0.1, "self_employed": 0.04},
                "job_loss": 0.2,
                "outcomes": [
                    {
                        "w": 33,
                        "exit": "early_negative",
                        "at": (0.05, 0.7),
                        "statuses": {
                            "job_seeking": 74.7,
                            "education": 10.6,
                            "employed": 8.2,
                            "parental_leave": 2.9,
                            "rehab_pension_other": 4.5,
                        },
                    },
                    {
                        "w": 50,
                        "exit": "regular",
                        "at": "end",
                        "qualification": "Berufsabschluss (Kammerprüfung)",
                        "statuses": {
                            "employed": 50,
                            "job_seeking": 40,
                            "education": 9,
                            "parental_leave": 0.5,
                            "rehab_pension_other": 0.5,
                        },
                    },
                    {
                        "w": 3,
                        "change": {"S3": 1},
                        "planned": True,
                        "at": "end",
                        "qualification": "Berufsabschluss (Kammerprüfung)",
                    },
                    {
                        "w": 4,
                        "exit": "early_positive",
                        "at": (0.5, 0.95),
                        "statuses": {"employed": 80, "education": 20},
                    },
                    {
                        "w": 2,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"parental_leave": 60, "rehab_pension_other": 40},
                    },
                ],
            },
            "EZU": {
                "months": (10, 12),
                "extension": 0.08,
                "extension_months": (1, 2),
                "interruption": 0.03,
                "internship": None,
                "employment": {"employed_svb": 0.95, "minijob": 0.03, "self_employed": 0.02},
                "job_loss": 0.3,
                "outcomes": [
                    {
                        "w": 21,
                        "exit": "early_negative",
                        "at": (0.05, 0.9),
                        "statuses": {
                            "job_seeking": 60.7,
                            "education": 6,
                            "employed": 12.6,
                            "parental_leave": 12.6,
                            "rehab_pension_other": 12.6,
                        },
                    },
                    {
                        "w": 70,
                        "exit": "regular",
                        "at": "end",
                        "qualification": "staatlich anerkannte/r Erzieher/in",
                        "statuses": {"employed": 80, "job_seeking": 19, "education": 1},
                    },
                    {"w": 2, "exit": "early_positive", "at": (0.6, 0.95), "statuses": {"employed": 100}},
                    {
                        "w": 3,
                        "exit": "early_neutral",
                        "at": (0.1, 0.9),
                        "statuses": {"parental_leave": 70, "rehab_pension_other": 30},
                    },
                ],
            },
        },
    },
}
