"""The cost page's chart (matplotlib, offline, like ``indicators/charts.py``): the balance of each
month as bars (savings − cost), the cumulative balance as a line, the break-even month marked.
The page's table is the accessible equivalent; the frame is ``indicators.charts.month_chart_png``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from stufenweg.costs.balance import Balance


def chart_png(result: Balance, *, dpi: int = 110) -> bytes:
    from stufenweg.indicators import charts

    def draw(ax, x):
        balance = [float(m.balance) for m in result.months]
        colours = [charts.PALETTE[2] if b >= 0 else charts.PALETTE[1] for b in balance]
        ax.bar(x, balance, color=colours, label=_("Saldo je Monat"))
        ax.plot(
            x,
            [float(m.cumulative) for m in result.months],
            color=charts.PALETTE[0],
            marker="o",
            markersize=3,
            label=_("Saldo kumuliert"),
        )
        ax.axhline(0, color="#555555", linewidth=0.8)
        if result.break_even is not None:
            index = [m.month for m in result.months].index(result.break_even)
            ax.axvline(index, color="#555555", linestyle="--", label=_("Break-even"))

    return charts.month_chart_png(
        title=_("Saldo je Monat und kumuliert (EUR)"),
        months=[m.month for m in result.months],
        empty=_("Keine Kosten und keine Einsparungen erfasst."),
        draw=draw,
        dpi=dpi,
    )
