"""Checking a file's header and turning its rows into parsed values, collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.parsers import CellError, parse_cell
from stufenweg.interchange.problems import Problem


@dataclass(slots=True)
class ParsedRow:
    line: int
    values: dict[str, Any]  # column -> parsed value (None = empty), only columns in the header
    raw: dict[str, str]  # column -> cell text as read


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
        values: dict[str, Any] = {}
        raw: dict[str, str] = {}
        for position, column in self.index:
            text = cells[position].strip() if position < len(cells) else ""
            raw[column.name] = text
            if not text:
                if column.required:
                    self.problems.append(Problem(file, line, column.name, "", _("Pflichtangabe fehlt.")))
                    failed = True
                values[column.name] = None
                continue
            try:
                values[column.name] = parse_cell(column, text)
            except CellError as exc:
                self.problems.append(Problem(file, line, column.name, text, exc.message))
                failed = True
        self.last_failed = failed
        return None if failed else ParsedRow(line, values, raw)
