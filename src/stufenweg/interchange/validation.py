"""Checking a file's header and turning its rows into parsed values, collecting every problem."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.parsers import CellError, parse_cell
from stufenweg.interchange.problems import Problem


class ParsedRow:
    """A parsed row: ``values`` maps column -> value (None = empty), only columns in the header;
    ``raw`` gives the cell text as read (built on demand, for problem reports)."""

    __slots__ = ("line", "values", "cells", "positions")

    def __init__(self, line: int, values: dict[str, Any], cells: list[str], positions: dict[str, int]):
        self.line = line
        self.values = values
        self.cells = cells
        self.positions = positions

    @property
    def raw(self) -> dict[str, str]:
        width = len(self.cells)
        return {n: (self.cells[p].strip() if p < width else "") for n, p in self.positions.items()}


class RowParser:
    """Parses the rows of one file with a known header; problems go to ``problems``."""

    def __init__(self, schema: s.FileSchema, header: list[str], problems: list[Problem]):
        self.schema = schema
        self.problems = problems
        self.ok = True
        self.last_failed = False
        self.width = len(header)
        seen: set[str] = set()
        allowed = set(schema.names)
        self.index: list[tuple[int, s.Column]] = []
        for position, name in enumerate(header):
            if not name:
                if position < len(header) - 1 or len(header) == 1:
                    self._header_problem(name, _("Eine Spalte hat keinen Namen."))
                continue
            if name in seen:
                self._header_problem(
                    name, _("Die Spalte „%(column)s“ kommt mehrfach vor.") % {"column": name}
                )
                continue
            seen.add(name)
            if name not in allowed:
                self._header_problem(
                    name,
                    _("Die Spalte „%(column)s“ ist unbekannt (zulässig: %(allowed)s).")
                    % {"column": name, "allowed": ", ".join(schema.names)},
                )
                continue
            self.index.append((position, schema.column(name)))
        for column in schema.columns:
            if column.required and column.name not in seen:
                self._header_problem(
                    column.name,
                    _("Die Pflichtspalte „%(column)s“ fehlt.") % {"column": column.name},
                    value="",
                )
        self.present = frozenset(c.name for _p, c in self.index)
        self.positions = {c.name: p for p, c in self.index}
        self.plan = [(p, c.name, c.required, _parser_for(c)) for p, c in self.index]
        self.names = [c.name for _p, c in self.index]
        self.by_position = {p: (name, parse) for p, name, _required, parse in self.plan}
        self.required = [(p, name) for p, name, required, _parse in self.plan if required]

    def _header_problem(self, name: str, message: str, value: str | None = None) -> None:
        self.ok = False
        self.problems.append(Problem(self.schema.name, 1, name, name if value is None else value, message))

    def parse(self, line: int, cells: list[str]) -> ParsedRow | None:
        """The row's values, or None if it is empty or has a problem (reported)."""
        self.last_failed = False
        if not any(c.strip() for c in cells):
            return None
        file = self.schema.name
        failed = False
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            self.problems.append(
                Problem(file, line, "", "", _("Die Zeile hat mehr Zellen als die Kopfzeile Spalten."))
            )
            failed = True
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        values: dict[str, Any] = dict.fromkeys(self.names)
        by_position = self.by_position
        for position, required_name in self.required:
            if not cells[position] or not cells[position].strip():
                self.problems.append(Problem(file, line, required_name, "", _("Pflichtangabe fehlt.")))
                failed = True
        # Only the non-empty cells are parsed (most cells of an event row are empty).
        for position, text in [(i, c) for i, c in enumerate(cells) if c]:
            entry = by_position.get(position)
            if entry is None:
                continue
            text = text.strip()
            if not text:
                continue
            name, parse = entry
            try:
                values[name] = parse(text)
            except CellError as exc:
                self.problems.append(Problem(file, line, name, text, exc.message))
                failed = True
        self.last_failed = failed
        return None if failed else ParsedRow(line, values, cells, self.positions)


def _parser_for(column: s.Column):
    """A one-argument parser for ``column``; text columns get a cheap length check only."""
    if column.kind in (s.STR, s.REF):
        limit = column.max_length

        def text(value: str) -> str:
            if limit is not None and len(value) > limit:
                return parse_cell(column, value)  # raises with the message
            return value

        return text
    return partial(parse_cell, column)
