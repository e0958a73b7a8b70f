"""Writes of mentoring from the exchange format (``interchange.mentoring_files``): a mentorship and a
log entry as the source recorded them. Keyword-only, atomic, validated, audited like
``mentoring.services``; the writer is the importer — the coordination office's writing members or
the system (``by=None``), the same as ``interchange.permissions`` — not the mentor, and the mentor
need not still be a member of the project (a history has mentors who have left). The rules of the
data are those of the web, checked and written by the same helpers of ``mentoring.services``: a
mentoring project that accompanies the participation, an end not before the start, an entry
dated within the mentorship and not in the future, an employer contact linked from the
employer's contact history (never recorded twice). What differs from the web is explicit: the
importer's authority, the audit action IMPORT, no dates in the future for the mentorship either,
and a mentorship that has already ended may be imported while another of the same mentor runs
(a history)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import Participation
from stufenweg.mentoring.authority import accompanies
from stufenweg.mentoring.models import EntryKind, MentoringEntry, Mentorship
from stufenweg.mentoring.services import (
    _check_day,
    _check_span,
    _insert_entry,
    _insert_mentorship,
    _not_future,
    _save_end,
)
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
    if not accompanies(organisation, participation):
        raise ValidationError(
            {
                "organisation": _(
                    "Dieses Mentorenprojekt begleitet diese Teilnahme nicht (keine Maßnahme des Projekts)."
                )
            }
        )
    _check_span(started_on, ended_on)
    _not_future(started_on, "started_on")
    _not_future(ended_on, "ended_on")
    mentorship = (
        Mentorship.objects.select_for_update()
        .filter(participation=participation, organisation=organisation, mentor=mentor, started_on=started_on)
        .first()
    )
    if mentorship is not None:
        if mentorship.ended_on == ended_on:
            return mentorship, "unchanged"
        _save_end(
            mentorship,
            ended_on,
            by=by,
            action=AuditEntry.Action.IMPORT,
            summary=f"Mentoring {mentorship.pk}: Ende übernommen",
        )
        return mentorship, "updated"
    mentorship = _insert_mentorship(
        participation=participation,
        organisation=organisation,
        mentor=mentor,
        started_on=started_on,
        ended_on=ended_on,
        by=by,
        action=AuditEntry.Action.IMPORT,
        summary_verb="übernommen",
        closed_beside_running=True,
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
    _check_day(mentorship, occurred_on)
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
    return _insert_entry(
        mentorship=mentorship,
        occurred_on=occurred_on,
        kind=kind,
        topic=topic,
        notes=None,
        employer_contact=employer_contact,
        staff=None,
        by=by,
        action=AuditEntry.Action.IMPORT,
        summary_verb="übernommen",
    )


@transaction.atomic
def aftercare_import(
    *,
    mentorship: Mentorship,
    placement,
    started_on: dt.date,
    months: int,
    until: dt.date | None,
    by: User | None,
):
    """The after-placement support of ``mentorship`` for ``placement`` (an ``employment_start``
    event of its participation; one a correction has since replaced still counts: a history)
    from ``started_on`` for ``months`` months until ``until`` (empty: ``months`` after the start):
    created, or its months and dates changed. Returns it with ``created``, ``updated`` or
    ``unchanged``."""
    from stufenweg.core.audit import audit_write, snapshot
    from stufenweg.core.time import add_months
    from stufenweg.mentoring.models import AfterPlacementSupport
    from stufenweg.mentoring.services import _check_months, _not_future

    require_importer(by)
    if placement.kind != "employment_start" or placement.participation_id != mentorship.participation_id:
        raise ValidationError(
            {"placement": _("Das Ereignis ist kein Beschäftigungsbeginn der Teilnahme dieses Mentorings.")}
        )
    _check_months(months)
    _not_future(started_on, "started_on")
    until = until or add_months(started_on, months)
    if until < started_on:
        raise ValidationError({"until": _("Das Ende liegt vor dem Beginn.")})
    support = AfterPlacementSupport.objects.select_for_update().filter(placement=placement).first()
    values = {"started_on": started_on, "months": months, "until": until}
    if support is not None:
        if support.mentorship_id != mentorship.pk:
            raise ValidationError(
                {
                    "placement": _(
                        "Zu dieser Vermittlung ist schon eine Nachbetreuung eines anderen Mentorings erfasst."
                    )
                }
            )
        if all(getattr(support, k) == v for k, v in values.items()):
            return support, "unchanged"
        before, what = snapshot(support, list(AfterPlacementSupport.FIELDS)), "updated"
    else:
        before, what = None, "created"
        support = AfterPlacementSupport(
            participation_id=mentorship.participation_id, mentorship=mentorship, placement=placement
        )
    for k, v in values.items():
        setattr(support, k, v)
    support.full_clean()
    support.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.IMPORT,
        obj=support,
        person=mentorship.participation.person,
        summary=f"Nachbetreuung {support.pk} für Teilnahme {support.participation_id} übernommen",
        before=before,
        after=snapshot(support, list(AfterPlacementSupport.FIELDS)),
    )
    return support, what
