"""Target attainment on the report page reads the indicator's direction: a dropout rate above its
target is a missed target („Ziel verfehlt“), never „145 % Zielerreichung“; a count above its target
shows its share. Hand-made report dicts, so the numbers are known."""

from __future__ import annotations

from django.utils import translation

from stufenweg.indicators.definitions import BY_ID
from stufenweg.indicators.presenting import present


def _report(ind_id: str, label: str, actual, target) -> dict:
    return {
        "filters": {},
        "charts": {},
        "checks": [],
        "definitions": [],
        "sections": [
            {
                "id": "targets",
                "title": "Soll-Ist-Vergleich",
                "note": "",
                "columns": ["Zielwert", "Zeitraum", "Soll", "Ist", "Zielerreichung"],
                "rows": [
                    {
                        "id": ind_id,
                        "label": label,
                        "cells": [
                            "2025-01-01 – 2025-12-31",
                            target,
                            actual,
                            {"num": actual, "den": target, "value": actual / target},
                        ],
                    }
                ],
            }
        ],
    }


def _cells(report: dict) -> list[str]:
    with translation.override("de"):
        return [c["text"] for c in present(report)["sections"][0]["rows"][0]["cells"]]


def test_dropout_is_declared_lower_is_better_and_a_count_is_not():
    assert BY_ID["prog.dropout_rate"].lower_is_better
    assert not BY_ID["prog.participants"].lower_is_better


def test_a_dropout_rate_above_its_target_is_a_missed_target():
    cells = _cells(_report("prog.dropout_rate", "Abbruchquote / S3", 0.145, 0.10))
    assert cells[1:3] == ["10,0\u00a0%", "14,5\u00a0%"]  # Soll, Ist as percentages
    assert cells[3] == "Ziel verfehlt (Ist 14,5\u00a0% > Soll 10,0\u00a0%)"
    assert "145" not in cells[3]


def test_a_dropout_rate_below_its_target_is_met():
    cells = _cells(_report("prog.dropout_rate", "Abbruchquote / S3", 0.08, 0.10))
    assert cells[3] == "Ziel erreicht (Ist 8,0\u00a0% ≤ Soll 10,0\u00a0%)"


def test_a_count_above_its_target_shows_its_share():
    cells = _cells(_report("prog.participants", "Teilnehmende", 145, 100))
    assert cells[3] == "145,0\u00a0% (Ist 145 / Soll 100)"
