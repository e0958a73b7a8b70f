"""Pass 1 of the events import: rows spooled into partitions by person, so that every journey lies
in one partition and pass 2 holds one partition at a time (memory bounded by the partition, not
the file). One partition stays in memory; several go to temporary files of pickled blocks."""

from __future__ import annotations

import pickle
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

SPOOL_BUFFER_ROWS = 60_000  # rows held in memory in pass 1, over all partitions


class Spool:
    """Rows grouped into partitions by person: in memory for one partition, else temporary files
    with pickled blocks of rows (written and read only by this process)."""

    def __init__(self, partitions: int):
        self.count = max(1, partitions)
        self.buffers: list[list[tuple[int, list[str]]]] = [[] for _ in range(self.count)]
        self.block = max(100, SPOOL_BUFFER_ROWS // self.count)
        self.dir = None
        self.handles = []
        if self.count > 1:
            self.dir = tempfile.TemporaryDirectory(prefix="stufenweg-import-")
            for index in range(self.count):
                self.handles.append(open(self._path(index), "wb"))  # noqa: SIM115

    def _path(self, index: int) -> Path:
        return Path(self.dir.name) / f"{index}.bin"

    def add(self, person_id: str, line: int, cells: list[str]) -> None:
        if not self.handles:
            self.buffers[0].append((line, cells))
            return
        index = zlib.crc32(person_id.encode()) % self.count
        buffer = self.buffers[index]
        buffer.append((line, cells))
        if len(buffer) >= self.block:
            pickle.dump(buffer, self.handles[index], protocol=pickle.HIGHEST_PROTOCOL)
            self.buffers[index] = []

    def partitions(self) -> Iterator[list[tuple[int, list[str]]]]:
        if not self.handles:
            rows, self.buffers = self.buffers[0], [[]]
            yield rows
            return
        for index, handle in enumerate(self.handles):
            if self.buffers[index]:
                pickle.dump(self.buffers[index], handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.close()
        self.buffers = []
        for index in range(self.count):
            rows: list[tuple[int, list[str]]] = []
            with open(self._path(index), "rb") as handle:
                while True:
                    try:
                        rows.extend(pickle.load(handle))  # noqa: S301 - our own temporary file
                    except EOFError:
                        break
            yield rows

    def close(self) -> None:
        for handle in self.handles:
            if not handle.closed:
                handle.close()
        if self.dir is not None:
            self.dir.cleanup()
