"""The journey's rules, in one place: which event may follow which state, and the stage rules.

Everything here is pure Python over small records, without database access, so that the same
code validates a single form submission, a whole import of a million events, and the rebuild of
the projection. ``replay`` walks a participation's effective events in order, applies the
transition table and the stage rules, and returns the resulting state or raises
``JourneyRuleError`` with a German message naming the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stufenweg.core.time import add_months, age_on, format_date
from stufenweg.journeys.codes import STATUS_ORDER, EventKind, State, split_statuses

K = EventKind
S = State
KEEP = "keep"

# The state machine (DOMAIN.md §4): event kind -> (states it may follow, resulting state).
# ``None`` as a source state means "no participation yet". KEEP leaves the state unchanged.
ALL_STATES = frozenset(State.values)
TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    K.REFERRAL: (frozenset({None, S.NOT_ARRIVED, S.NOT_SUITABLE, S.EXITED, S.FOLLOWED_UP}), S.REFERRED),
    K.NOT_ARRIVED: (frozenset({S.REFERRED}), S.NOT_ARRIVED),
    K.ASSESSMENT_START: (frozenset({None, S.REFERRED}), S.IN_ASSESSMENT),
    K.ASSESSMENT_RESULT: (frozenset({S.IN_ASSESSMENT}), KEEP),  # suitable / not_suitable, see below
    K.WAITLIST: (frozenset({S.IN_ASSESSMENT, S.SUITABLE, S.WAITING}), S.WAITING),
    K.ENTRY: (frozenset({S.IN_ASSESSMENT, S.SUITABLE, S.WAITING}), S.IN_STAGE),
    K.STAGE_CHANGE: (frozenset({S.IN_STAGE}), S.IN_STAGE),
    K.EXTENSION: (frozenset({S.IN_STAGE, S.INTERRUPTED}), KEEP),
    K.INTERRUPTION: (frozenset({S.IN_STAGE}), S.INTERRUPTED),
    K.RESUMPTION: (frozenset({S.INTERRUPTED}), S.IN_STAGE),
    K.EXIT: (frozenset({S.IN_STAGE, S.INTERRUPTED}), S.EXITED),
    K.REACTIVATION: (frozenset({S.EXITED, S.FOLLOWED_UP}), S.SUITABLE),
    K.INTERNSHIP: (ALL_STATES, KEEP),
    K.EMPLOYMENT_START: (ALL_STATES, KEEP),
    K.EMPLOYMENT_END: (ALL_STATES, KEEP),
    K.QUALIFICATION: (ALL_STATES, KEEP),
    K.FOLLOW_UP: (frozenset({S.EXITED, S.FOLLOWED_UP}), S.FOLLOWED_UP),
}

# Fields each event kind must carry (model field names).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    K.ASSESSMENT_RESULT: ("result",),
    K.ENTRY: ("measure_id", "stage_id"),
    K.STAGE_CHANGE: ("measure_id", "stage_id", "change"),
    K.EXTENSION: ("planned_end",),
    K.EXIT: ("exit_kind",),
    K.EMPLOYMENT_START: ("employment_kind",),
    K.VOID: ("supersedes",),
}

FIELD_LABELS = {
    "result": "Ergebnis",
    "measure_id": "Maßnahme",
    "stage_id": "Stufe",
    "change": "Art des Wechsels",
    "planned_end": "geplantes Ende",
    "exit_kind": "Austrittsart",
    "employment_kind": "Beschäftigungsart",
    "supersedes": "ersetztes Ereignis",
    "occurred_on": "Datum",
    "statuses": "Status",
    "unemployed_since": "arbeitslos seit",
}


class JourneyRuleError(ValidationError):
    """A refused journey action. ``field`` is the model field the message belongs to (or None)."""

    def __init__(
        self, message: str, *, field: str | None = None, event_key: str | None = None, code: str = "rule"
    ):
        self.field = field
        self.event_key = event_key
        self.rule_message = message
        field_name = field.removesuffix("_id") if field else None
        super().__init__({field_name: [message]} if field_name else message, code=code)

    def __str__(self) -> str:
        return self.rule_message


@dataclass(slots=True)
class Ev:
    """The parts of an event the rules look at (built from a model row or an import row)."""

    key: str
    kind: str
    occurred_on: dt.date
    recorded_at: dt.datetime
    order: int = 0
    supersedes: str | None = None
    region_id: int | None = None
    measure_id: int | None = None
    stage_id: int | None = None
    referrer_id: int | None = None
    result: str = ""
    planned_end: dt.date | None = None
    employment_status: str = ""
    unemployed_since: dt.date | None = None
    change: str = ""
    exit_kind: str = ""
    statuses: str = ""
    employment_kind: str = ""

    FIELDS = (
        "event_id",
        "kind",
        "occurred_on",
        "recorded_at",
        "id",
        "supersedes__event_id",
        "region_id",
        "measure_id",
        "stage_id",
        "referrer_id",
        "result",
        "planned_end",
        "employment_status",
        "unemployed_since",
        "change",
        "exit_kind",
        "statuses",
        "employment_kind",
    )

    @classmethod
    def from_values(cls, row: dict[str, Any]) -> Ev:
        """From a ``JourneyEvent.objects.values(*Ev.FIELDS)`` row."""
        return cls(
            key=row["event_id"],
            kind=row["kind"],
            occurred_on=row["occurred_on"],
            recorded_at=row["recorded_at"],
            order=row["id"] or 0,
            supersedes=row["supersedes__event_id"],
            region_id=row["region_id"],
            measure_id=row["measure_id"],
            stage_id=row["stage_id"],
            referrer_id=row["referrer_id"],
            result=row["result"],
            planned_end=row["planned_end"],
            employment_status=row["employment_status"],
            unemployed_since=row["unemployed_since"],
            change=row["change"],
            exit_kind=row["exit_kind"],
            statuses=row["statuses"],
            employment_kind=row["employment_kind"],
        )

    @classmethod
    def from_event(cls, event, *, order: int, supersedes: str | None) -> Ev:
        """From an unsaved (or saved) ``JourneyEvent``; ``supersedes`` is the superseded event's key."""
        return cls(
            key=event.event_id,
            kind=event.kind,
            occurred_on=event.occurred_on,
            recorded_at=event.recorded_at,
            order=order,
            supersedes=supersedes,
            region_id=event.region_id,
            measure_id=event.measure_id,
            stage_id=event.stage_id,
            referrer_id=event.referrer_id,
            result=event.result,
            planned_end=event.planned_end,
            employment_status=event.employment_status,
            unemployed_since=event.unemployed_since,
            change=event.change,
            exit_kind=event.exit_kind,
            statuses=event.statuses,
            employment_kind=event.employment_kind,
        )


