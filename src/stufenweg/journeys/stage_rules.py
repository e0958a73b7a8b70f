"""Stage rules checked when someone enters a stage or an enrolment is extended (DOMAIN.md §4):
the measure serves the stage and runs on the day, allowed next stage, age range, minimum
unemployment duration, maximum duration, extendable."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from stufenweg.core.time import add_months, age_on, format_date
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.records import Ev, JourneyRuleError, JourneyState, RuleContext, StageRule

K = EventKind


def stage_rule(ctx: RuleContext, stage_id: int | None, ev: Ev) -> StageRule:
    stage = ctx.stages.get(stage_id)
    if stage is None:
        raise JourneyRuleError(
            _("Diese Stufe gehört nicht zum Programm."), field="stage_id", event_key=ev.key
        )
    return stage


def check_stage_entry(st: JourneyState, ev: Ev, ctx: RuleContext, birth_date: dt.date | None) -> None:
    stage = stage_rule(ctx, ev.stage_id, ev)
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
    check_planned_end(stage, entered_on=ev.occurred_on, planned_end=ev.planned_end, ev=ev)
    check_programme_duration(st, ev, ctx, ev.planned_end or ev.occurred_on)


def check_programme_duration(st: JourneyState, ev: Ev, ctx: RuleContext, until: dt.date) -> None:
    """The programme's maximum duration over all stages (``RuleContext.max_months``), counted from
    the participation's first entry: no entry, stage change or planned end beyond it."""
    if ctx.max_months is None:
        return
    first = st.closed[0] if st.closed else st.open
    first_on = first.entered_on if first is not None else ev.occurred_on
    limit = add_months(first_on, ctx.max_months)
    if until > limit:
        raise JourneyRuleError(
            _(
                "Das Datum %(date)s überschreitet die Höchstdauer des Programms (%(months)s Monate ab dem ersten Eintritt am %(first)s, also spätestens %(limit)s)."
            )
            % {
                "date": format_date(until),
                "months": ctx.max_months,
                "first": format_date(first_on),
                "limit": format_date(limit),
            },
            field="planned_end" if until == ev.planned_end else "occurred_on",
            event_key=ev.key,
        )


def check_planned_end(stage: StageRule, *, entered_on: dt.date, planned_end: dt.date | None, ev: Ev) -> None:
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


def check_extension(st: JourneyState, ev: Ev, ctx: RuleContext) -> None:
    stage = stage_rule(ctx, st.open.stage_id, ev)
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
    check_planned_end(stage, entered_on=st.open.entered_on, planned_end=ev.planned_end, ev=ev)
    check_programme_duration(st, ev, ctx, ev.planned_end)
