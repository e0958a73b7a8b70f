"""A small progress bar for the command line: phase, rows done of total, rows per second."""

from __future__ import annotations

import sys
import time

from django.utils.translation import gettext as _

from stufenweg.interchange.locking import WAITING


class ProgressBar:
    """Writes ``\\r``-updated lines to ``stream`` (stderr); at most ~5 updates per second."""

    def __init__(self, stream=None, *, width: int = 30, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = enabled
        self.phase = None
        self.started = time.monotonic()
        self.last = 0.0
        self.line_open = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if phase != self.phase:
            self.finish()
            self.phase = phase
            self.started = now
        elif now - self.last < 0.2 and done < total:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        if phase == WAITING:
            text = _("wartet auf einen laufenden Import …")
        elif total:
            share = min(done / total, 1.0)
            filled = int(share * self.width)
            bar = "█" * filled + "·" * (self.width - filled)
            text = f"{phase:<16} [{bar}] {done:>10,}/{total:,} {share:6.1%}"
        else:
            text = f"{phase:<16} {done:>10,}"
        if phase != WAITING:
            text += "  " + _("%(rate)s Zeilen/s") % {"rate": f"{rate:,.0f}"}
        self.stream.write("\r" + text.replace(",", "."))
        self.stream.flush()
        self.line_open = True

    def finish(self) -> None:
        if self.enabled and self.line_open:
            self.stream.write("\n")
            self.stream.flush()
            self.line_open = False
