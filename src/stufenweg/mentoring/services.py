"""Writes of mentoring: keyword-only, atomic, validated, audited (notes only as
„(verschlüsselt)“); who may write is checked here (``mentoring.authority``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.core.time import add_months
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.mentoring.authority import (
    require_assigner,
    require_default_setter,
    require_entry_editor,
    require_mentorship_writer,
)
from stufenweg.mentoring.models import (
    DEFAULT_SUPPORT_MONTHS,
    MAX_MONTHS,
    MIN_MONTHS,
    AftercareDefault,
    AfterPlacementSupport,
    EntryKind,
    MentoringEntry,
    MentoringEntryRevision,
    Mentorship,
)
from stufenweg.organisations.codes import ContactKind
from stufenweg.organisations.models import Organisation, User


def _not_future(day, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("Das Datum liegt in der Zukunft.")})


@transaction.atomic
def mentorship_assign(
    *,
    participation: Participation,
    organisation: Organisation,
    mentor: User,
    started_on: dt.date,
    by: User | None,
    ended_on: dt.date | None = None,
) -> Mentorship:
    require_assigner(by, participation, organisation, mentor)
    _check_span(started_on, ended_on)
    return _insert_mentorship(
        participation=participation,
        organisation=organisation,
        mentor=mentor,
        started_on=started_on,
        ended_on=ended_on,
        by=by,
        action=AuditEntry.Action.CREATE,
        summary_verb="zugeordnet",
    )


def _check_span(started_on: dt.date, ended_on: dt.date | None) -> None:
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("Das Ende liegt vor dem Beginn.")})


def _insert_mentorship(
    *,
    participation: Participation,
    organisation: Organisation,
    mentor: User,
    started_on: dt.date,
    ended_on: dt.date | None,
    by: User | None,
    action: str,
    summary_verb: str,
    closed_beside_running: bool = False,
) -> Mentorship:
    """Create the mentorship (the caller has checked who writes and the dates) and audit it as
    ``action`` („Mentoring … für Teilnahme … <summary_verb>“). A person accompanies a
    participation once at a time: refused while a mentorship of the same mentor runs, unless
    ``closed_beside_running`` (the import of a history) and this one has ended already."""
    may_overlap = closed_beside_running and ended_on is not None
    running = Mentorship.objects.filter(participation=participation, mentor=mentor, ended_on__isnull=True)
    if not may_overlap and running.exists():
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
        action=action,
        obj=mentorship,
        person=participation.person,
        summary=f"Mentoring {mentorship.pk} für Teilnahme {participation.pk} {summary_verb}",
        after=snapshot(mentorship, list(Mentorship.FIELDS)),
    )
    return mentorship


def _save_end(
    mentorship: Mentorship, ended_on: dt.date | None, *, by: User | None, action: str, summary: str
) -> Mentorship:
    """Set the end of ``mentorship`` (checked by the caller) and audit the change as ``action``."""
    before = snapshot(mentorship, list(Mentorship.FIELDS))
    mentorship.ended_on = ended_on
    mentorship.save(update_fields=["ended_on"])
    audit_write(
        actor=by,
        action=action,
        obj=mentorship,
        person=mentorship.participation.person,
        summary=summary,
        before=before,
        after=snapshot(mentorship, list(Mentorship.FIELDS)),
    )
    return mentorship


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, ended_on: dt.date, by: User | None) -> Mentorship:
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    require_mentorship_writer(by, mentorship)
    _check_span(mentorship.started_on, ended_on)
    return _save_end(
        mentorship,
        ended_on,
        by=by,
        action=AuditEntry.Action.UPDATE,
        summary=f"Mentoring {mentorship.pk} beendet",
    )


def _staff(mentorship: Mentorship, by: User | None) -> User:
    """Who had the contact: the writing user, or for a system write (demo, a file without a
    user) the mentorship's mentor, so that the log and the employer's contact history name
    someone."""
    return by if getattr(by, "pk", None) else mentorship.mentor


def _check_day(mentorship: Mentorship, occurred_on: dt.date) -> None:
    _not_future(occurred_on, "occurred_on")
    if occurred_on < mentorship.started_on or (mentorship.ended_on and occurred_on > mentorship.ended_on):
        raise ValidationError({"occurred_on": _("Das Datum liegt außerhalb des Mentorings.")})


def _record_contact(mentorship, employer, occurred_on, employer_topic, notes, by):
    from stufenweg.organisations.employer_services import employer_contact_record
    from stufenweg.organisations.models import EmployerContact

    if employer is None:
        raise ValidationError({"employer": _("Bitte einen Arbeitgeber aus dem Register wählen.")})
    contact = employer_contact_record(
        employer=employer,
        occurred_on=occurred_on,
        kind=ContactKind.OTHER,
        topic=employer_topic or "placement",
        by=by,
        notes=notes,
        participation=mentorship.participation,
        organisation=mentorship.organisation,
    )
    if contact.staff_id is None:  # a system write: the mentor had the contact
        contact.staff = mentorship.mentor
        EmployerContact.objects.filter(pk=contact.pk).update(staff=mentorship.mentor)
    return contact


@transaction.atomic
def mentoring_entry_record(
    *,
    mentorship: Mentorship,
    occurred_on: dt.date,
    kind: str,
    topic: str,
    by: User | None,
    notes: str = "",
    employer: Organisation | None = None,
    employer_topic: str = "",
) -> MentoringEntry:
    """A log entry; of kind „Arbeitgeberkontakt“ it records the contact in the employer's
    history (``organisations.employer_services.employer_contact_record``) and links it."""
    require_mentorship_writer(by, mentorship)
    _check_day(mentorship, occurred_on)
    contact = None
    if kind == EntryKind.EMPLOYER:
        contact = _record_contact(mentorship, employer, occurred_on, employer_topic, notes, by)
    elif employer is not None:
        raise ValidationError({"employer": _("Einen Arbeitgeber nur bei einem Arbeitgeberkontakt angeben.")})
    return _insert_entry(
        mentorship=mentorship,
        occurred_on=occurred_on,
        kind=kind,
        topic=topic,
        notes=notes,
        employer_contact=contact,
        staff=_staff(mentorship, by),
        by=by,
        action=AuditEntry.Action.CREATE,
        summary_verb="erfasst",
    )


def _insert_entry(
    *,
    mentorship: Mentorship,
    occurred_on: dt.date,
    kind: str,
    topic: str,
    notes: str | None,
    employer_contact,
    staff: User | None,
    by: User | None,
    action: str,
    summary_verb: str,
) -> MentoringEntry:
    """Create the log entry (the caller has checked who writes, the day and the employer
    contact) and audit it as ``action`` („Mentoring-Eintrag … zu Mentoring … <summary_verb>“).
    ``notes=None``: the writer brings no notes (the exchange format has none) and the audit does
    not speak of them; else they are audited only as „(verschlüsselt)“."""
    entry = MentoringEntry(
        mentorship=mentorship,
        occurred_on=occurred_on,
        kind=kind,
        topic=(topic or "").strip(),
        notes=(notes or "").strip(),
        employer_contact=employer_contact,
        staff=staff,
    )
    entry.full_clean()
    entry.save(force_insert=True)
    audit_write(
        actor=by,
        action=action,
        obj=entry,
        person=mentorship.participation.person,
        summary=f"Mentoring-Eintrag {entry.pk} zu Mentoring {mentorship.pk} {summary_verb}",
        after=snapshot(entry, list(MentoringEntry.FIELDS)) if notes is None else _entry_snapshot(entry),
    )
    return entry


def placements(participation: Participation):
    """The effective placements (employment starts) of ``participation``."""
    return (
        JourneyEvent.objects.filter(participation=participation, kind="employment_start")
        .filter(superseded_by__isnull=True)
        .order_by("-occurred_on", "-pk")
    )


@transaction.atomic
def after_placement_support_start(
    *,
    mentorship: Mentorship,
    placement: JourneyEvent,
    by: User | None,
    months: int | None = None,
) -> AfterPlacementSupport:
    require_mentorship_writer(by, mentorship)
    if placement is None or not placements(mentorship.participation).filter(pk=placement.pk).exists():
        raise ValidationError({"placement": _("Bitte eine Vermittlung dieser Teilnahme wählen.")})
    if AfterPlacementSupport.objects.filter(placement=placement).exists():
        raise ValidationError({"placement": _("Für diese Vermittlung läuft bereits eine Nachbetreuung.")})
    months = months or default_support_months(mentorship)
    _check_months(months)
    support = AfterPlacementSupport(
        participation=mentorship.participation,
        mentorship=mentorship,
        placement=placement,
        started_on=placement.occurred_on,
        months=months,
        until=add_months(placement.occurred_on, months),
    )
    support.full_clean()
    support.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=support,
        person=mentorship.participation.person,
        summary=f"Nachbetreuung {support.pk} für Teilnahme {support.participation_id} begonnen",
        after=snapshot(support, list(AfterPlacementSupport.FIELDS)),
    )
    return support


def _check_months(months) -> None:
    if months is None or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValidationError(
            {
                "months": _("Bitte %(min)s bis %(max)s Monate angeben.")
                % {"min": MIN_MONTHS, "max": MAX_MONTHS}
            }
        )


def default_support_months(mentorship: Mentorship) -> int:
    """The months of after-placement support the mentorship's project gives by default in the
    mentee's programme (``AftercareDefault``), else ``DEFAULT_SUPPORT_MONTHS``."""
    months = (
        AftercareDefault.objects.filter(
            organisation_id=mentorship.organisation_id,
            programme_id=mentorship.participation.programme_id,
        )
        .values_list("months", flat=True)
        .first()
    )
    return months or DEFAULT_SUPPORT_MONTHS


