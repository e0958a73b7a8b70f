"""The journey actions (ARCHITECTURE.md habit 1).

The named functions are the actions of DOMAIN.md §4 with typed keyword arguments, plus the
correction and the void of an event and the assignment of a caseworker; forms, API and import call
them. Each records its event through the one write path, ``recording.journey_event_record``. A
refused action raises ``JourneyRuleError`` (a ``ValidationError``) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.codes import EventKind, join_statuses
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.recording import EVENT_FIELDS, journey_event_record
from stufenweg.journeys.rules import JourneyRuleError
from stufenweg.organisations.models import Organisation, Region, User
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure, Programme, Stage

K = EventKind


# --- the actions of DOMAIN.md §4, one function each --------------------------------------------


def participation_refer(
    *,
    person: Person,
    programme: Programme,
    on: dt.date,
    referrer: Organisation,
    by: User | None,
    region: Region | None = None,
    **extra,
) -> JourneyEvent:
    return journey_event_record(
        person=person,
        programme=programme,
        kind=K.REFERRAL,
        occurred_on=on,
        by=by,
        referrer=referrer,
        region=region,
        **extra,
    )


def participation_not_arrived(
    *, participation: Participation, on: dt.date, by: User | None, **extra
) -> JourneyEvent:
    return _record(participation, K.NOT_ARRIVED, on, by, **extra)


def participation_start_assessment(
    *,
    person: Person,
    programme: Programme,
    on: dt.date,
    by: User | None,
    region: Region | None = None,
    **extra,
) -> JourneyEvent:
    return journey_event_record(
        person=person,
        programme=programme,
        kind=K.ASSESSMENT_START,
        occurred_on=on,
        by=by,
        region=region,
        **extra,
    )


def participation_assessment_result(
    *,
    participation: Participation,
    on: dt.date,
    result: str,
    by: User | None,
    stage: Stage | None = None,
    **extra,
) -> JourneyEvent:
    return _record(participation, K.ASSESSMENT_RESULT, on, by, result=result, stage=stage, **extra)


def participation_waitlist(
    *, participation: Participation, on: dt.date, stage: Stage | None, by: User | None, **extra
) -> JourneyEvent:
    return _record(participation, K.WAITLIST, on, by, stage=stage, **extra)


def enrolment_enter(
    *,
    participation: Participation,
    measure: Measure,
    stage: Stage,
    on: dt.date,
    by: User | None,
    planned_end: dt.date | None = None,
    employment_status: str = "",
    unemployed_since: dt.date | None = None,
    benefit: str = "",
    confirm_overbooking: bool = False,
    confirm_entry_date: bool = False,
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.ENTRY,
        on,
        by,
        measure=measure,
        stage=stage,
        planned_end=planned_end,
        employment_status=employment_status,
        unemployed_since=unemployed_since,
        benefit=benefit,
        confirm_overbooking=confirm_overbooking,
        confirm_entry_date=confirm_entry_date,
        **extra,
    )


def enrolment_change_stage(
    *,
    participation: Participation,
    measure: Measure,
    stage: Stage,
    on: dt.date,
    change: str,
    by: User | None,
    planned_end: dt.date | None = None,
    confirm_overbooking: bool = False,
    confirm_entry_date: bool = False,
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.STAGE_CHANGE,
        on,
        by,
        measure=measure,
        stage=stage,
        change=change,
        planned_end=planned_end,
        confirm_overbooking=confirm_overbooking,
        confirm_entry_date=confirm_entry_date,
        **extra,
    )


def enrolment_extend(
    *,
    participation: Participation,
    on: dt.date,
    planned_end: dt.date,
    by: User | None,
    reason: str = "",
    reason_code: str = "",
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.EXTENSION,
        on,
        by,
        planned_end=planned_end,
        reason=reason,
        reason_code=reason_code,
        **extra,
    )


def enrolment_interrupt(
    *, participation: Participation, on: dt.date, by: User | None, reason: str = "", **extra
) -> JourneyEvent:
    return _record(participation, K.INTERRUPTION, on, by, reason=reason, **extra)


def enrolment_resume(
    *, participation: Participation, on: dt.date, by: User | None, reason: str = "", **extra
) -> JourneyEvent:
    return _record(participation, K.RESUMPTION, on, by, reason=reason, **extra)


def enrolment_exit(
    *,
    participation: Participation,
    on: dt.date,
    kind: str,
    by: User | None,
    statuses: list[str] | tuple[str, ...] = (),
    reason: str = "",
    reason_code: str = "",
    qualification: bool | None = None,
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.EXIT,
        on,
        by,
        exit_kind=kind,
        statuses=join_statuses(statuses),
        reason=reason,
        reason_code=reason_code,
        qualification=qualification,
        **extra,
    )


def participation_reactivate(
    *, participation: Participation, on: dt.date, by: User | None, **extra
) -> JourneyEvent:
    return _record(participation, K.REACTIVATION, on, by, **extra)


def internship_record(
    *,
    participation: Participation,
    on: dt.date,
    by: User | None,
    employer: Organisation | None,
    end_date: dt.date | None = None,
    first_labour_market: bool | None = True,
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.INTERNSHIP,
        on,
        by,
        employer=employer,
        end_date=end_date,
        first_labour_market=first_labour_market,
        **extra,
    )


def employment_start_record(
    *,
    participation: Participation,
    on: dt.date,
    kind: str,
    by: User | None,
    employer: Organisation | None = None,
    hours: Decimal | None = None,
    end_date: dt.date | None = None,
    benefit_effect: str = "",
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.EMPLOYMENT_START,
        on,
        by,
        employment_kind=kind,
        employer=employer,
        hours=hours,
        end_date=end_date,
        benefit_effect=benefit_effect,
        **extra,
    )


def employment_end_record(
    *, participation: Participation, on: dt.date, by: User | None, **extra
) -> JourneyEvent:
    return _record(participation, K.EMPLOYMENT_END, on, by, **extra)


def qualification_record(
    *, participation: Participation, on: dt.date, what: str, by: User | None, **extra
) -> JourneyEvent:
    return _record(participation, K.QUALIFICATION, on, by, reason=what, **extra)


def follow_up_record(
    *,
    participation: Participation,
    on: dt.date,
    by: User | None,
    statuses: list[str] | tuple[str, ...] = (),
    reached: bool = True,
    source: str = "",
    **extra,
) -> JourneyEvent:
    return _record(
        participation,
        K.FOLLOW_UP,
        on,
        by,
        statuses=join_statuses(statuses),
        reached=reached,
        source=source,
        **extra,
    )


def journey_event_correct(*, event: JourneyEvent, by: User | None, reason: str, **changes) -> JourneyEvent:
    """Record a corrected version of ``event`` that supersedes it. ``changes`` override its fields."""
    if not reason.strip():
        raise JourneyRuleError(_("Bitte den Grund der Korrektur angeben."), field="reason")
    values = {name: getattr(event, name) for name in EVENT_FIELDS}
    values.update(changes)
    occurred_on = values.pop("occurred_on", event.occurred_on)
    participation = event.participation
    return journey_event_record(
        person=participation.person,
        programme=participation.programme,
        kind=event.kind,
        occurred_on=occurred_on,
        by=by,
        supersedes=event,
        audit_summary=f"Korrektur von {event.event_id}: {reason}"[:255],
        **values,
    )


def journey_event_void(
    *, event: JourneyEvent, by: User | None, reason: str, on: dt.date | None = None
) -> JourneyEvent:
    """Retract ``event``. The void is itself an event; nothing is deleted."""
    if not reason.strip():
        raise JourneyRuleError(_("Bitte den Grund der Rücknahme angeben."), field="reason")
    participation = event.participation
    return journey_event_record(
        person=participation.person,
        programme=participation.programme,
        kind=K.VOID,
        occurred_on=on or min(event.occurred_on, timezone.localdate()),
        by=by,
        supersedes=event,
        reason=reason,
        audit_summary=f"Rücknahme von {event.event_id}: {reason}"[:255],
    )


def participation_assign_caseworker(
    *, participation: Participation, caseworker: User | None, by: User | None
) -> Participation:
    with transaction.atomic():
        before = {"caseworker_id": participation.caseworker_id}
        participation.caseworker = caseworker
        participation.save(update_fields=["caseworker"])
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=participation,
            person=participation.person,
            summary="Fallverantwortung zugewiesen",
            before=before,
            after={"caseworker_id": participation.caseworker_id},
        )
    return participation


def _record(participation: Participation, kind: str, on: dt.date, by: User | None, **fields) -> JourneyEvent:
    return journey_event_record(
        person=participation.person,
        programme=participation.programme,
        kind=kind,
        occurred_on=on,
        by=by,
        **fields,
    )