@dataclass(frozen=True, slots=True)
class StageRule:
    id: int
    code: str
    name: str
    position: int
    max_months: int | None
    min_age: int | None
    max_age: int | None
    min_unemployed_months: int | None
    extendable: bool
    next_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    id: int
    code: str
    name: str
    programme_id: int
    stage_ids: frozenset[int]
    region_id: int
    start: dt.date
    end: dt.date | None


@dataclass(slots=True)
class RuleContext:
    programme_id: int
    stages: dict[int, StageRule]
    measures: dict[int, MeasureInfo]


@dataclass(slots=True)
class OpenEnrolment:
    entry_key: str
    measure_id: int
    stage_id: int
    entered_on: dt.date
    planned_end: dt.date | None
    extensions: int = 0
    interrupted_since: dt.date | None = None
    exited_on: dt.date | None = None
    exit_key: str | None = None
    exit_kind: str = ""


@dataclass(slots=True)
class JourneyState:
    state: str | None = None
    state_since: dt.date | None = None
    region_id: int | None = None
    waiting_stage_id: int | None = None
    open: OpenEnrolment | None = None
    closed: list[OpenEnrolment] = field(default_factory=list)
    unemployed_since: dt.date | None = None
    last_event_on: dt.date | None = None

    @property
    def enrolments(self) -> list[OpenEnrolment]:
        return [*self.closed, *([self.open] if self.open else [])]


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
        _apply(st, ev, ctx, birth_date, ordered[index + 1 :], strict)
    return st


def _apply(
    st: JourneyState,
    ev: Ev,
    ctx: RuleContext,
    birth_date: dt.date | None,
    later: list[Ev],
    strict: bool,
) -> None:
    allowed, target = TRANSITIONS[ev.kind]
    if st.state not in allowed:
        raise JourneyRuleError(
            _refusal(st, ev, ctx, later), field="occurred_on", event_key=ev.key, code="transition"
        )

    if ev.kind in (K.ENTRY, K.STAGE_CHANGE):
        if strict:
            _check_stage_entry(st, ev, ctx, birth_date)
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
            _check_extension(st, ev, ctx)
        st.open.planned_end = ev.planned_end
        st.open.extensions += 1
    elif ev.kind == K.INTERRUPTION:
        st.open.interrupted_since = ev.occurred_on
    elif ev.kind == K.RESUMPTION:
        st.open.interrupted_since = None
    elif ev.kind == K.EXIT:
        if ev.occurred_on < st.open.entered_on:  # cannot happen after sorting, kept as a guard
            raise JourneyRuleError(
                _("Der Austritt liegt vor dem Eintritt."), field="occurred_on", event_key=ev.key
            )
        _close(st, ev, exit_kind=ev.exit_kind)
    elif ev.kind == K.WAITLIST:
        st.waiting_stage_id = ev.stage_id
    elif ev.kind == K.ASSESSMENT_RESULT:
        target = S.SUITABLE if ev.result == "suitable" else S.NOT_SUITABLE
    elif ev.kind == K.REACTIVATION:
        st.waiting_stage_id = None

    region = ev.region_id or (
        ctx.measures[ev.measure_id].region_id if ev.measure_id in ctx.measures else None
    )
    if region:
        st.region_id = region
    if target != KEEP and (target != st.state or ev.kind == K.STAGE_CHANGE):
        st.state = target
        st.state_since = ev.occurred_on
    st.last_event_on = ev.occurred_on


