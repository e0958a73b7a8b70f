"""The forecast's charts as PNG (matplotlib, Agg, offline), drawn from the result dict; the page
shows each next to a table with the same numbers (its text alternative)."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from stufenweg.indicators import fmt  # noqa: E402
from stufenweg.indicators.charts import PALETTE, _count_axis  # noqa: E402
from stufenweg.indicators.results import SUPPRESSED  # noqa: E402

WIDTH, HEIGHT, DPI = 7.2, 3.4, 110


def _month(day) -> str:
    return f"{day.month:02d}/{day.year % 100:02d}"


def _new(title: str):
    fig = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(title, fontsize=11)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    _count_axis(ax.yaxis)
    return fig, ax


def _observed(values):
    return [None if v == SUPPRESSED else v for v in values]


def _band(ax, x, band, colour, label):
    low, mid, high = band
    ax.fill_between(x, low, high, color=colour, alpha=0.2, linewidth=0, label=_("10–90 %-Band"))
    ax.plot(x, mid, color=colour, linewidth=2, label=label)


def _axis_months(ax, days):
    step = max(1, len(days) // 8)
    ax.set_xticks(range(0, len(days), step), [_month(d) for d in days[::step]], fontsize=8)


def total(result: dict):
    fig, ax = _new(_("Belegte Plätze (alle Stufen)"))
    history = result["history"]
    days = [h["day"] for h in history] + result["months"]
    n = len(history)
    ax.plot(range(n), _observed([h["total"] for h in history]), color="#333333", label=_("beobachtet"))
    x = list(range(n, n + len(result["months"])))
    _band(ax, x, list(result["total_band"]), PALETTE[0], _("Prognose (Median)"))
    if any(result["capacity"]):
        ax.step(x, result["capacity"], where="mid", color=PALETTE[1], linestyle="--", label=_("Plätze"))
    _axis_months(ax, days)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_ylim(bottom=0)
    return fig


def stages(result: dict):
    fig, ax = _new(_("Belegte Plätze je Stufe (Prognose)"))
    x = list(range(len(result["months"])))
    for j, stage in enumerate(result["stages"]):
        band = [[row[j] for row in level] for level in result["stage_band"]]
        _band(ax, x, band, PALETTE[j % len(PALETTE)], stage["name"])
    handles, labels = ax.get_legend_handles_labels()
    keep = [(h, lab) for h, lab in zip(handles, labels, strict=True) if lab != _("10–90 %-Band")]
    ax.legend([h for h, _l in keep], [lab for _h, lab in keep], fontsize=8, frameon=False, loc="upper left")
    _axis_months(ax, result["months"])
    ax.set_ylim(bottom=0)
    return fig


def waiting(result: dict):
    fig, ax = _new(_("Warteliste (aufgenommen, noch nicht eingetreten)"))
    history = result["history"]
    n = len(history)
    ax.plot(range(n), _observed([h["waiting"] for h in history]), color="#333333", label=_("beobachtet"))
    x = list(range(n, n + len(result["months"])))
    _band(ax, x, result["waiting_band"], PALETTE[2], _("Prognose (Median)"))
    _axis_months(ax, [h["day"] for h in history] + result["months"])
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_ylim(bottom=0)
    return fig


def backtest(result: dict):
    test = result["backtest"]
    fig, ax = _new(_("Rückblick: Prognose (gestrichelt) und tatsächlich belegt"))
    x = list(range(len(test["months"])))
    for j, stage in enumerate(result["stages"]):
        colour = PALETTE[j % len(PALETTE)]
        ax.plot(x, [row[j] for row in test["forecast"]], color=colour, linestyle="--")
        ax.plot(x, _observed([row[j] for row in test["actual"]]), color=colour, label=stage["name"])
    _axis_months(ax, test["months"])
    if result["stages"]:
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_ylim(bottom=0)
    return fig


CHARTS = {"total": total, "stages": stages, "waiting": waiting, "backtest": backtest}


def alt(name: str) -> str:
    """The image's text: what it shows; its numbers are in the table that follows."""
    return {
        "total": _(
            "Diagramm: belegte Plätze aller Stufen, beobachtet und prognostiziert, mit den Plätzen; Werte in den Tabellen"
        ),
        "stages": _("Diagramm: belegte Plätze je Stufe, Prognose mit 10–90 %-Band; Werte in der Tabelle"),
        "waiting": _("Diagramm: Warteliste, beobachtet und prognostiziert; Werte in den Tabellen"),
        "backtest": _(
            "Diagramm: Rückblick, Prognose und tatsächliche Belegung je Stufe; Werte in der Tabelle"
        ),
    }[name]


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def data_uri(fig) -> str:
    """The chart inline (the page's CSP allows data: images): no second request that would
    compute the forecast again."""
    return "data:image/png;base64," + base64.b64encode(png(fig)).decode("ascii")


def pixels() -> tuple[int, int]:
    return round(WIDTH * DPI), round(HEIGHT * DPI)


__all__ = ["CHARTS", "alt", "data_uri", "fmt", "pixels", "png"]
