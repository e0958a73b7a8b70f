"""Turn the stored report dict into display strings for templates (web page and PDF)."""

from __future__ import annotations

from stufenweg.indicators import fmt


def present(report: dict) -> dict:
    sections = []
    for section in report["sections"]:
        rows = [
            {
                "label": item["label"],
                "id": item["id"],
                "cells": [{"text": fmt.cell(v), "rate": isinstance(v, dict)} for v in item["cells"]],
            }
            for item in section["rows"]
        ]
        sections.append({**section, "rows": rows})
    return {**report, "sections": sections}
