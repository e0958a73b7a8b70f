"""Mentoring in the exchange format: mentorships.csv and mentoring_log.csv — optional files; a
directory without them imports as before.

A mentorship is named by its participation (``person_id`` × ``programme``), its mentoring project
(organisation code), its mentor (user name of an existing account) and its start; a log entry by
its mentorship (the same columns, the start as ``mentorship_start``), day, kind and topic. The same
entry may occur more than once (two calls on one day about the same thing): the import keeps as
many as the file has, and a second import of the same file adds none. An employer contact of the
log names its contact in employer_contacts.csv (``employer_contact``: its code), which is imported
before; the contact is linked, never recorded twice. Notes are not exchanged.

Written after the employer files through ``mentoring.import_services`` (the importer's authority,
the web's rules on the data); whatever they refuse is a problem of its row, and with any problem
nothing is written. After-placement support: ``interchange.aftercare_files``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.employer_files import contact_code, find_contact
from stufenweg.interchange.extension_rows import ExtensionImport
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.validation import ParsedRow
from stufenweg.interchange.writer import fmt
from stufenweg.mentoring import import_services as services
from stufenweg.mentoring.models import MentoringEntry, Mentorship
from stufenweg.organisations.models import Organisation, User
from stufenweg.programmes.models import Programme

FIELD_COLUMNS = {"occurred_on": "date", "started_on": "started_on", "participation": "person_id"}


class MentoringImport(ExtensionImport):
    schemas = s.MENTORING_SCHEMAS
    repeatable = (s.MENTORING_LOG,)  # the same entry twice: two entries

    def __init__(self, ctx: Context, rows: dict[str, list[ParsedRow]]):
        super().__init__(ctx, rows)
        self.organisations = {o.code: o for o in Organisation.objects.filter(kind="mentoring_project")}

    def _parts(self, schema, row):
        """(participation, organisation, mentor) of a row, or None after a problem."""
        v = row.values
        organisation = self.organisations.get(v["organisation"])
        if organisation is None:
            if not self.ctx.is_broken(s.ORGANISATIONS.name, v["organisation"]):
                self._problem(
                    schema,
                    row,
                    "organisation",
                    _("„%(code)s“ ist kein bekanntes Mentorenprojekt.") % {"code": v["organisation"]},
                )
            return None
        mentor = User.objects.filter(username=v["mentor"]).first()
        if mentor is None:
            self._problem(
                schema,
                row,
                "mentor",
                _("Es gibt kein Benutzerkonto „%(name)s“; bitte die Mentorin oder den Mentor zuerst anlegen.")
                % {"name": v["mentor"]},
            )
            return None
        participation = self._participation(schema, row)
        if participation is None:
            return None
        return participation, organisation, mentor

    def run(self) -> None:
        if not any(self.rows.values()):
            return
        self.import_mentorships()
        self.import_log()

    def import_mentorships(self) -> None:
        schema = s.MENTORSHIPS
        rows = sorted(self.rows[schema.name], key=lambda r: (r.values["started_on"], r.line))
        for row in rows:
            parts = self._parts(schema, row)
            if parts is None:
                continue
            participation, organisation, mentor = parts
            try:
                _mentorship, what = services.mentorship_import(
                    participation=participation,
                    organisation=organisation,
                    mentor=mentor,
                    started_on=row.values["started_on"],
                    ended_on=row.values.get("ended_on"),
                    by=self.ctx.by,
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, FIELD_COLUMNS, "started_on")
                continue
            self._count(schema, what)

    def _mentorship(self, schema, row) -> Mentorship | None:
        """The mentorship a row names (participation, mentoring project, mentor and
        ``mentorship_start``), or None after a problem."""
        parts = self._parts(schema, row)
        if parts is None:
            return None
        participation, organisation, mentor = parts
        mentorship = Mentorship.objects.filter(
            participation=participation,
            organisation=organisation,
            mentor=mentor,
            started_on=row.values["mentorship_start"],
        ).first()
        if mentorship is None:
            self._problem(
                schema,
                row,
                "mentorship_start",
                _("Dieses Mentoring gibt es weder in mentorships.csv noch in Stufenweg."),
            )
        return mentorship

    def import_log(self) -> None:
        schema = s.MENTORING_LOG
        groups: dict[tuple, list[ParsedRow]] = {}
        for row in self.rows[schema.name]:
            key = (*(row.values.get(name) for name in schema.key), row.values.get("employer_contact"))
            groups.setdefault(key, []).append(row)
        for rows in groups.values():
            row = rows[0]
            v = row.values
            mentorship = self._mentorship(schema, row)
            if mentorship is None:
                continue
            existing = MentoringEntry.objects.filter(
                mentorship=mentorship, occurred_on=v["date"], kind=v["kind"], topic=v["topic"]
            ).select_related("employer_contact")
            if v.get("employer_contact"):
                have = sum(
                    1
                    for e in existing
                    if e.employer_contact_id and contact_code(e.employer_contact) == v["employer_contact"]
                )
            else:
                have = sum(1 for e in existing if not e.employer_contact_id)
            # the file's entries beyond those already here are new (the same entry may repeat)
            self._count(schema, "unchanged", min(have, len(rows)))
            for each in rows[have:]:
                self._entry(schema, each, mentorship)

    def _entry(self, schema, row, mentorship: Mentorship) -> None:
        v = row.values
        contact = None
        if v.get("employer_contact"):
            contact = find_contact(v["employer_contact"])
            if contact is None:
                if not self.ctx.is_broken(s.EMPLOYER_CONTACTS.name, v["employer_contact"]):
                    self._problem(
                        schema,
                        row,
                        "employer_contact",
                        _("Den Arbeitgeberkontakt „%(code)s“ gibt es nicht.")
                        % {"code": v["employer_contact"]},
                    )
                return
        try:
            services.mentoring_entry_import(
                mentorship=mentorship,
                occurred_on=v["date"],
                kind=v["kind"],
                topic=v["topic"],
                employer_contact=contact,
                by=self.ctx.by,
            )
        except (ValidationError, PermissionDenied) as exc:
            self._refused(schema, row, exc, FIELD_COLUMNS, "date")
            return
        self._count(schema, "created")


# --- export ---------------------------------------------------------------------------------------


def mentorship_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = Mentorship.objects.filter(participation__programme=programme).values_list(
        "participation__person__person_id", "organisation__code", "mentor__username", "started_on", "ended_on"
    )
    rows = [[p, programme.code, org, mentor, fmt(start), fmt(end)] for p, org, mentor, start, end in queryset]
    yield from sorted(rows)


def log_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = MentoringEntry.objects.filter(mentorship__participation__programme=programme).select_related(
        "mentorship__participation__person",
        "mentorship__organisation",
        "mentorship__mentor",
        "employer_contact",
    )
    rows = [
        [
            e.mentorship.participation.person.person_id,
            programme.code,
            e.mentorship.organisation.code,
            e.mentorship.mentor.username,
            fmt(e.mentorship.started_on),
            fmt(e.occurred_on),
            e.kind,
            e.topic,
            contact_code(e.employer_contact) if e.employer_contact_id else "",
        ]
        for e in queryset
    ]
    yield from sorted(rows)


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [
        (s.MENTORSHIPS, lambda: mentorship_rows(programme)),
        (s.MENTORING_LOG, lambda: log_rows(programme)),
    ]