@transaction.atomic
def aftercare_default_set(
    *, organisation: Organisation, programme, months: int, by: User | None
) -> AftercareDefault:
    """Set how many months of after-placement support ``organisation`` (a mentoring project)
    gives by default in ``programme`` (its lead or the coordination office). Supports already
    running keep their months."""
    if organisation.kind != Organisation.Kind.MENTORING_PROJECT:
        raise ValidationError({"organisation": _("Bitte ein Mentorenprojekt wählen.")})
    require_default_setter(by, organisation)
    _check_months(months)
    row = (
        AftercareDefault.objects.select_for_update()
        .filter(organisation=organisation, programme=programme)
        .first()
    )
    before = snapshot(row, list(AftercareDefault.FIELDS)) if row else None
    if row is None:
        row = AftercareDefault(organisation=organisation, programme=programme, months=months)
    elif row.months == months:
        return row
    row.months = months
    row.changed_by = by if getattr(by, "pk", None) else None
    row.full_clean()
    row.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=row,
        summary=f"Nachbetreuung: {months} Monate als Standard von {organisation.code} in {programme.code}",
        before=before,
        after=snapshot(row, list(AftercareDefault.FIELDS)),
    )
    return row


def _entry_snapshot(entry: MentoringEntry) -> dict:
    data = snapshot(entry, list(MentoringEntry.FIELDS))
    data["notes"] = "(verschlüsselt)" if entry.notes else ""
    return data


