"""Writes of the employer contact history and of vacancies (ARCHITECTURE.md habit 1):
keyword-only, atomic, validated, audited; who may write is checked here
(``organisations.authority``), so the web and the API behave the same.

The notes of a contact may name people: they are stored encrypted and the audit trail only says
„(verschlüsselt)“. A contact may concern one participation: it must be one the writer may act on
(``journeys.selectors.participations_writable_by``); the audit keeps its id only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.authority import (
    require_contact_changer,
    require_employer_writer,
    require_recording_organisation,
)
from stufenweg.organisations.codes import VacancyStatus
from stufenweg.organisations.models import EmployerContact, Organisation, User, Vacancy

CONTACT_FIELDS = (
    "employer_id",
    "organisation_id",
    "programme_id",
    "participation_id",
    "occurred_on",
    "kind",
    "topic",
)
VACANCY_FIELDS = ("employer_id", "organisation_id", *Vacancy.FIELDS)


def _employer(employer: Organisation) -> Organisation:
    if employer is None or employer.kind != Organisation.Kind.EMPLOYER:
        raise ValidationError({"employer": _("Bitte einen Arbeitgeber aus dem Register wählen.")})
    return employer


def _not_future(day: dt.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("Das Datum liegt in der Zukunft.")})


def _contact_snapshot(contact: EmployerContact) -> dict:
    data = snapshot(contact, list(CONTACT_FIELDS))
    data["notes"] = "(verschlüsselt)" if contact.notes else ""
    return data


def _check_participation(contact: EmployerContact, by: User | None, *, changed: bool) -> None:
    """A named participation must be one ``by`` acts on; its programme is the contact's."""
    from stufenweg.journeys.selectors import participations_writable_by

    if contact.participation_id is None:
        return
    if (
        changed
        and by is not None
        and not participations_writable_by(by).filter(pk=contact.participation_id).exists()
    ):
        raise ValidationError(
            {"participation": _("Diese Teilnahme gibt es nicht oder Sie dürfen für sie nichts erfassen.")}
        )
    programme_id = contact.participation.programme_id
    if contact.programme_id is not None and contact.programme_id != programme_id:
        raise ValidationError({"programme": _("Das Programm passt nicht zur gewählten Teilnahme.")})
    contact.programme_id = programme_id


@transaction.atomic
def employer_contact_record(
    *,
    employer: Organisation,
    occurred_on: dt.date,
    kind: str,
    topic: str,
    by: User | None,
    notes: str = "",
    programme=None,
    participation=None,
    organisation: Organisation | None = None,
    code: str = "",
) -> EmployerContact:
    """Record a contact of ``by`` (for ``organisation``, one of the user's recording
    organisations; default the first) with ``employer``. ``code``: the source's key of an
    imported contact (exchange format)."""
    organisation = require_recording_organisation(by, organisation)
    contact = EmployerContact(
        employer=_employer(employer),
        organisation=organisation,
        programme=programme,
        participation=participation,
        occurred_on=occurred_on,
        kind=kind,
        topic=topic,
        notes=(notes or "").strip(),
        staff=by if getattr(by, "pk", None) else None,
        code=code,
    )
    _not_future(occurred_on, "occurred_on")
    _check_participation(contact, by, changed=True)
    contact.full_clean()
    contact.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=contact,
        summary=f"Arbeitgeberkontakt {contact.pk} mit {employer.code} erfasst",
        after=_contact_snapshot(contact),
    )
    return contact


@transaction.atomic
def employer_contact_update(
    *,
    contact: EmployerContact,
    occurred_on: dt.date,
    kind: str,
    topic: str,
    by: User | None,
    notes: str = "",
    programme=None,
    participation=None,
) -> EmployerContact:
    """Change a contact (the recording organisation's writers and the coordination office)."""
    require_employer_writer(by)
    contact = EmployerContact.objects.select_for_update().select_related("employer").get(pk=contact.pk)
    require_contact_changer(by, contact)
    before = _contact_snapshot(contact)
    notes_before = contact.notes
    changed = getattr(participation, "pk", None) != contact.participation_id
    contact.occurred_on, contact.kind, contact.topic = occurred_on, kind, topic
    contact.notes = (notes or "").strip()
    contact.programme, contact.participation = programme, participation
    _not_future(occurred_on, "occurred_on")
    _check_participation(contact, by, changed=changed)
    contact.full_clean()
    contact.save()
    after = _contact_snapshot(contact)
    if contact.notes != notes_before:
        after["notes"] = "(verschlüsselt, geändert)" if contact.notes else "(gelöscht)"
    if before != after:
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=contact,
            summary=f"Arbeitgeberkontakt {contact.pk} mit {contact.employer.code} geändert",
            before=before,
            after=after,
        )
    return contact


