"""Writes of mentoring from the exchange format (``interchange.mentoring_files``): a mentorship and a
log entry as the source recorded them. Keyword-only, atomic, validated, audited like
``mentoring.services``; the writer is the importer — the coordination office's writing members or
the system (``by=None``), the same as ``interchange.permissions`` — not the mentor, and the mentor
need not still be a member of the project (a history has mentors who have left). The rules of the
data are those of the web: a mentoring project that accompanies the participation, an end not
before the start, an entry dated within the mentorship and not in the future, an employer
contact linked from the employer's contact history (never recorded twice)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import Participation
from stufenweg.mentoring.authority import mentoring_projects
from stufenweg.mentoring.models import EntryKind, MentoringEntry, Mentorship
from stufenweg.organisations.models import EmployerContact, Organisation, User


def require_importer(by) -> None:
    if by is not None and not writes_for_coordination(by):
        raise PermissionDenied(
            _("Mentorings übernehmen nur Mitglieder der Regiestelle mit schreibender Rolle (Import).")
        )


@transaction.atomic
def mentorship_import(
    *,
    participation: Participation,
    organisation: Organisation,
    mentor: User,
    started_on: dt.date,
    ended_on: dt.date | None,
    by: User | None,
) -> tuple[Mentorship, str]:
    """The mentorship of ``mentor`` (``organisation``) for ``participation`` from ``started_on``:
    created, or its end set or changed. Returns it with ``created``, ``updated`` or ``unchanged``."""
    require_importer(by)
    if organisation.kind != Organisation.Kind.MENTORING_PROJECT or organisation.pk not in {
        org.pk for org in mentoring_projects(participation)
    }:
        raise ValidationError(
            {
                "organisation": _(
                    "Dieses Mentorenprojekt begleitet diese Teilnahme nicht (keine Maßnahme des Projekts)."
                )
            }
        )
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("Das Ende liegt vor dem Beginn.")})
    today = timezone.localdate()
    if started_on > today or (ended_on is not None and ended_on > today):
        raise ValidationError(
            {"started_on" if started_on > today else "ended_on": _("Das Datum liegt in der Zukunft.")}
        )
    mentorship = (
        Mentorship.objects.select_for_update()
        .filter(participation=participation, organisation=organisation, mentor=mentor, started_on=started_on)
        .first()
    )
    if mentorship is not None:
        if mentorship.ended_on == ended_on:
            return mentorship, "unchanged"
        before = snapshot(mentorship, list(Mentorship.FIELDS))
        mentorship.ended_on = ended_on
        mentorship.save(update_fields=["ended_on"])
        audit_write(
            actor=by,
            action=AuditEntry.Action.IMPORT,
            obj=mentorship,
            person=participation.person,
            summary=f"Mentoring {mentorship.pk}: Ende übernommen",
            before=before,
            after=snapshot(mentorship, list(Mentorship.FIELDS)),
        )
        return mentorship, "updated"
    running = Mentorship.objects.filter(participation=participation, mentor=mentor, ended_on__isnull=True)
    if ended_on is None and running.exists():
        raise ValidationError({"mentor": _("Diese Person begleitet die Teilnahme bereits.")})
    mentorship = Mentorship(
        participation=participation,
        organisation=organisation,
        mentor=mentor,
        started_on=started_on,
        ended_on=ended_on,
    )
    mentorship.full_clean()
    mentorship.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.IMPORT,
        obj=mentorship,
        person=participation.person,
        summary=f"Mentoring {mentorship.pk} für Teilnahme {participation.pk} übernommen",
        after=snapshot(mentorship, list(Mentorship.FIELDS)),
    )
    return mentorship, "created"


@transaction.atomic
def mentoring_entry_import(
    *,
    mentorship: Mentorship,
    occurred_on: dt.date,
    kind: str,
    topic: str,
    by: User | None,
    employer_contact: EmployerContact | None = None,
) -> MentoringEntry:
    """A log entry of ``mentorship`` (no notes: they are not exchanged). An entry of kind
    „Arbeitgeberkontakt“ links ``employer_contact`` (a contact of the mentee's participation not
    yet linked to another entry)."""
    require_importer(by)
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Das Datum liegt in der Zukunft.")})
    if occurred_on < mentorship.started_on or (mentorship.ended_on and occurred_on > mentorship.ended_on):
        raise ValidationError({"occurred_on": _("Das Datum liegt außerhalb des Mentorings.")})
    if kind == EntryKind.EMPLOYER:
        if employer_contact is None:
            raise ValidationError(
                {
                    "employer_contact": _(
                        "Ein Arbeitgeberkontakt nennt seinen Kontakt aus employer_contacts.csv."
                    )
                }
            )
        if employer_contact.participation_id != mentorship.participation_id:
            raise ValidationError(
                {
                    "employer_contact": _(
                        "Der Arbeitgeberkontakt gehört nicht zur Teilnahme dieses Mentorings."
                    )
                }
            )
        if MentoringEntry.objects.filter(employer_contact=employer_contact).exists():
            raise ValidationError(
                {"employer_contact": _("Dieser Arbeitgeberkontakt steht schon in einem Mentoring-Protokoll.")}
            )
    elif employer_contact is not None:
        raise ValidationError(
            {"employer_contact": _("Einen Arbeitgeberkontakt nur bei einem Eintrag dieser Art angeben.")}
        )
    entry = MentoringEntry(
        mentorship=mentorship,
        occurred_on=occurred_on,
        kind=kind,
        topic=(topic or "").strip(),
        employer_contact=employer_contact,
    )
    entry.full_clean()
    entry.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.IMPORT,
        obj=entry,
        person=mentorship.participation.person,
        summary=f"Mentoring-Eintrag {entry.pk} zu Mentoring {mentorship.pk} übernommen",
        after=snapshot(entry, list(MentoringEntry.FIELDS)),
    )
    return entry
