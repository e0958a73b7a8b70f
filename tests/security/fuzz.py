"""Malformed query parameters for the GET fuzz tests (web pages and API), and a recorder of the
parameters a view actually reads.

``fuzz_query`` sends a probe while ``RecordingQueryDict`` stands in for ``request.GET`` (DRF's
``query_params`` is the same object), so it learns which keys the view looked up; then every
malformed value goes into every parameter name of the project — one request per value, the names
rotated through the values so that each name gets each value — and each name the view looked up
gets the most dangerous values on its own, so that one invalid field cannot hide another. A new
view or a new parameter is thus fuzzed without editing the tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from contextlib import contextmanager
from unittest import mock

import django.core.handlers.wsgi
from django.http import QueryDict

HUGE = "9" * 25  # OverflowError in SQLite and PostgreSQL integer columns
PAST_INT64 = str(2**63)  # one past the largest id either database stores
#: every query parameter name the project's views and API filters read (and some they might)
NAMES = (
    "region",
    "programme",
    "stage",
    "measure",
    "provider",
    "caseworker",
    "status",
    "state",
    "waiting",
    "overdue",
    "sort",
    "q",
    "page",
    "page_size",
    "von",
    "bis",
    "liste",
    "teilnahme",
    "person",
    "person_id",
    "participation",
    "event",
    "actor",
    "action",
    "format",
    "date_from",
    "date_to",
    "occurred_on",
    "occurred_from",
    "occurred_to",
    "active_on",
    "active",
    "as_of",
    "recorded_on",
    "period",
    "organisation",
    "planned_end",
    "unemployed_since",
    "next",
)
VALUES: tuple[object, ...] = (
    HUGE,
    PAST_INT64,
    "-1",
    "0",
    "2026-13-45",
    "0001-01-01",
    "9999-12-31",
    "ä𝔘\u0000",
    "' OR 1=1 --",
    "²",  # str.isdigit() says yes, int() says no
    "x" * 5000,
    [HUGE, "1"],  # repeated parameter
    ["2026-01-01", "9999-12-31", "x"],
)
#: the values each parameter a view looks up gets on its own
ALONE = (HUGE, "9999-12-31", ["1", HUGE])
PATH_INTS = ("0", HUGE, PAST_INT64)
PATH_STRS = ("ä𝔘", "x" * 300, "..")


class Reads:
    names: set[str] = set()
    everything = False


class RecordingQueryDict(QueryDict):
    """A ``request.GET`` that notes which keys the view looks up."""

    def __getitem__(self, key):
        Reads.names.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        Reads.names.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        Reads.names.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        Reads.names.add(key)
        return super().__contains__(key)

    def __iter__(self):
        Reads.everything = True
        return super().__iter__()

    def lists(self):
        Reads.everything = True
        return super().lists()

    def items(self):
        Reads.everything = True
        return super().items()


@contextmanager
def recording_reads():
    """While active, every request's ``GET`` records its reads in ``Reads``."""
    with mock.patch.object(django.core.handlers.wsgi, "QueryDict", RecordingQueryDict):
        yield Reads


def _rotations(names: tuple[str, ...]):
    """len(VALUES) queries over all ``names``: query k gives name i the value (i + k) mod n."""
    for k in range(len(VALUES)):
        yield {name: VALUES[(i + k) % len(VALUES)] for i, name in enumerate(names)}


def fuzz_query(get: Callable, path: str, label: str, *, alone: bool, blind: int = 3) -> set[str]:
    """Send the malformed queries to ``path`` with ``get(path, data)``; assert that none answers
    500 and return the names the view looked up. ``alone``: also each looked-up name on its own
    (when the probe opened the page). ``blind``: how many rotations a view gets that looks up no
    parameter (against reads the recorder cannot see, such as the raw query string)."""

    def check(target: str, data: dict) -> None:
        response = get(target, data)
        assert response.status_code < 500, f"{label} {target} {sorted(data)[:5]}…: {response.status_code}"

    with recording_reads() as reads:
        reads.names, reads.everything = set(), False
        probe = get(path, {"probe": "1"})
        assert probe.status_code < 500, f"{label} {path}: {probe.status_code}"
        looked_up = sorted(reads.names - {"probe"})
        reads_any = bool(looked_up) or reads.everything
    queries = list(_rotations(tuple(dict.fromkeys((*NAMES, *looked_up)))))
    for data in queries if reads_any else queries[:blind]:
        check(path, data)
    if alone and probe.status_code == 200:
        for name, value in itertools.product(looked_up, ALONE):
            check(path, {name: value})
    return set(looked_up)


def bad_paths(fill: Callable, route, values: dict[str, object]):
    """``route`` with each path parameter replaced by malformed values its converter accepts."""
    for name, conv in route.params:
        for value in PATH_INTS if conv == "int" else PATH_STRS:
            yield fill(route, {**values, name: value})
