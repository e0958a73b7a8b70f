"""The journey's rules, in one place: which event may follow which state, and the stage rules.

Everything here is pure Python over small records, without database access, so that the same
code validates a single form submission, a whole import of a million events, and the rebuild of
the projection. ``replay`` walks a participation's effective events in order, applies the
transition table and the stage rules, and returns the resulting state or raises
``JourneyRuleError`` with a German message naming the field.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from stufenweg.core.time import format_date
from stufenweg.journeys.codes import STATUS_ORDER, EventKind, State, split_statuses
from stufenweg.journeys.records import (
    Ev,
    JourneyRuleError,
    JourneyState,
    MeasureInfo,
    OpenEnrolment,
    RuleContext,
    StageRule,
)
from stufenweg.journeys.refusals import Refused, refusal
from stufenweg.journeys.spec import FIELDS, KEEP, KINDS, required_fields, transitions
from stufenweg.journeys.stage_rules import check_extension, check_stage_entry

__all__ = [
    "Ev",
    "JourneyRuleError",
    "JourneyState",
    "MeasureInfo",
    "OpenEnrolment",
    "RuleContext",
    "StageRule",
    "TRANSITIONS",
    "REQUIRED_FIELDS",
    "check_new_event",
    "check_supersession",
    "effective",
    "replay",
]

K = EventKind
S = State

# The state machine (DOMAIN.md §4), generated from ``spec.KINDS``: event kind -> (states it may
# follow, resulting state). ``None`` as a source state means "no participation yet". KEEP leaves
# the state unchanged (the assessment result's state depends on its result: ``KindSpec.state_after``).
TRANSITIONS: dict[str, tuple[frozenset, str]] = transitions()

# Fields each event kind must carry (``Ev``'s names), generated from ``spec.KINDS``.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = required_fields()

FIELD_LABELS = {f.rule_name: f.label for f in FIELDS}


def effective(events: list[Ev]) -> list[Ev]:
    """Drop superseded events and voids; order by date, then recording time, then source order."""
    superseded = {e.supersedes for e in events if e.supersedes}
    kept = [e for e in events if e.key not in superseded and e.kind != K.VOID]
    kept.sort(key=lambda e: (e.occurred_on, e.recorded_at, e.order))
    return kept


def check_supersession(new: Ev, existing: dict[str, Ev]) -> None:
    """A correction or void must name an existing, not yet superseded event of the same journey."""
    if new.kind == K.VOID and not new.supersedes:
        raise JourneyRuleError(
            _("Eine Rücknahme muss das zurückgenommene Ereignis nennen."),
            field="supersedes",
            event_key=new.key,
        )
    if not new.supersedes:
        return
    target = existing.get(new.supersedes)
    if target is None:
        raise JourneyRuleError(
            _("Das ersetzte Ereignis %(key)s gibt es in diesem Verlauf nicht.") % {"key": new.supersedes},
            field="supersedes",
            event_key=new.key,
        )
    if any(e.supersedes == target.key and e.key != new.key for e in existing.values()):
        raise JourneyRuleError(
            _("Das Ereignis %(key)s wurde bereits ersetzt; bitte die neueste Fassung korrigieren.")
            % {"key": target.key},
            field="supersedes",
            event_key=new.key,
        )
    if target.kind == K.VOID:
        raise JourneyRuleError(
            _("Eine Rücknahme kann nicht korrigiert werden."), field="supersedes", event_key=new.key
        )
    if new.kind != K.VOID and new.kind != target.kind:
        raise JourneyRuleError(
            _("Eine Korrektur muss dieselbe Ereignisart haben wie das korrigierte Ereignis (%(kind)s).")
            % {"kind": EventKind(target.kind).label},
            field="kind",
            event_key=new.key,
        )


def check_new_event(ev: Ev, *, today: dt.date) -> None:
    """Checks that apply to an event as it is recorded (not when old events are replayed)."""
    if ev.occurred_on > today:
        raise JourneyRuleError(
            _("Das Datum %(date)s liegt in der Zukunft.") % {"date": format_date(ev.occurred_on)},
            field="occurred_on",
            event_key=ev.key,
        )
    for name in REQUIRED_FIELDS.get(ev.kind, ()):
        if not getattr(ev, name):
            raise JourneyRuleError(
                _("Für „%(kind)s“ fehlt die Angabe „%(field)s“.")
                % {"kind": EventKind(ev.kind).label, "field": FIELD_LABELS.get(name, name)},
                field=name,
                event_key=ev.key,
            )
    unknown = [code for code in split_statuses(ev.statuses) if code not in STATUS_ORDER]
    if unknown:
        raise JourneyRuleError(
            _("Unbekannter Status „%(code)s“.") % {"code": unknown[0]},
            field="statuses",
            event_key=ev.key,
        )


def replay(
    events: list[Ev],
    ctx: RuleContext,
    *,
    birth_date: dt.date | None,
    check: set[str] | None = None,
) -> JourneyState:
    """Apply the effective events in order; return the state or raise ``JourneyRuleError``.

    The state machine is checked for every event. Stage rules (age, duration, measure, next
    stage) are checked for the events whose key is in ``check`` (``None``: all) – the ones being
    recorded now – because a fact recorded under last year's rules stays a fact when a rule
    changes.
    """
    ordered = effective(events)
    st = JourneyState()
    for index, ev in enumerate(ordered):
        strict = check is None or ev.key in check
        try:
            _apply(st, ev, ctx, birth_date, ordered[index + 1 :], strict)
        except Refused:
            raise refusal(
                st, ev, ctx, earlier=ordered[:index], later=ordered[index + 1 :], check=check
            ) from None
    return st


def _apply(
    st: JourneyState,
    ev: Ev,
    ctx: RuleContext,
    birth_date: dt.date | None,
    later: list[Ev],
    strict: bool,
) -> None:
    spec = (ctx.kinds or KINDS)[ev.kind]
    target = spec.transition_target
    if not spec.may_follow(st.state, exited_before=st.exited_before):
        raise Refused(ev)  # worded by ``replay``, which knows the events around it
    if spec.moves_from is not None and st.state not in spec.moves_from:
        target = KEEP

    if ev.kind in (K.ENTRY, K.STAGE_CHANGE):
        if strict:
            check_stage_entry(st, ev, ctx, birth_date)
        if ev.kind == K.STAGE_CHANGE:
            _close(st, ev, exit_kind="regular" if ev.change == "planned" else "early_neutral")
        if ev.unemployed_since:
            st.unemployed_since = ev.unemployed_since
        st.open = OpenEnrolment(
            entry_key=ev.key,
            measure_id=ev.measure_id,
            stage_id=ev.stage_id,
            entered_on=ev.occurred_on,
            planned_end=ev.planned_end,
        )
        st.waiting_stage_id = None
    elif ev.kind == K.EXTENSION:
        if strict:
            check_extension(st, ev, ctx)
        st.open.planned_end = ev.planned_end
        st.open.extensions += 1
    elif ev.kind == K.INTERRUPTION:
        st.open.interrupted_since = ev.occurred_on
    elif ev.kind == K.RESUMPTION:
        st.open.interrupted_since = None
    elif ev.kind == K.EXIT and st.open is None:
        _close_before_entry(st, ev, later)
    elif ev.kind == K.EXIT:
        if ev.occurred_on < st.open.entered_on:  # cannot happen after sorting, kept as a guard
            raise JourneyRuleError(
                _("Der Austritt liegt vor dem Eintritt."), field="occurred_on", event_key=ev.key
            )
        _close(st, ev, exit_kind=ev.exit_kind)
        st.exited_before = True
    elif ev.kind == K.WAITLIST:
        st.waiting_stage_id = ev.stage_id
    elif ev.kind == K.ASSESSMENT_RESULT:
        target = spec.state_after(ev.result)
    elif ev.kind == K.REACTIVATION:
        st.waiting_stage_id = None
    elif ev.kind == K.FOLLOW_UP and ev.reached is False:
        target = KEEP  # not reached: the follow-up is still to be done

    region = ev.region_id or (
        ctx.measures[ev.measure_id].region_id if ev.measure_id in ctx.measures else None
    )
    if region:
        st.region_id = region
    if target != KEEP and (target != st.state or ev.kind == K.STAGE_CHANGE):
        st.state = target
        st.state_since = ev.occurred_on
    st.last_event_on = ev.occurred_on


def _close_before_entry(st: JourneyState, ev: Ev, later: list[Ev]) -> None:
    """An exit with no open enrolment: the participation ends before an entry (withdrawn, moved,
    not reachable, into work or training). A stage entry after it needs a return to the programme
    first, so an exit dated before the journey's next entry is that entry's exit, misdated."""
    nxt = next((e for e in later if e.kind in _RETURN_OR_ENTRY), None)
    if nxt is not None and nxt.kind in (K.ENTRY, K.STAGE_CHANGE):
        raise JourneyRuleError(
            _("„%(kind)s“ am %(date)s liegt vor dem Eintritt am %(entry)s.")
            % {
                "kind": EventKind(ev.kind).label,
                "date": format_date(ev.occurred_on),
                "entry": format_date(nxt.occurred_on),
            },
            field="occurred_on",
            event_key=ev.key,
            code="transition",
        )
    st.closures.append(ev.key)
    st.exited_before = True
    st.waiting_stage_id = None


_RETURN_OR_ENTRY = (K.ENTRY, K.STAGE_CHANGE, K.REFERRAL, K.ASSESSMENT_START, K.REACTIVATION)


def _close(st: JourneyState, ev: Ev, *, exit_kind: str) -> None:
    enrolment = st.open
    enrolment.exited_on = ev.occurred_on
    enrolment.exit_key = ev.key
    enrolment.exit_kind = exit_kind
    enrolment.interrupted_since = None
    st.closed.append(enrolment)
    st.open = None
