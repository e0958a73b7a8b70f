"""What the importers of the optional exchange files share (group work, support, employers,
mentoring, costs): the messages of a service's refusal, one problem per message on the row's
column, the counts per file, the participation a row names by ``person_id`` × ``programme``
and taking a file's parsed rows out of the import's rows.

A problem named for a column the file does not have goes to the file's first key column (the
column a reader looks at first to find the row)."""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.masterdata import Context, unique_rows
from stufenweg.interchange.validation import ParsedRow
from stufenweg.journeys.models import Participation
from stufenweg.programmes.models import Programme


def refusal_messages(exc: Exception) -> list[tuple[str | None, str]]:
    """(field or None, message) of each message of a service's refusal."""
    if isinstance(exc, PermissionDenied):
        return [(None, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))]
    assert isinstance(exc, ValidationError)
    if hasattr(exc, "error_dict"):
        return [(f, m) for f, messages in exc.message_dict.items() for m in messages]
    return [(None, m) for m in exc.messages]


class ExtensionImport:
    """The importer of one or more optional files of an import (``ctx``: the import's context)."""

    schemas: tuple[s.FileSchema, ...] = ()  # the files it writes
    repeatable: tuple[s.FileSchema, ...] = ()  # files whose rows may repeat (each is one more record)

    def __init__(self, ctx: Context, rows: dict[str, list[ParsedRow]]):
        """``rows``: the parsed rows by file name; of a key that repeats, the first row (the others
        are problems), except in the ``repeatable`` files."""
        self.ctx = ctx
        self.rows = {
            schema.name: (
                rows.get(schema.name, [])
                if schema in self.repeatable
                else unique_rows(ctx, schema, rows.get(schema.name, []))
            )
            for schema in self.schemas
        }

    @classmethod
    def take_rows(cls, rows: dict[str, list[ParsedRow]]) -> dict[str, list[ParsedRow]]:
        """The parsed rows of its files, taken out of ``rows`` (the importer empties ``rows``
        before events.csv is written; these files are imported after it)."""
        return {schema.name: rows.pop(schema.name, []) for schema in cls.schemas}

    @cached_property
    def programmes(self) -> dict[str, int]:
        """Programme ids by code (as the master data of this import left them)."""
        return dict(Programme.objects.values_list("code", "id"))

    def _problem(self, schema: s.FileSchema, row: ParsedRow, column: str | None, message: str) -> None:
        self.ctx.problem(schema, row, column if column in schema.names else schema.key[0], message)

    def _refused(
        self,
        schema: s.FileSchema,
        row: ParsedRow,
        exc: Exception,
        columns: dict[str, str] | None = None,
        column: str | None = None,
    ) -> None:
        """A problem of ``row`` per message of the service's refusal ``exc``: on the column of the
        message's field (``columns`` maps the fields the file names otherwise); a message of no
        field on ``column`` (or the first key column)."""
        for field, message in refusal_messages(exc):
            self._problem(schema, row, (columns or {}).get(field or "", field or column), message)

    def _count(self, schema: s.FileSchema, what: str, n: int = 1) -> None:
        entry = self.ctx.counts.setdefault(schema.name, {"created": 0, "updated": 0, "unchanged": 0})
        entry[what] += n

    def _participation(self, schema: s.FileSchema, row: ParsedRow) -> Participation | None:
        """The participation the row names by ``person_id`` and ``programme``; a problem on
        ``person_id`` when there is none (unless the person's own row, or a row of the journey in
        events.csv, is already broken: the participation was not written for a reported cause)."""
        v = row.values
        participation = (
            Participation.objects.filter(
                person__person_id=v["person_id"], programme_id=self.programmes.get(v["programme"], -1)
            )
            .select_related("person", "programme")
            .first()
        )
        if (
            participation is None
            and not self.ctx.is_broken(s.PERSONS.name, v["person_id"])
            and not self.ctx.is_broken(s.EVENTS.name, (v["person_id"], v["programme"]))
        ):
            self._problem(
                schema,
                row,
                "person_id",
                _("Die Person „%(person)s“ hat keine Teilnahme im Programm „%(programme)s“.")
                % {"person": v["person_id"], "programme": v["programme"]},
            )
        return participation
