"""The one write path for journeys (ARCHITECTURE.md habit 1): recording one event.

``journey_event_record`` validates an event against the rules (``rules.py``) and the checks here
(capacity, a measure's start dates, end dates, reason codes, who may write), appends it, updates
the projection and writes the audit row in one transaction. The named actions of DOMAIN.md §4 that
call it are in ``services.py``. A refused event raises ``JourneyRuleError`` (a ``ValidationError``)
and writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.core.time import format_date
from stufenweg.journeys.authority import check_may_write, referral_fields
from stufenweg.journeys.codes import EventKind, join_statuses
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.projection import (
    PROJECTED_FIELDS,
    events_by_participation,
    rule_context,
    write_projection,
)
from stufenweg.journeys.regions import region_before
from stufenweg.journeys.rules import Ev, JourneyRuleError, check_new_event, check_supersession, replay
from stufenweg.journeys.spec import OPENING_KINDS, RECORDED_FIELDS, too_long
from stufenweg.organisations.models import User
from stufenweg.people.models import Person
from stufenweg.programmes.entry_dates import entry_date_problem
from stufenweg.programmes.models import Measure, Programme
from stufenweg.programmes.reason_codes import active_codes, reason_code_problem

K = EventKind
# The event's fields a caller gives, in the order of events.csv (``spec.RECORDED_FIELDS``).
EVENT_FIELDS = [f.name for f in RECORDED_FIELDS]


def measure_occupied_on(*, measure: Measure, on: dt.date, exclude_participation_id: int | None = None) -> int:
    """Places taken in ``measure`` on day ``on`` (an exit on that day frees the place)."""
    queryset = Enrolment.objects.filter(measure=measure, entered_on__lte=on).exclude(exited_on__lte=on)
    if exclude_participation_id is not None:
        queryset = queryset.exclude(participation_id=exclude_participation_id)
    return queryset.count()


def check_capacity(
    *, measure: Measure, on: dt.date, participation_id: int | None, confirm_overbooking: bool
) -> None:
    occupied = measure_occupied_on(measure=measure, on=on, exclude_participation_id=participation_id)
    if occupied < measure.places:
        return
    if measure.allow_overbooking and confirm_overbooking:
        return
    message = _(
        "Die Maßnahme %(measure)s ist am %(date)s voll belegt (%(taken)s von %(places)s Plätzen)."
    ) % {"measure": measure.code, "date": format_date(on), "taken": occupied, "places": measure.places}
    if measure.allow_overbooking:
        message += " " + _("Eine Überbelegung ist zulässig, muss aber ausdrücklich bestätigt werden.")
    raise JourneyRuleError(message, field="measure", code="capacity")


def check_entry_date(*, measure: Measure, on: dt.date, confirm_entry_date: bool) -> None:
    """An entry into a measure without rolling entry on a day that is not one of its start dates
    (``programmes.entry_dates``) needs ``confirm_entry_date``, as an overbooking needs
    ``confirm_overbooking``."""
    if confirm_entry_date:
        return
    message = entry_date_problem(measure, on)
    if message:
        raise JourneyRuleError(message, field="occurred_on", code="start_date")


def _enters_measure(kind: str, event: JourneyEvent, participation: Participation, created: bool) -> bool:
    """Whether the event takes the person into its measure: an entry, or a stage change into
    another measure. A correction that keeps the measure and the day asks nothing new (recorded
    facts stay facts)."""
    old = event.supersedes
    if old is not None and old.measure_id == event.measure_id and old.occurred_on == event.occurred_on:
        return False
    if kind == K.ENTRY:
        return True
    moving = created or participation.current_measure_id != event.measure_id
    return kind == K.STAGE_CHANGE and event.measure_id is not None and moving


def _ev(event: JourneyEvent) -> Ev:
    supersedes = event.supersedes.event_id if event.supersedes_id else None
    return Ev.from_event(event, order=2**62, supersedes=supersedes)


@transaction.atomic
def journey_event_record(
    *,
    person: Person,
    programme: Programme,
    kind: str,
    occurred_on: dt.date,
    by: User | None,
    recorded_at: dt.datetime | None = None,
    event_id: str | None = None,
    supersedes: JourneyEvent | None = None,
    confirm_overbooking: bool = False,
    confirm_entry_date: bool = False,
    audit_summary: str = "",
    **fields,
) -> JourneyEvent:
    """Validate and append one journey event; update the projection; audit. All or nothing.

    ``by`` must be allowed to write the event (``authority.check_may_write``: organisation kinds
    per event kind, a correction or void by the kind it changes; ``EventNotPermitted`` otherwise);
    a referral follows the Jobcenter's rules (``authority.referral_fields``). ``by=None`` is a
    system write. An overbooking needs ``confirm_overbooking``, an entry outside a measure's start
    dates ``confirm_entry_date``."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    if "statuses" in fields and not isinstance(fields["statuses"], str):
        fields["statuses"] = join_statuses(fields["statuses"])

    participation = (
        Participation.objects.select_for_update().filter(person=person, programme=programme).first()
    )
    created = participation is None
    if created and kind not in OPENING_KINDS:
        raise JourneyRuleError(
            _(
                "„%(kind)s“ ist nicht möglich: In diesem Programm gibt es zu der Person noch keine Teilnahme; "
                "zuerst Zuweisung oder Beginn der Eignungsfeststellung erfassen."
            )
            % {"kind": EventKind(kind).label},
            field="kind",
            code="transition",
        )
    check_may_write(by=by, participation=None if created else participation, kind=kind, supersedes=supersedes)
    if kind == K.REFERRAL:
        fields = referral_fields(by=by, participation=None if created else participation, fields=fields)
    for name, value in fields.items():
        message = too_long(name, value)
        if message:
            raise JourneyRuleError(message, field=name, code="max_length")
    _check_end_date(occurred_on, fields.get("end_date"))
    if fields.get("reason_code"):
        _check_reason_code(programme, kind, fields["reason_code"], supersedes)
    if created:
        participation = Participation.objects.create(person=person, programme=programme)
    before = snapshot(participation, PROJECTED_FIELDS)

    event = JourneyEvent(
        participation=participation,
        kind=kind,
        occurred_on=occurred_on,
        recorded_by=by,
        recorded_at=recorded_at or timezone.now(),
        supersedes=supersedes,
        **fields,
    )
    if event_id:
        event.event_id = event_id
    try:
        # Constraints are the rules' last line of defence in the database; the rules below say
        # the same in words, so model validation checks fields only.
        event.full_clean(exclude=["participation"], validate_constraints=False)
    except ValidationError as exc:
        raise JourneyRuleError(_first_message(exc), field=_first_field(exc), code="invalid") from None
    if supersedes is not None and supersedes.participation_id != participation.id:
        raise JourneyRuleError(
            _("Das ersetzte Ereignis gehört zu einer anderen Teilnahme."), field="supersedes"
        )

    existing = events_by_participation([participation.id]).get(participation.id, [])
    ctx = rule_context(programme.id)
    if event.region_id is None and event.measure_id is None:
        event.region_id = region_before(existing, _ev(event), ctx.measures) or participation.region_id
    new = _ev(event)
    check_new_event(new, today=timezone.localdate())
    check_supersession(new, {e.key: e for e in existing})
    effective_kind = supersedes.kind if kind == K.VOID and supersedes else kind
    if effective_kind in (K.ENTRY, K.STAGE_CHANGE) and kind != K.VOID:
        check_capacity(
            measure=event.measure,
            on=occurred_on,
            participation_id=participation.id,
            confirm_overbooking=confirm_overbooking,
        )
        if _enters_measure(effective_kind, event, participation, created):
            check_entry_date(measure=event.measure, on=occurred_on, confirm_entry_date=confirm_entry_date)
    state = replay([*existing, new], ctx, birth_date=person.birth_date, check={new.key})

    event.save(force_insert=True)
    write_projection([(participation, state)])
    action = (
        AuditEntry.Action.VOID
        if kind == K.VOID
        else AuditEntry.Action.CORRECT
        if supersedes
        else AuditEntry.Action.EVENT
    )
    audit_write(
        actor=by,
        action=action,
        obj=event,
        person=person,
        summary=audit_summary or f"{EventKind(kind).label} am {format_date(occurred_on)} ({programme.code})",
        before=before,
        after={**snapshot(participation, PROJECTED_FIELDS), "event": snapshot(event)},
    )
    return event


