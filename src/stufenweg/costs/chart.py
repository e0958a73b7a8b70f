"""The cost page's chart (matplotlib, offline, like ``indicators/charts.py``): the balance of each
month as bars (savings − cost), the cumulative balance as a line, the break-even month marked.
The page's table is the accessible equivalent."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from stufenweg.costs.balance import Balance


def chart_png(result: Balance, *, dpi: int = 110) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from stufenweg.indicators import charts, fmt

    fig = Figure(figsize=(charts.WIDTH, charts.HEIGHT), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(_("Saldo je Monat und kumuliert (EUR)"), fontsize=11)
    ax.tick_params(labelsize=8)
    if not result.months:
        charts._empty(ax, _("Keine Kosten und keine Einsparungen erfasst."))
    else:
        labels = [f"{m.month:%m/%Y}" for m in result.months]
        x = list(range(len(labels)))
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
        step = max(1, len(labels) // 12)
        ax.set_xticks(x[::step], labels[::step], rotation=45, ha="right")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(round(v))))
        ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
