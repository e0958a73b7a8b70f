"""Report charts as PNG (matplotlib, Agg backend, offline): entries per region, exit status per
stage, target attainment. They are drawn from the stored report dict, never from the database;
callers pass the report through ``presenting.localise`` first, so titles and legends are in the
reader's language."""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from stufenweg.indicators import fmt  # noqa: E402
from stufenweg.indicators.definitions import BY_ID  # noqa: E402
from stufenweg.indicators.presenting import target_value  # noqa: E402

CHARTS = ("entries", "exit_status", "targets")
PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5", "#ff0000"]
WIDTH, HEIGHT = 7.2, 3.4  # inches: the two small charts
TARGET_WIDTH, TARGET_ROW = 11.0, 0.24  # the target chart spans the page and grows with its rows


def size(report: dict, chart: str) -> tuple[float, float]:
    """The figure's size in inches (the target chart is as tall as its number of targets needs)."""
    if chart == "targets":
        rows = len(report["charts"]["targets"]["labels"])
        return TARGET_WIDTH, max(2.2, 1.0 + TARGET_ROW * rows)
    return WIDTH, HEIGHT


def pixels(report: dict, chart: str, dpi: int) -> tuple[int, int]:
    width, height = size(report, chart)
    return round(width * dpi), round(height * dpi)


def _count_axis(axis) -> None:
    """An axis of people or cases: whole-number ticks only (no „1.75“ people), in the reader's
    number format (1 000 and decimal comma in German)."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(round(v))))


def _percent_axis(axis) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{fmt.number(round(v))}\u00a0%"))


def _empty(ax, text):
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def month_chart_png(*, title: str, months: list, empty: str, draw, dpi: int = 110) -> bytes:
    """A chart of amounts in euros per month as PNG (the cost page, a household's benefits): the
    title, every month's position ``x`` handed to ``draw(ax, x)`` for the series, at most about
    twelve month labels (MM/YYYY), amounts in the reader's number format, the legend; ``empty``
    in place of the chart when there are no ``months``."""
    fig = Figure(figsize=(WIDTH, HEIGHT), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(title, fontsize=11)
    ax.tick_params(labelsize=8)
    if not months:
        _empty(ax, empty)
    else:
        labels = [f"{month:%m/%Y}" for month in months]
        x = list(range(len(labels)))
        draw(ax, x)
        step = max(1, len(labels) // 12)
        ax.set_xticks(x[::step], labels[::step], rotation=45, ha="right")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(round(v))))
        ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _entries(fig, ax, data):
    if not data["labels"]:
        _empty(ax, _("keine Daten"))
        return
    # entries without a region ("–") are shown only when there are any
    pairs = [(k, v) for k, v in zip(data["labels"], data["values"], strict=True) if k != "–" or v]
    labels = [k for k, _v in pairs]
    bars = ax.bar(labels, [v if isinstance(v, int) else 0 for _k, v in pairs], color=PALETTE[0])
    ax.bar_label(bars, labels=[fmt.number(v) for _k, v in pairs], fontsize=8)
    ax.margins(y=0.12)
    _count_axis(ax.yaxis)


def _exit_status(fig, ax, data):
    labels, series = data["labels"], data["series"]
    if not (labels and series):
        _empty(ax, _("keine Daten"))
        return
    bottom = [0] * len(labels)
    for index, (name, values) in enumerate(series.items()):
        # long status names ("weiterführende Maßnahme / schulische oder berufliche Bildung") wrap
        ax.bar(
            labels,
            values,
            bottom=bottom,
            label=textwrap.fill(name, 30),
            color=PALETTE[index % len(PALETTE)],
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    _count_axis(ax.yaxis)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    fig.subplots_adjust(left=0.08, right=0.6)


def _targets(fig, ax, data):
    """Attainment (actual over target) per target as horizontal bars with the 100 % line: counts
    and rates on one axis would hide the rates, a share of the target reads for both."""
    labels = data["labels"]
    if not labels:
        _empty(ax, _("keine Zielwerte"))
        return
    shares = [
        (a / t * 100) if isinstance(a, int | float) and isinstance(t, int | float) and t else 0
        for a, t in zip(data["actual"], data["target"], strict=True)
    ]
    positions = list(range(len(labels)))[::-1]  # first target at the top
    # where less is better (dropout rate), the bar has its own colour and the legend says so:
    # a bar beyond the 100 % line is then a missed target, not an overachieved one
    lower = [bool(i in BY_ID and BY_ID[i].lower_is_better) for i in _ids(data)]
    colours = [PALETTE[1] if low else PALETTE[0] for low in lower]
    bars = ax.barh(positions, shares, height=0.65, color=colours)
    if any(lower):
        ax.legend(
            handles=[
                Patch(color=PALETTE[0], label=_("mehr ist besser")),
                Patch(color=PALETTE[1], label=_("weniger ist besser (über 100 % = Ziel verfehlt)")),
            ],
            fontsize=7,
            loc="lower right",
        )
    ax.bar_label(
        bars,
        labels=[
            f"{target_value(i, a)} / {target_value(i, t)}"
            for i, a, t in zip(_ids(data), data["actual"], data["target"], strict=True)
        ],
        fontsize=7,
        padding=3,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3},  # readable over the 100 % line
    )
    ax.axvline(100, color="#333333", linewidth=0.8, linestyle="--")
    ax.set_yticks(positions, [textwrap.shorten(label, 60) for label in labels], fontsize=7.5)
    ax.set_xlabel(_("Zielerreichung in % (Ist / Soll)"), fontsize=8)
    ax.set_xlim(0, max(max(shares) * 1.15, 110))
    _percent_axis(ax.xaxis)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    fig.subplots_adjust(left=0.3, right=0.97)


def _ids(data: dict) -> list[str]:
    """The targets' indicator ids (reports stored before they were kept have none)."""
    ids = list(data.get("ids", []))
    return ids + [""] * (len(data["labels"]) - len(ids))


def render_chart(report: dict, chart: str, *, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    figure(report, chart, dpi=dpi).savefig(buffer, format="png")
    return buffer.getvalue()


def figure(report: dict, chart: str, *, dpi: int = 110) -> Figure:
    """The chart as a matplotlib figure (``render_chart`` saves it as PNG)."""
    if chart not in CHARTS:
        raise KeyError(chart)
    data = report["charts"][chart]
    width, height = size(report, chart)
    fig = Figure(figsize=(width, height), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(data["title"], fontsize=11)
    ax.tick_params(labelsize=8)
    {"entries": _entries, "exit_status": _exit_status, "targets": _targets}[chart](fig, ax, data)
    if chart == "targets":
        # inches from the top and bottom, not shares, so that a tall chart keeps small margins
        fig.subplots_adjust(top=1 - 0.45 / height, bottom=0.55 / height)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