def _close(st: JourneyState, ev: Ev, *, exit_kind: str) -> None:
    enrolment = st.open
    enrolment.exited_on = ev.occurred_on
    enrolment.exit_key = ev.key
    enrolment.exit_kind = exit_kind
    enrolment.interrupted_since = None
    st.closed.append(enrolment)
    st.open = None


def _stage(ctx: RuleContext, stage_id: int | None, ev: Ev) -> StageRule:
    stage = ctx.stages.get(stage_id)
    if stage is None:
        raise JourneyRuleError(
            _("Diese Stufe gehört nicht zum Programm."), field="stage_id", event_key=ev.key
        )
    return stage


def _check_stage_entry(st: JourneyState, ev: Ev, ctx: RuleContext, birth_date: dt.date | None) -> None:
    stage = _stage(ctx, ev.stage_id, ev)
    measure = ctx.measures.get(ev.measure_id)
    if measure is None:
        raise JourneyRuleError(
            _("Diese Maßnahme gehört nicht zum Programm."), field="measure_id", event_key=ev.key
        )
    if stage.id not in measure.stage_ids:
        raise JourneyRuleError(
            _("Die Maßnahme %(measure)s bietet die Stufe „%(stage)s“ nicht an.")
            % {"measure": measure.code, "stage": stage.name},
            field="measure_id",
            event_key=ev.key,
        )
    if ev.occurred_on < measure.start or (measure.end and ev.occurred_on > measure.end):
        raise JourneyRuleError(
            _(
                "Die Maßnahme %(measure)s läuft vom %(start)s bis %(end)s; ein Eintritt am %(date)s ist nicht möglich."
            )
            % {
                "measure": measure.code,
                "start": format_date(measure.start),
                "end": format_date(measure.end),
                "date": format_date(ev.occurred_on),
            },
            field="occurred_on",
            event_key=ev.key,
        )
    if ev.kind == K.STAGE_CHANGE and st.open is not None:
        current = ctx.stages.get(st.open.stage_id)
        if current is not None and current.next_ids and stage.id not in current.next_ids:
            names = ", ".join(sorted(ctx.stages[i].name for i in current.next_ids if i in ctx.stages))
            raise JourneyRuleError(
                _("Von „%(from)s“ ist ein Wechsel nach „%(to)s“ nicht vorgesehen (zulässig: %(allowed)s).")
                % {"from": current.name, "to": stage.name, "allowed": names},
                field="stage_id",
                event_key=ev.key,
            )
    if birth_date is not None and (stage.min_age is not None or stage.max_age is not None):
        age = age_on(birth_date, ev.occurred_on)
        if stage.min_age is not None and age < stage.min_age:
            raise JourneyRuleError(
                _(
                    "Für „%(stage)s“ gilt ein Mindestalter von %(limit)s Jahren bei Eintritt; die Person ist am %(date)s %(age)s Jahre alt."
                )
                % {
                    "stage": stage.name,
                    "limit": stage.min_age,
                    "date": format_date(ev.occurred_on),
                    "age": age,
                },
                field="stage_id",
                event_key=ev.key,
            )
        if stage.max_age is not None and age > stage.max_age:
            raise JourneyRuleError(
                _(
                    "Für „%(stage)s“ gilt ein Höchstalter von %(limit)s Jahren bei Eintritt; die Person ist am %(date)s %(age)s Jahre alt."
                )
                % {
                    "stage": stage.name,
                    "limit": stage.max_age,
                    "date": format_date(ev.occurred_on),
                    "age": age,
                },
                field="stage_id",
                event_key=ev.key,
            )
    if stage.min_unemployed_months:
        since = ev.unemployed_since or st.unemployed_since
        if since is None:
            raise JourneyRuleError(
                _(
                    "Für „%(stage)s“ ist eine Arbeitslosigkeit von mindestens %(months)s Monaten Voraussetzung; „arbeitslos seit“ fehlt."
                )
                % {"stage": stage.name, "months": stage.min_unemployed_months},
                field="unemployed_since",
                event_key=ev.key,
            )
        if add_months(since, stage.min_unemployed_months) > ev.occurred_on:
            raise JourneyRuleError(
                _(
                    "Für „%(stage)s“ ist eine Arbeitslosigkeit von mindestens %(months)s Monaten Voraussetzung; arbeitslos seit %(since)s reicht bei Eintritt am %(date)s nicht."
                )
                % {
                    "stage": stage.name,
                    "months": stage.min_unemployed_months,
                    "since": format_date(since),
                    "date": format_date(ev.occurred_on),
                },
                field="unemployed_since",
                event_key=ev.key,
            )
    _check_planned_end(stage, entered_on=ev.occurred_on, planned_end=ev.planned_end, ev=ev)


