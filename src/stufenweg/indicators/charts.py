"""Report charts as PNG (matplotlib, Agg backend, offline): entries per region, exit status per
stage, target vs actual. They are drawn from the stored report dict, never from the database."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

CHARTS = ("entries", "exit_status", "targets")
PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5", "#ff0000"]


def _empty(ax, text):
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def render_chart(report: dict, chart: str, *, dpi: int = 110) -> bytes:
    data = report["charts"][chart]
    fig = Figure(figsize=(7.2, 3.4), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(data["title"], fontsize=11)
    no_data = "keine Daten"
    if chart == "entries":
        if data["labels"]:
            bars = ax.bar(
                data["labels"], [v if isinstance(v, int) else 0 for v in data["values"]], color=PALETTE[0]
            )
            ax.bar_label(bars, labels=[str(v) for v in data["values"]], fontsize=8)
        else:
            _empty(ax, no_data)
    elif chart == "exit_status":
        labels, series = data["labels"], data["series"]
        if labels and series:
            bottom = [0] * len(labels)
            for index, (name, values) in enumerate(series.items()):
                ax.bar(labels, values, bottom=bottom, label=name, color=PALETTE[index % len(PALETTE)])
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
            ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
            fig.subplots_adjust(right=0.62)
        else:
            _empty(ax, no_data)
    elif chart == "targets":
        labels = data["labels"]
        if labels:
            positions = range(len(labels))
            ax.barh([p + 0.2 for p in positions], data["target"], height=0.4, label="Soll", color=PALETTE[6])
            ax.barh([p - 0.2 for p in positions], data["actual"], height=0.4, label="Ist", color=PALETTE[0])
            ax.set_yticks(list(positions), labels, fontsize=7)
            ax.legend(fontsize=8, frameon=False)
            fig.subplots_adjust(left=0.4)
        else:
            _empty(ax, "keine Zielwerte")
    else:
        raise KeyError(chart)
    ax.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
