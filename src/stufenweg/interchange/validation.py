"""Checking a file's header and turning its rows into parsed values, collecting every problem."""

from __future__ import annotations

from functools import partial
from itertools import compress
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
        self.names = [c.name for _p, c in self.index]
        # One step per column in the header: (position, name, required, length limit of a text
        # column, parser of any other column).
        plan = {
            p: (c.name, c.max_length, None if c.kind in TEXT_KINDS else _parser_for(c)) for p, c in self.index
        }
        # By position in the row (None: a column that is not read), for every cell of the header.
        self.plan = [plan.get(position) for position in range(self.width)]
        self.required = [(p, c.name) for p, c in self.index if c.required]

    def _header_problem(self, name: str, message: str, value: str | None = None) -> None:
        self.ok = False
        self.problems.append(Problem(self.schema.name, 1, name, name if value is None else value, message))

    def parse(self, line: int, cells: list[str]) -> ParsedRow | None:
        """The row's values, or None if it is empty or has a problem (reported)."""
        self.last_failed = False
        if not "".join(cells).strip():  # every cell empty or blank
            return None
        file = self.schema.name
        problems = self.problems
        failed = False
        width = self.width
        body = cells  # the cells under the header's columns
        if len(cells) > width:
            if "".join(cells[width:]).strip():
                problems.append(
                    Problem(file, line, "", "", _("Die Zeile hat mehr Zellen als die Kopfzeile Spalten."))
                )
                failed = True
            body = cells[:width]
        elif len(cells) < width:
            cells = body = cells + [""] * (width - len(cells))
        values: dict[str, Any] = dict.fromkeys(self.names)
        for position, name in self.required:
            text = body[position]
            if not text or not text.strip():
                problems.append(Problem(file, line, name, "", _("Pflichtangabe fehlt.")))
                failed = True
        # Only the non-empty cells are parsed (most cells of an event row are empty).
        for entry, text in zip(compress(self.plan, body), compress(body, body), strict=True):
            if entry is None:
                continue
            text = text.strip()
            if not text:
                continue
            name, limit, parse = entry
            try:
                if parse is None:
                    if limit is not None and len(text) > limit:
                        parse_cell(self.schema.column(name), text)  # raises with the message
                    values[name] = text
                else:
                    values[name] = parse(text)
            except CellError as exc:
                problems.append(Problem(file, line, name, text, exc.message))
                failed = True
        self.last_failed = failed
        return None if failed else ParsedRow(line, values, cells, self.positions)


TEXT_KINDS = (s.STR, s.REF)
CACHE_LIMIT = 50_000
_MISSING = object()


def _parser_for(column: s.Column):
    """A one-argument parser for a column that is not plain text. Parsing a cell depends only on
    the column and the text, so results are remembered (most cells repeat: codes, dates, yes/no);
    a failure is not remembered and raises again with its message."""
    parse = partial(parse_cell, column)
    if column.kind == s.LIST:  # a fresh list each time
        return parse
    cache: dict[str, Any] = {}

    def cached(text: str):
        value = cache.get(text, _MISSING)
        if value is _MISSING:
            value = parse(text)
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[text] = value
        return value

    return cached
