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
from stufenweg.mentoring.authority import require_assigner, require_mentorship_writer
from stufenweg.mentoring.models import (
    DEFAULT_SUPPORT_MONTHS,
    AfterPlacementSupport,
    EntryKind,
    MentoringEntry,
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
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("Das Ende liegt vor dem Beginn.")})
    if Mentorship.objects.filter(participation=participation, mentor=mentor, ended_on__isnull=True).exists():
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
        action=AuditEntry.Action.CREATE,
        obj=mentorship,
        person=participation.person,
        summary=f"Mentoring {mentorship.pk} für Teilnahme {participation.pk} zugeordnet",
        after=snapshot(mentorship, list(Mentorship.FIELDS)),
    )
    return mentorship


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, ended_on: dt.date, by: User | None) -> Mentorship:
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    require_mentorship_writer(by, mentorship)
    before = snapshot(mentorship, list(Mentorship.FIELDS))
    if ended_on < mentorship.started_on:
        raise ValidationError({"ended_on": _("Das Ende liegt vor dem Beginn.")})
    mentorship.ended_on = ended_on
    mentorship.save(update_fields=["ended_on"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=mentorship,
        person=mentorship.participation.person,
        summary=f"Mentoring {mentorship.pk} beendet",
        before=before,
        after=snapshot(mentorship, list(Mentorship.FIELDS)),
    )
    return mentorship


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
    from stufenweg.organisations.employer_services import employer_contact_record

    require_mentorship_writer(by, mentorship)
    _not_future(occurred_on, "occurred_on")
    if occurred_on < mentorship.started_on or (mentorship.ended_on and occurred_on > mentorship.ended_on):
        raise ValidationError({"occurred_on": _("Das Datum liegt außerhalb des Mentorings.")})
    contact = None
    if kind == EntryKind.EMPLOYER:
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
    elif employer is not None:
        raise ValidationError({"employer": _("Einen Arbeitgeber nur bei einem Arbeitgeberkontakt angeben.")})
    entry = MentoringEntry(
        mentorship=mentorship,
        occurred_on=occurred_on,
        kind=kind,
        topic=(topic or "").strip(),
        notes=(notes or "").strip(),
        employer_contact=contact,
        staff=by if getattr(by, "pk", None) else None,
    )
    entry.full_clean()
    entry.save(force_insert=True)
    after = snapshot(entry, list(MentoringEntry.FIELDS))
    after["notes"] = "(verschlüsselt)" if entry.notes else ""
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=entry,
        person=mentorship.participation.person,
        summary=f"Mentoring-Eintrag {entry.pk} zu Mentoring {mentorship.pk} erfasst",
        after=after,
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
    months = months or DEFAULT_SUPPORT_MONTHS
    if not 1 <= months <= 36:
        raise ValidationError({"months": _("Bitte 1 bis 36 Monate angeben.")})
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
