"""The object every demo step receives: the seed, the scale, what earlier steps created."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# The demo's calendar: nothing happens after DEMO_END, so the data is the same on every day it is
# loaded. Events of the last weeks are recorded through the single-event services ("recent
# activity") from ACTIVITY_FROM on.
DEMO_END = dt.date(2026, 10, 31)
ACTIVITY_FROM = dt.date(2026, 9, 14)
DEFAULT_SEED = 2026


@dataclass
class DemoContext:
    seed: int = DEFAULT_SEED
    scale: float = 1.0
    out: Callable[[str], None] = field(default=lambda message: print(message, file=sys.stdout, flush=True))
    end: dt.date = DEMO_END
    activity_from: dt.date = ACTIVITY_FROM
    rng: random.Random = field(init=False)

    # master data, by code / username
    regions: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    programmes: dict[str, Any] = field(default_factory=dict)
    stages: dict[tuple[str, str], Any] = field(default_factory=dict)
    measures: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    staff: dict[str, list[str]] = field(default_factory=dict)  # organisation code -> usernames
    personas: list[dict] = field(default_factory=list)

    # the plan (pure Python, no database ids) and what was written from it
    plan: Any = None
    persons: dict[str, Any] = field(default_factory=dict)  # person_id -> Person
    participations: dict[tuple[str, str], Any] = field(default_factory=dict)  # (person_id, programme)
    withheld: list[tuple[Any, list[Any]]] = field(default_factory=list)  # (journey, events for services)
    stats: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # free space for later steps

    started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def rng_for(self, name: str) -> random.Random:
        """An independent, reproducible random stream for one step (adding a step elsewhere
        does not change the numbers drawn here)."""
        return random.Random(f"{self.seed}:{name}")

    def scaled(self, value: float, minimum: int = 1) -> int:
        return max(minimum, round(value * self.scale))

    def say(self, message: str) -> None:
        self.out(f"[{time.monotonic() - self.started:5.1f} s] {message}")