def _check_planned_end(stage: StageRule, *, entered_on: dt.date, planned_end: dt.date | None, ev: Ev) -> None:
    if planned_end is None:
        return
    if planned_end < entered_on:
        raise JourneyRuleError(
            _("Das geplante Ende %(end)s liegt vor dem Eintritt am %(date)s.")
            % {"end": format_date(planned_end), "date": format_date(entered_on)},
            field="planned_end",
            event_key=ev.key,
        )
    if stage.max_months is not None:
        limit = add_months(entered_on, stage.max_months)
        if planned_end > limit:
            raise JourneyRuleError(
                _(
                    "Das geplante Ende %(end)s überschreitet die Höchstdauer von „%(stage)s“ (%(months)s Monate, also spätestens %(limit)s)."
                )
                % {
                    "end": format_date(planned_end),
                    "stage": stage.name,
                    "months": stage.max_months,
                    "limit": format_date(limit),
                },
                field="planned_end",
                event_key=ev.key,
            )


def _check_extension(st: JourneyState, ev: Ev, ctx: RuleContext) -> None:
    stage = _stage(ctx, st.open.stage_id, ev)
    if not stage.extendable:
        raise JourneyRuleError(
            _("Die Stufe „%(stage)s“ kann nicht verlängert werden.") % {"stage": stage.name},
            field="planned_end",
            event_key=ev.key,
        )
    if st.open.planned_end and ev.planned_end <= st.open.planned_end:
        raise JourneyRuleError(
            _("Das neue geplante Ende muss nach dem bisherigen (%(end)s) liegen.")
            % {"end": format_date(st.open.planned_end)},
            field="planned_end",
            event_key=ev.key,
        )
    if ev.planned_end < ev.occurred_on:
        raise JourneyRuleError(
            _("Das neue geplante Ende %(end)s liegt vor dem Datum der Verlängerung.")
            % {"end": format_date(ev.planned_end)},
            field="planned_end",
            event_key=ev.key,
        )
    _check_planned_end(stage, entered_on=st.open.entered_on, planned_end=ev.planned_end, ev=ev)


def _refusal(st: JourneyState, ev: Ev, ctx: RuleContext, later: list[Ev]) -> str:
    """A message that says why ``ev`` cannot follow the current state, as concretely as possible."""
    kind = EventKind(ev.kind).label
    date = format_date(ev.occurred_on)
    if st.state is None:
        return _(
            "„%(kind)s“ am %(date)s ist nicht möglich: In diesem Programm gibt es noch keine Teilnahme; zuerst Zuweisung oder Beginn der Eignungsfeststellung erfassen."
        ) % {"kind": kind, "date": date}
    if ev.kind in (K.EXIT, K.EXTENSION, K.INTERRUPTION, K.STAGE_CHANGE) and st.open is None:
        entry = next((e for e in later if e.kind in (K.ENTRY, K.STAGE_CHANGE)), None)
        if entry is not None:
            return _("„%(kind)s“ am %(date)s liegt vor dem Eintritt am %(entry)s.") % {
                "kind": kind,
                "date": date,
                "entry": format_date(entry.occurred_on),
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
    if ev.kind == K.RESUMPTION:
        return _("Wiederaufnahme am %(date)s ist nicht möglich: Die Teilnahme ist nicht unterbrochen.") % {
            "date": date
        }
    if ev.kind == K.INTERRUPTION and st.state == S.INTERRUPTED:
        return _("Die Teilnahme ist bereits seit %(since)s unterbrochen.") % {
            "since": format_date(st.state_since)
        }
    return _("„%(kind)s“ am %(date)s ist im Status „%(state)s“ nicht zulässig.") % {
        "kind": kind,
        "date": date,
        "state": State(st.state).label,
    }
