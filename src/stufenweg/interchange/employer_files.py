"""Employers in the exchange format: employer_contacts.csv (the contact history) and vacancies.csv
(positions at employers) — optional files; a directory without them imports as before.

Keys are the source's ``code`` (a contact or vacancy recorded here has none and is exported as
``AK-<id>`` / ``ST-<id>``, which names the same one when the file comes back). Employers and the
recording organisations are organisation codes (``organisations.csv``); a contact may name one
participation by ``person_id`` × ``programme``.

The import runs after events.csv (contacts name participations) and writes through
``organisations.employer_services`` as the importing user — the same checks as the web and the
API (an employer of the register, dates not in the future, a five-digit KldB 2010 occupation of a
known group and level, a vacancy's closing date only when filled or withdrawn). Whatever they
refuse is a problem of its row; with any problem nothing is written. An existing contact or
vacancy with other values is changed (never its employer or recording organisation). Notes are
not exchanged (they may name people and are kept encrypted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.extension_rows import ExtensionImport
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.validation import ParsedRow
from stufenweg.interchange.writer import fmt
from stufenweg.journeys.spec import DELIVERING
from stufenweg.organisations import employer_services as services
from stufenweg.organisations.codes import VacancyStatus
from stufenweg.organisations.kldb import validate_kldb
from stufenweg.organisations.models import EmployerContact, Organisation, Vacancy
from stufenweg.programmes.models import Programme

CONTACT_PREFIX, VACANCY_PREFIX = "AK-", "ST-"
WEB_CODE = re.compile(r"^(AK|ST)-([0-9]{1,18})$")
CONTACT_COLUMNS = {
    "occurred_on": "date",
    "employer": "employer",
    "organisation": "organisation",
    "programme": "programme",
    "participation": "person_id",
}
# a vacancy's values: the columns of vacancies.csv after its key and the two organisations
VACANCY_VALUES = tuple(name for name in s.VACANCIES.names if name not in ("code", "employer", "organisation"))


def contact_code(contact: EmployerContact) -> str:
    return contact.code or f"{CONTACT_PREFIX}{contact.pk}"


def vacancy_code(vacancy: Vacancy) -> str:
    return vacancy.code or f"{VACANCY_PREFIX}{vacancy.pk}"


def _find(model, code: str, prefix: str):
    found = model.objects.filter(code=code).first()
    if found is None and (match := WEB_CODE.match(code)) and code.startswith(prefix):
        found = model.objects.filter(pk=int(match.group(2)), code="").first()
    return found


def find_contact(code: str) -> EmployerContact | None:
    return _find(EmployerContact, code, CONTACT_PREFIX)


def find_vacancy(code: str) -> Vacancy | None:
    return _find(Vacancy, code, VACANCY_PREFIX)


def _contact_same(contact: EmployerContact, values: dict) -> bool:
    return (
        contact.occurred_on == values["occurred_on"]
        and contact.kind == values["kind"]
        and contact.topic == values["topic"]
        and contact.programme_id == getattr(values["programme"], "pk", None)
        and contact.participation_id == getattr(values["participation"], "pk", None)
    )


def _contact_update(contact: EmployerContact, by, values: dict) -> None:
    services.employer_contact_update(contact=contact, by=by, notes=contact.notes, **values)


def _vacancy_same(vacancy: Vacancy, values: dict) -> bool:
    wanted = {**values}  # as the vacancy keeps them
    if "places" in wanted and wanted["places"] is None:
        wanted["places"] = 1
    if "status" in wanted and not wanted["status"]:
        wanted["status"] = VacancyStatus.OPEN
    return all(getattr(vacancy, name) == value for name, value in wanted.items())


def _vacancy_update(vacancy: Vacancy, by, values: dict) -> None:
    services.vacancy_update(vacancy=vacancy, by=by, **values)


class _Writes(NamedTuple):
    """How the import writes a contact or a vacancy."""

    create: Callable[..., object]
    same: Callable[[Any, dict], bool]
    update: Callable[[Any, Any, dict], None]
    # the message when the file names another employer or organisation (translated when used)
    kept: Callable[[], str]
    columns: dict[str, str] | None  # the services' fields the file names otherwise


CONTACT_WRITES = _Writes(
    services.employer_contact_record,
    _contact_same,
    _contact_update,
    lambda: _(
        "Arbeitgeber und erfassende Stelle eines Kontakts bleiben; in Stufenweg: %(employer)s, %(organisation)s."
    ),
    CONTACT_COLUMNS,
)
VACANCY_WRITES = _Writes(
    services.vacancy_create,
    _vacancy_same,
    _vacancy_update,
    lambda: _(
        "Arbeitgeber und erfassende Stelle einer Stelle bleiben; in Stufenweg: %(employer)s, %(organisation)s."
    ),
    None,
)


class EmployerImport(ExtensionImport):
    schemas = s.EMPLOYER_SCHEMAS

    def __init__(self, ctx: Context, rows: dict[str, list[ParsedRow]]):
        super().__init__(ctx, rows)
        self.organisations = {o.code: o for o in Organisation.objects.all()}

    def _organisation(self, schema, row, column: str, *, employer: bool) -> Organisation | None:
        code = row.values[column]
        organisation = self.organisations.get(code)
        if organisation is None:
            if not self.ctx.is_broken(s.ORGANISATIONS.name, code):
                self._problem(
                    schema, row, column, _("Die Organisation „%(code)s“ ist nicht bekannt.") % {"code": code}
                )
            return None
        if employer and organisation.kind != Organisation.Kind.EMPLOYER:
            self._problem(
                schema,
                row,
                column,
                _("Die Organisation „%(code)s“ ist kein Arbeitgeber (Art „employer“).") % {"code": code},
            )
            return None
        if not employer and organisation.kind not in DELIVERING:
            self._problem(
                schema,
                row,
                column,
                _(
                    "Die Organisation „%(code)s“ erfasst keine Arbeitgeberkontakte oder Stellen "
                    "(Regiestelle, Regionalbüro, Träger oder Mentorenprojekt)."
                )
                % {"code": code},
            )
            return None
        return organisation

    def run(self) -> None:
        if not any(self.rows.values()):
            return
        self.import_contacts()
        self.import_vacancies()

    # employer_contacts.csv

    def _contact_values(self, schema, row) -> dict | None:
        v = row.values
        programme = participation = None
        if v.get("programme"):
            if v["programme"] not in self.programmes:
                self._problem(
                    schema,
                    row,
                    "programme",
                    _("Das Programm „%(code)s“ ist nicht bekannt.") % {"code": v["programme"]},
                )
                return None
            programme = Programme(pk=self.programmes[v["programme"]])
        if v.get("person_id"):
            if programme is None:
                self._problem(
                    schema, row, "programme", _("Zur Person bitte das Programm ihrer Teilnahme angeben.")
                )
                return None
            participation = self._participation(schema, row)
            if participation is None:
                return None
        return {
            "occurred_on": v["date"],
            "kind": v["kind"],
            "topic": v["topic"],
            "programme": programme,
            "participation": participation,
        }

    def _write(self, schema, row, found, employer, organisation, values: dict, how: _Writes) -> None:
        """Records the row's contact or vacancy (``found``: the one of its code, or None) through
        the services: a new one, an unchanged one left alone, a changed one updated. Its employer
        and recording organisation stay: another one in the file is a problem of the row."""
        try:
            if found is None:
                how.create(
                    employer=employer,
                    organisation=organisation,
                    by=self.ctx.by,
                    code=row.values["code"],
                    **values,
                )
                self._count(schema, "created")
                return
            if found.employer_id != employer.pk or found.organisation_id != organisation.pk:
                column = "employer" if found.employer_id != employer.pk else "organisation"
                self._problem(
                    schema,
                    row,
                    column,
                    how.kept() % {"employer": found.employer.code, "organisation": found.organisation.code},
                )
                return
            if how.same(found, values):
                self._count(schema, "unchanged")
                return
            how.update(found, self.ctx.by, values)
            self._count(schema, "updated")
        except (ValidationError, PermissionDenied) as exc:
            self._refused(schema, row, exc, how.columns)

    def import_contacts(self) -> None:
        schema = s.EMPLOYER_CONTACTS
        for row in self.rows[schema.name]:
            employer = self._organisation(schema, row, "employer", employer=True)
            organisation = self._organisation(schema, row, "organisation", employer=False)
            values = self._contact_values(schema, row)
            if employer is None or organisation is None or values is None:
                continue
            contact = find_contact(row.values["code"])
            self._write(schema, row, contact, employer, organisation, values, CONTACT_WRITES)

    # vacancies.csv

    def import_vacancies(self) -> None:
        schema = s.VACANCIES
        for row in self.rows[schema.name]:
            v = row.values
            employer = self._organisation(schema, row, "employer", employer=True)
            organisation = self._organisation(schema, row, "organisation", employer=False)
            try:
                validate_kldb(v["occupation"])
            except ValidationError as exc:
                self._refused(schema, row, exc, {"": "occupation"})
                continue
            if employer is None or organisation is None:
                continue
            present = set(row.positions)
            values = {name: v.get(name) for name in VACANCY_VALUES if name in present}
            self._write(schema, row, find_vacancy(v["code"]), employer, organisation, values, VACANCY_WRITES)


# --- export ---------------------------------------------------------------------------------------


def contact_rows(programme: Programme) -> Iterator[list[str]]:
    """The contacts of ``programme`` and those of no programme (the register's general history)."""
    queryset = (
        EmployerContact.objects.filter(Q(programme=programme) | Q(programme__isnull=True))
        .select_related("employer", "organisation", "participation__person")
        .order_by("id")
    )
    rows = [
        [
            contact_code(c),
            c.employer.code,
            c.organisation.code,
            fmt(c.occurred_on),
            c.kind,
            c.topic,
            programme.code if c.programme_id else "",
            c.participation.person.person_id if c.participation_id else "",
        ]
        for c in queryset
    ]
    yield from sorted(rows)


def vacancy_rows(programme: Programme) -> Iterator[list[str]]:
    """Every vacancy (vacancies belong to the register, not to a programme; no personal data)."""
    rows = [
        [
            vacancy_code(x),
            x.employer.code,
            x.organisation.code,
            x.title,
            x.occupation,
            fmt(x.hours),
            fmt(x.starts_on),
            fmt(x.places),
            x.status,
            fmt(x.published_on),
            fmt(x.closed_on),
        ]
        for x in Vacancy.objects.select_related("employer", "organisation").order_by("id")
    ]
    yield from sorted(rows)


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [
        (s.EMPLOYER_CONTACTS, lambda: contact_rows(programme)),
        (s.VACANCIES, lambda: vacancy_rows(programme)),
    ]
