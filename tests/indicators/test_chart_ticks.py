"""Report charts count people in whole numbers, in the reader's number format: no „1.75“ people
on the axis, a decimal comma and German percentages in German (hand-made chart data)."""

from __future__ import annotations

import io

from django.utils import translation

from stufenweg.indicators.charts import figure


def _report() -> dict:
    return {
        "charts": {
            "entries": {"title": "Eintritte", "labels": ["RA", "RB"], "values": [2, 1]},
            "exit_status": {
                "title": "Status",
                "labels": ["S3"],
                "series": {"regulär": [1], "vorzeitig": [2]},
            },
            "targets": {
                "title": "Soll und Ist",
                "labels": ["Abbruchquote / S3", "Teilnehmende"],
                "ids": ["prog.dropout_rate", "prog.participants"],
                "actual": [0.145, 1500],
                "target": [0.1, 1000],
            },
        }
    }


def _ticks(chart: str, axis: str) -> list[str]:
    fig = figure(_report(), chart)
    fig.savefig(io.BytesIO(), format="png")  # ticks are placed when the figure is drawn
    ax = fig.axes[0]
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def test_count_axes_have_whole_number_ticks():
    with translation.override("de"):
        for chart in ("entries", "exit_status"):
            ticks = _ticks(chart, "y")
            assert ticks, chart
            assert all(t.isdigit() for t in ticks), (chart, ticks)  # no 0.25, 1.75, no "0,5"


def test_target_axis_in_german_percent_and_bar_labels_with_decimal_comma():
    with translation.override("de"):
        ticks = _ticks("targets", "x")
        assert "100\u00a0%" in ticks
        fig = figure(_report(), "targets")
        texts = [t.get_text() for t in fig.axes[0].texts]
        # a rate's Ist / Soll as percentages, a count with a German thousands separator
        assert "14,5\u00a0% / 10,0\u00a0%" in texts
        assert "1\u202f500 / 1\u202f000" in texts
        assert not any("." in t for t in texts)