# --- vacancies -----------------------------------------------------------------------------------


def _settle_dates(vacancy: Vacancy) -> None:
    """An open vacancy has no closing date; a filled or withdrawn one gets today's when none is
    given. Neither date lies in the future."""
    if vacancy.status == VacancyStatus.OPEN:
        if vacancy.closed_on is not None:
            raise ValidationError(
                {"closed_on": _("Eine offene Stelle hat kein Datum „besetzt oder zurückgezogen“.")}
            )
    elif vacancy.closed_on is None:
        vacancy.closed_on = timezone.localdate()
    _not_future(vacancy.published_on, "published_on")
    _not_future(vacancy.closed_on, "closed_on")
    if vacancy.closed_on is not None and vacancy.published_on and vacancy.closed_on < vacancy.published_on:
        raise ValidationError({"closed_on": _("Das Datum liegt vor der Meldung der Stelle.")})


def _vacancy_values(vacancy: Vacancy, values: dict) -> None:
    vacancy.title = (values.get("title") or "").strip()
    vacancy.occupation = (values.get("occupation") or "").strip()
    hours = values.get("hours")
    vacancy.hours = Decimal(str(hours)) if hours not in (None, "") else None
    vacancy.starts_on = values.get("starts_on")
    places = values.get("places")
    vacancy.places = 1 if places in (None, "") else places
    vacancy.status = values.get("status") or VacancyStatus.OPEN
    vacancy.published_on = values.get("published_on") or vacancy.published_on or timezone.localdate()
    vacancy.closed_on = values.get("closed_on")
    if not vacancy.title:
        raise ValidationError({"title": _("Bitte die Bezeichnung der Stelle angeben.")})


@transaction.atomic
def vacancy_create(
    *,
    employer: Organisation,
    by: User | None,
    organisation: Organisation | None = None,
    code: str = "",
    **values,
) -> Vacancy:
    """A new vacancy at ``employer``: ``title``, ``occupation`` (KldB 2010, five digits),
    ``hours``, ``starts_on``, ``places``, ``status``, ``published_on``, ``closed_on``. ``code``:
    the source's key of an imported vacancy (exchange format)."""
    unknown = set(values) - set(Vacancy.FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {sorted(unknown)}")
    organisation = require_recording_organisation(by, organisation)
    vacancy = Vacancy(
        employer=_employer(employer),
        organisation=organisation,
        created_by=by if getattr(by, "pk", None) else None,
        code=code,
    )
    _vacancy_values(vacancy, values)
    _settle_dates(vacancy)
    vacancy.full_clean()
    vacancy.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=vacancy,
        summary=f"Stelle {vacancy.pk} bei {employer.code} erfasst",
        after=snapshot(vacancy, list(VACANCY_FIELDS)),
    )
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, by: User | None, **values) -> Vacancy:
    """Change a vacancy (any writer of the employer register); the same fields as ``vacancy_create``."""
    unknown = set(values) - set(Vacancy.FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {sorted(unknown)}")
    require_employer_writer(by)
    vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
    before = snapshot(vacancy, list(VACANCY_FIELDS))
    _vacancy_values(vacancy, {**{name: getattr(vacancy, name) for name in Vacancy.FIELDS}, **values})
    if "closed_on" not in values and vacancy.status == VacancyStatus.OPEN:
        vacancy.closed_on = None  # reopened
    _settle_dates(vacancy)
    vacancy.full_clean()
    after = snapshot(vacancy, list(VACANCY_FIELDS))
    if before != after:
        vacancy.updated_at = timezone.now()
        vacancy.save()
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=vacancy,
            summary=f"Stelle {vacancy.pk} bei {vacancy.employer.code} geändert",
            before=before,
            after=after,
        )
    return vacancy