@transaction.atomic
def mentoring_entry_correct(
    *,
    entry: MentoringEntry,
    occurred_on: dt.date,
    kind: str,
    topic: str,
    by: User | None,
    notes: str = "",
    employer: Organisation | None = None,
    employer_topic: str = "",
) -> MentoringEntry:
    """Correct a log entry (its author, the mentor, the project's lead:
    ``mentoring.authority.entry_editable``). The earlier version is kept
    (``MentoringEntryRevision``, notes encrypted) and the change audited. The linked employer
    contact is corrected with it (``employer_contact_update``; a changed employer is set on the
    contact, audited); an entry that becomes an employer contact records one, an employer contact
    that becomes another kind removes its contact from the employer's history (audited)."""
    from stufenweg.organisations.employer_services import employer_contact_update
    from stufenweg.organisations.models import EmployerContact

    entry = MentoringEntry.objects.select_for_update().select_related("mentorship").get(pk=entry.pk)
    mentorship = entry.mentorship
    require_entry_editor(by, entry)
    _check_day(mentorship, occurred_on)
    topic, notes = (topic or "").strip(), (notes or "").strip()
    contact = (
        EmployerContact.objects.select_related("employer").get(pk=entry.employer_contact_id)
        if entry.employer_contact_id
        else None
    )
    same = (
        entry.occurred_on == occurred_on
        and entry.kind == kind
        and entry.topic == topic
        and entry.notes == notes
        and (contact.employer_id if contact else None)
        == (employer.pk if employer and kind == EntryKind.EMPLOYER else None)
        and (contact is None or not employer_topic or contact.topic == employer_topic)
    )
    if same:
        return entry
    before = _entry_snapshot(entry)
    MentoringEntryRevision.objects.create(
        entry=entry,
        occurred_on=entry.occurred_on,
        kind=entry.kind,
        topic=entry.topic,
        notes=entry.notes,
        employer_id=contact.employer_id if contact else None,
        replaced_by=by if getattr(by, "pk", None) else None,
    )
    notes_before = entry.notes
    if kind == EntryKind.EMPLOYER:
        if employer is None:
            raise ValidationError({"employer": _("Bitte einen Arbeitgeber aus dem Register wählen.")})
        if contact is None:
            entry.employer_contact = _record_contact(
                mentorship, employer, occurred_on, employer_topic, notes, by
            )
        else:
            contact = employer_contact_update(
                contact=contact,
                occurred_on=occurred_on,
                kind=contact.kind,
                topic=employer_topic or contact.topic,
                notes=notes,
                programme=contact.programme,
                participation=contact.participation,
                by=by,
            )
            if contact.employer_id != employer.pk:
                if employer.kind != Organisation.Kind.EMPLOYER:
                    raise ValidationError({"employer": _("Bitte einen Arbeitgeber aus dem Register wählen.")})
                old = contact.employer.code
                contact.employer = employer
                contact.save(update_fields=["employer"])
                audit_write(
                    actor=by,
                    action=AuditEntry.Action.UPDATE,
                    obj=contact,
                    summary=f"Arbeitgeberkontakt {contact.pk}: Arbeitgeber {old} → {employer.code} "
                    f"(Mentoring-Eintrag {entry.pk} berichtigt)",
                    before={"employer": old},
                    after={"employer": employer.code},
                )
    else:
        if employer is not None:
            raise ValidationError(
                {"employer": _("Einen Arbeitgeber nur bei einem Arbeitgeberkontakt angeben.")}
            )
        if contact is not None:
            entry.employer_contact = None
            entry.save(update_fields=["employer_contact"])
            audit_write(
                actor=by,
                action=AuditEntry.Action.UPDATE,
                obj=contact,
                summary=f"Arbeitgeberkontakt {contact.pk} entfernt (Mentoring-Eintrag {entry.pk} ist "
                "kein Arbeitgeberkontakt)",
                before={"employer": contact.employer.code, "occurred_on": str(contact.occurred_on)},
            )
            contact.delete()
    entry.occurred_on, entry.kind, entry.topic, entry.notes = occurred_on, kind, topic, notes
    entry.corrected_at = timezone.now()
    entry.corrected_by = by if getattr(by, "pk", None) else None
    entry.full_clean()
    entry.save()
    after = _entry_snapshot(entry)
    if notes != notes_before:
        after["notes"] = "(verschlüsselt, geändert)" if notes else "(gelöscht)"
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=entry,
        person=mentorship.participation.person,
        summary=f"Mentoring-Eintrag {entry.pk} zu Mentoring {mentorship.pk} berichtigt",
        before=before,
        after=after,
    )
    return entry
