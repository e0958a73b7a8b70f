"""The cyclic garbage collector during an import.

An import keeps hundreds of thousands of objects alive (parsed rows, events, model instances).
Python's automatic collections, triggered every few hundred allocations, walk them again and
again; on a large file they cost more time than parsing. The import's own objects do not form
reference cycles, so the collector is switched off while it runs and asked to collect once
between steps (after each master-data file and each partition of events), which keeps whatever
little cyclic garbage arises bounded. After each collection the surviving objects are frozen
(``gc.freeze``), so that the next collection looks only at what is new; they are unfrozen when
the import ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def few_collections() -> Iterator[None]:
    """Automatic collections off for the block (restored afterwards); see ``collect``."""
    enabled = gc.isenabled()
    frozen_before = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen_before:  # leave a freeze of the caller's alone
            gc.unfreeze()
        if enabled:
            gc.enable()


def collect() -> None:
    """Collect cyclic garbage between two steps of an import running under ``few_collections``."""
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
