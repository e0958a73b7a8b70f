"""Problems found in an import: file, row, column, value and a message (German, or English)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem. ``row`` is the line number in the file (header = 1; 0 = the file itself)."""

    file: str
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return format_problem(self)

    def as_list(self) -> list:
        return [self.file, self.row, self.column, self.value, self.message]

    @classmethod
    def from_list(cls, items: list) -> Problem:
        return cls(*items)


def format_problem(problem: Problem) -> str:
    """``events.csv, Zeile 418, Spalte date: 2022-13-01 ist kein gültiges Datum``."""
    parts = [problem.file]
    if problem.row:
        parts.append(_("Zeile %(row)s") % {"row": problem.row})
    if problem.column:
        parts.append(_("Spalte %(column)s") % {"column": problem.column})
    return f"{', '.join(parts)}: {problem.message}"


class ImportRejected(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


class UsageError(Exception):
    """The command was called wrongly (missing file, unknown programme …): exit code 2."""
