"""The forecast's tables, one source for the page (text alternatives of the charts) and the XLSX.

A table is ``{"id", "title", "note", "columns": [label…], "rows": [[value…]…]}``; the first
value of a row is its label (a month's reference day or a name). A value is a number, ``None``
(no estimate), ``*`` (a small cell) or a ``Band`` (10 %, median, 90 % over the runs)."""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext as _

from stufenweg.indicators import fmt


class Band(NamedTuple):
    low: float
    median: float
    high: float

    def text(self) -> str:
        return f"{fmt.number(_whole(self.median))} ({fmt.number(_whole(self.low))}–{fmt.number(_whole(self.high))})"


class Share(float):
    """A percentage (0–100)."""


def _percent(value):
    """A share as ``Share``; ``*`` (hidden) and ``None`` (none) as they are."""
    return Share(value) if isinstance(value, int | float) else value


def _whole(value: float):
    return int(round(value))


def _band(levels, *index) -> Band:
    values = []
    for level in levels:
        v = level
        for i in index:
            v = v[i]
        values.append(v)
    return Band(*values)


def build(result: dict) -> list[dict]:
    stages = result["stages"]
    months = result["months"]
    tables = []
    tables.append(
        {
            "id": "stages",
            "title": _("Belegte Plätze je Stufe und Monat (Prognose)"),
            "note": _(
                "Median der Läufe, in Klammern das 10–90 %-Band; Stand jeweils am Monatstag des Stichtags."
            ),
            "columns": [_("Monat")] + [s["name"] for s in stages] + [_("alle Stufen"), _("Plätze")],
            "rows": [
                [day]
                + [_band(result["stage_band"], m, j) for j in range(len(stages))]
                + [_band(result["total_band"], m), result["capacity"][m] or None]
                for m, day in enumerate(months)
            ],
        }
    )
    tables.append(
        {
            "id": "waiting",
            "title": _("Warteliste und Eignungsfeststellung je Monat (Prognose)"),
            "note": _("Warteliste: aufgenommen (geeignet), noch nicht eingetreten."),
            "columns": [_("Monat"), _("Warteliste"), _("zugewiesen / in Eignungsfeststellung")],
            "rows": [
                [day, _band(result["waiting_band"], m), _band(result["assessment_band"], m)]
                for m, day in enumerate(months)
            ],
        }
    )
    regions = result["regions"]
    if len(regions) > 1:
        tables.append(
            {
                "id": "regions",
                "title": _("Belegte Plätze je Region und Monat (Prognose, alle Stufen)"),
                "note": _("Median (10–90 %-Band); die Summe der Mediane ist nicht der Median der Summe."),
                "columns": [_("Monat")] + [r["name"] for r in regions],
                "rows": [
                    [day]
                    + [
                        Band(
                            *(
                                sum(level[m][j][i] for j in range(len(stages)))
                                for level in result["stage_region_band"]
                            )
                        )
                        for i in range(len(regions))
                    ]
                    for m, day in enumerate(months)
                ],
            }
        )
    tables.append(
        {
            "id": "history",
            "title": _("Beobachtete Belegung vor dem Stichtag"),
            "note": _("Aus dem Verlaufsprotokoll mit dem Erfassungsstand des Stichtags."),
            "columns": [_("Tag")] + [s["name"] for s in stages] + [_("alle Stufen"), _("Warteliste")],
            "rows": [[h["day"], *h["stages"], h["total"], h["waiting"]] for h in result["history"]],
        }
    )
    tables.append(
        {
            "id": "flows",
            "title": _("Geschätzte Zuflüsse je Region"),
            "note": _(
                "Zuweisungen der letzten zwölf Monate vor dem Stichtag; Anteile und Mediane über alle erfassten Verläufe bis zum Stichtag."
            ),
            "columns": [
                _("Region"),
                _("Zuweisungen je Monat"),
                _("Zuweisungen (12 Monate)"),
                _("entschieden"),
                _("davon aufgenommen (%)"),
                _("Wartezeit Aufnahme → Eintritt (Tage, Median)"),
                _("Zuweisung → Eintritt (Tage, Median)"),
            ],
            "rows": [
                [
                    e["region"],
                    e["referrals_per_month"],
                    e["referrals_window"],
                    e["decided"],
                    _percent(e["admitted_share"]),
                    e["wait_days"],
                    e["referral_to_entry_days"],
                ]
                for e in result["estimates"]
            ],
        }
    )
    tables.append(
        {
            "id": "stays",
            "title": _("Verweildauer und Übergänge je Stufe und Region"),
            "note": _(
                "Abgeschlossene Aufenthalte; Abbruch = vorzeitig negativer Austritt. Mit † markierte "
                "Regionen haben für die Stufe weniger als 20 Aufenthalte: das Modell nutzt dort die "
                "Werte aller Regionen."
            ),
            "columns": [
                _("Region / Stufe"),
                _("abgeschlossen"),
                _("laufend"),
                _("Dauer (Monate, Median)"),
                _("weiter in nächste Stufe (%)"),
                _("Abbruch (%)"),
            ],
            "rows": [
                [
                    # † (not *: that marks a hidden value): the model pools this stay
                    f"{e['region']} / {stage['name']}" + (" †" if s["pooled"] else ""),
                    s["completed"],
                    s["open"],
                    s["months"],
                    _percent(s["onward_share"]),
                    _percent(s["dropout_share"]),
                ]
                for e in result["estimates"]
                for stage, s in zip(stages, e["stages"], strict=True)
            ],
        }
    )
    test = result.get("backtest")
    if test:
        tables.append(
            {
                "id": "backtest",
                "title": _("Rückblick: Fehler je Stufe"),
                "note": _(
                    "Prognose ab %(day)s mit dem damaligen Erfassungsstand, verglichen mit der Belegung, "
                    "die das Protokoll zum Stichtag zeigt. MAE: mittlere absolute Abweichung in Plätzen; "
                    "MAPE: mittlere absolute prozentuale Abweichung (Monate mit Belegung über 0); "
                    "im Band: Anteil der Monate, deren tatsächlicher Wert zwischen dem 10. und dem 90. Perzentil der Läufe lag."
                )
                % {"day": fmt.day(test["from"])},
                "columns": [_("Stufe"), _("Monate"), _("MAE (Plätze)"), _("MAPE (%)"), _("im Band (%)")],
                "rows": [
                    [
                        stage["name"],
                        len(test["months"]),
                        err["mae"],
                        _percent(err["mape"]),
                        _percent(err["covered"]),
                    ]
                    for stage, err in zip(stages, test["errors"], strict=True)
                ],
            }
        )
        tables.append(
            {
                "id": "backtest_months",
                "title": _("Rückblick: Prognose und tatsächlich belegt je Monat"),
                "note": _("Prognose = Median der Läufe."),
                "columns": [_("Monat")]
                + [
                    label
                    for stage in stages
                    for label in (
                        _("%(stage)s: Prognose") % {"stage": stage["name"]},
                        _("%(stage)s: tatsächlich") % {"stage": stage["name"]},
                    )
                ],
                "rows": [
                    [day]
                    + [v for j in range(len(stages)) for v in (test["forecast"][m][j], test["actual"][m][j])]
                    for m, day in enumerate(test["months"])
                ],
            }
        )
    return tables


def _decimal(value: float) -> str:
    """An estimate with one decimal place (12,5 in German), a whole one without."""
    if float(value).is_integer():
        return fmt.number(int(value))
    return fmt.number(round(float(value) + 0.0, 1)).removesuffix("0")


def text(value) -> str:
    """A cell on the page."""
    if isinstance(value, Band):
        return value.text()
    if isinstance(value, Share):
        return _decimal(value) + "\u00a0%"
    if hasattr(value, "isoformat"):
        return fmt.day(value)
    if isinstance(value, float):
        return _decimal(value)
    return fmt.number(value)