def _check_end_date(occurred_on: dt.date, end_date: dt.date | None) -> None:
    """An internship or a fixed-term employment does not end before it begins."""
    if end_date is not None and end_date < occurred_on:
        raise JourneyRuleError(
            _("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
            % {"end": format_date(end_date), "start": format_date(occurred_on)},
            field="end_date",
            code="invalid",
        )


def _check_reason_code(programme: Programme, kind: str, code: str, supersedes: JourneyEvent | None) -> None:
    """A reason code names an active code of the programme's list for the kind; a correction may
    keep the code of the event it corrects (``programmes.reason_codes``: the same check as the
    import's)."""
    allowed = active_codes([programme.pk]).get(programme.pk, {})
    kept = supersedes.reason_code if supersedes is not None else ""
    message = reason_code_problem(kind, code, allowed, kept=kept)
    if message:
        raise JourneyRuleError(message, field="reason_code", code="reason_code")


def _first_field(exc: ValidationError) -> str | None:
    return next(iter(exc.message_dict), None) if hasattr(exc, "error_dict") else None


def _first_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        field, messages = next(iter(exc.message_dict.items()))
        label = JourneyEvent._meta.get_field(field).verbose_name if field != "__all__" else ""
        return f"{label}: {messages[0]}" if label else messages[0]
    return exc.messages[0]
