"""Why an event cannot stand where it stands in a journey: the German message of a refused
transition, naming the event that actually conflicts.

``rules.replay`` raises ``Refused`` from the state machine's check and asks ``refusal`` for the
error, which knows the events before and after the refused one and which events are being
recorded now (``check``):

- an event recorded earlier that no longer fits because an event recorded now comes before it
  (an exit dated before an extension or a stage change already recorded): the error is the new
  event's — its row in an import, its date in a form — and names the recorded event it
  conflicts with, kind and date;
- otherwise the refused event's own error, naming what put the journey in its state: the entry
  it lies before, the exit that ended the enrolment, the event since which the state holds.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from stufenweg.core.time import format_date
from stufenweg.journeys.codes import EventKind, State
from stufenweg.journeys.records import Ev, JourneyRuleError, JourneyState, RuleContext
from stufenweg.journeys.spec import KEEP, KINDS

K = EventKind
S = State
# kinds that need an open enrolment (``spec``: they follow only states in a measure)
NEED_OPEN = (K.EXIT, K.EXTENSION, K.INTERRUPTION, K.RESUMPTION, K.STAGE_CHANGE)


class Refused(JourneyRuleError):
    """The state machine refuses ``ev`` in the current state (``replay`` words the message)."""

    def __init__(self, ev: Ev):
        super().__init__("", field="occurred_on", event_key=ev.key, code="transition")


def refusal(
    st: JourneyState,
    ev: Ev,
    ctx: RuleContext,
    *,
    earlier: list[Ev],
    later: list[Ev],
    check: set[str] | None,
) -> JourneyRuleError:
    """The error for ``ev`` refused in state ``st`` (the state after ``earlier``)."""
    culprit = _recorded_now_before(st, ev, ctx, earlier, check)
    if culprit is not None:
        return JourneyRuleError(
            _conflict(st, ev, culprit), field="occurred_on", event_key=culprit.key, code="transition"
        )
    return JourneyRuleError(
        _message(st, ev, ctx, earlier, later), field="occurred_on", event_key=ev.key, code="transition"
    )


def _kinds(ctx: RuleContext):
    return ctx.kinds or KINDS


def _label(ev: Ev) -> str:
    return str(EventKind(ev.kind).label)


def _setter(st: JourneyState, ctx: RuleContext, earlier: list[Ev]) -> Ev | None:
    """The latest of ``earlier`` that put the journey into its current state."""
    kinds = _kinds(ctx)
    for e in reversed(earlier):
        if st.state_since is not None and e.occurred_on < st.state_since:
            break
        spec = kinds.get(e.kind)
        if spec is not None and spec.leads_to != KEEP and spec.state_after(e.result) == st.state:
            return e
    return None


def _recorded_now_before(
    st: JourneyState, ev: Ev, ctx: RuleContext, earlier: list[Ev], check: set[str] | None
) -> Ev | None:
    """The event recorded now that makes the already recorded ``ev`` impossible (None: ``ev`` is
    itself recorded now, or no event recorded now comes before it)."""
    if check is None or ev.key in check:
        return None
    new = [e for e in earlier if e.key in check]
    if not new:
        return None
    setter = _setter(st, ctx, earlier)
    if setter is not None and setter.key in check:
        return setter
    if st.open is None and st.closed and st.closed[-1].exit_key in check:
        return next(e for e in new if e.key == st.closed[-1].exit_key)
    return new[-1]


def _conflict(st: JourneyState, ev: Ev, culprit: Ev) -> str:
    values = {
        "kind": _label(culprit),
        "date": format_date(culprit.occurred_on),
        "other": _label(ev),
        "other_date": format_date(ev.occurred_on),
    }
    if ev.kind in NEED_OPEN and st.open is None:
        message = _(
            "„%(kind)s“ am %(date)s ist nicht möglich: Das bereits erfasste Ereignis „%(other)s“ am "
            "%(other_date)s setzt voraus, dass die Maßnahmeteilnahme dann noch offen ist."
        )
    else:
        values["state"] = State(st.state).label if st.state else "–"
        message = _(
            "„%(kind)s“ am %(date)s ist nicht möglich: Das bereits erfasste Ereignis „%(other)s“ am "
            "%(other_date)s wäre danach im Status „%(state)s“ nicht zulässig."
        )
    return (message % values) + " " + _("Bitte das Datum prüfen.")


def _message(st: JourneyState, ev: Ev, ctx: RuleContext, earlier: list[Ev], later: list[Ev]) -> str:
    """Why ``ev`` itself cannot follow the current state, as concretely as possible."""
    kind = _label(ev)
    date = format_date(ev.occurred_on)
    if st.state is None:
        first = next(
            (e for e in later if e.kind in _kinds(ctx) and _kinds(ctx)[e.kind].opens_participation), None
        )
        if first is not None:
            return _(
                "„%(kind)s“ am %(date)s liegt vor dem Beginn der Teilnahme („%(first)s“ am %(first_date)s)."
            ) % {
                "kind": kind,
                "date": date,
                "first": _label(first),
                "first_date": format_date(first.occurred_on),
            }
        return _(
            "„%(kind)s“ am %(date)s ist nicht möglich: In diesem Programm gibt es noch keine Teilnahme; zuerst Zuweisung oder Beginn der Eignungsfeststellung erfassen."
        ) % {"kind": kind, "date": date}
    if ev.kind == K.RESUMPTION:
        return _("Wiederaufnahme am %(date)s ist nicht möglich: Die Teilnahme ist nicht unterbrochen.") % {
            "date": date
        }
    if ev.kind in NEED_OPEN and st.open is None:
        entry = next((e for e in later if e.kind == K.ENTRY), None)
        if entry is not None:
            return _("„%(kind)s“ am %(date)s liegt vor dem Eintritt am %(entry)s.") % {
                "kind": kind,
                "date": date,
                "entry": format_date(entry.occurred_on),
            }
        if st.closed:
            return _(
                "„%(kind)s“ am %(date)s ist nicht möglich: Die Maßnahmeteilnahme endete mit „%(exit)s“ am %(exit_date)s."
            ) % {
                "kind": kind,
                "date": date,
                "exit": EventKind(K.EXIT).label,
                "exit_date": format_date(st.closed[-1].exited_on),
            }
        return _("„%(kind)s“ am %(date)s ist nicht möglich: Es gibt keine offene Maßnahmeteilnahme.") % {
            "kind": kind,
            "date": date,
        }
    if ev.kind == K.ENTRY and st.open is not None:
        measure = ctx.measures.get(st.open.measure_id)
        stage = ctx.stages.get(st.open.stage_id)
        return _(
            "Es besteht bereits eine offene Teilnahme an der Maßnahme %(measure)s (%(stage)s) seit %(since)s; zuerst Austritt oder Stufenwechsel erfassen."
        ) % {
            "measure": measure.code if measure else "?",
            "stage": stage.name if stage else "?",
            "since": format_date(st.open.entered_on),
        }
    if ev.kind == K.ENTRY and st.state in (S.EXITED, S.FOLLOWED_UP):
        return _("Nach dem Austritt ist vor einem neuen Eintritt eine Reaktivierung zu erfassen.")
    if ev.kind == K.ENTRY and st.state == S.REFERRED:
        return _("Ein Eintritt ist erst nach Beginn der Eignungsfeststellung möglich.")
    if ev.kind == K.INTERRUPTION and st.state == S.INTERRUPTED:
        return _("Die Teilnahme ist bereits seit %(since)s unterbrochen.") % {
            "since": format_date(st.state_since)
        }
    setter = _setter(st, ctx, earlier)
    if setter is not None:
        return _(
            "„%(kind)s“ am %(date)s ist nicht möglich: Seit „%(other)s“ am %(other_date)s ist der Status „%(state)s“."
        ) % {
            "kind": kind,
            "date": date,
            "other": _label(setter),
            "other_date": format_date(setter.occurred_on),
            "state": State(st.state).label,
        }
    return _("„%(kind)s“ am %(date)s ist im Status „%(state)s“ nicht zulässig.") % {
        "kind": kind,
        "date": date,
        "state": State(st.state).label,
    }
