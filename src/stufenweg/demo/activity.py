"""Steps: the "recent activity" slice, recorded through the single-event services.

``select_recent`` (before the bulk write) takes the last events of some journeys (dated from
``ctx.activity_from`` on, of kinds a caseworker records day to day) out of the plan;
``record_recent_activity`` (after it) records them one by one through ``journeys.services`` by
the named staff users of the plan, then adds a few corrections and retractions with reasons, so
the audit trail and the timeline show who recorded what.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings

from stufenweg.demo.context import DemoContext
from stufenweg.journeys import services
from stufenweg.journeys.authority import EventNotPermitted, recording_kinds
from stufenweg.journeys.codes import split_statuses
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.recording import journey_event_record
from stufenweg.organisations.models import Organisation

RECENT_KINDS = {
    "exit",
    "extension",
    "follow_up",
    "internship",
    "employment_start",
    "employment_end",
    "qualification",
    "interruption",
    "resumption",
    "assessment_result",
    "not_arrived",
}
TARGET_CALLS = 300


def select_recent(ctx: DemoContext) -> None:
    rng = ctx.rng_for("activity")
    may_record = _recorders(ctx)
    candidates = []
    for journey in ctx.plan.journeys:
        cut = len(journey.events)
        while cut > 0:
            event = journey.events[cut - 1]
            if event.on < ctx.activity_from or event.kind not in RECENT_KINDS or not may_record(event):
                break
            cut -= 1
        if cut < len(journey.events):
            candidates.append((journey, cut))
    rng.shuffle(candidates)
    wanted = ctx.scaled(TARGET_CALLS, minimum=10)
    taken = 0
    for journey, cut in candidates:
        if taken >= wanted:
            break
        suffix = journey.events[cut:]
        journey.events = journey.events[:cut]
        ctx.withheld.append((journey, suffix))
        taken += len(suffix)
    ctx.withheld.sort(key=lambda item: (item[1][0].on, item[0].person_id))
    ctx.say(f"Aktuelle Erfassungen vorgemerkt: {taken} Ereignisse in {len(ctx.withheld)} Verläufen")


def _recorders(ctx: DemoContext) -> Callable[[Any], bool]:
    """Whether the planned recorder's organisation kind records the event's kind
    (``journeys.authority``; the services check it). Where the plan has, say, a provider record a
    follow-up, the event stays in the history (the bulk path) instead of being recorded by them."""
    kind_of = {name: ctx.organisations[code].kind for code, names in ctx.staff.items() for name in names}
    return lambda event: kind_of.get(event.by) in recording_kinds(event.kind)


def record_recent_activity(ctx: DemoContext) -> None:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calls = 0
    for journey, events in ctx.withheld:
        participation = ctx.participations[(journey.person_id, journey.programme)]
        for event in events:
            _record(ctx, participation, journey.programme, event, tz)
            calls += 1
    calls += _corrections(ctx, tz)
    ctx.stats["service_calls"] = calls
    ctx.say(f"Aktuelle Erfassungen über die Services: {calls}")


def _record(ctx, participation, programme_code, event, tz) -> JourneyEvent:
    fields = dict(event.fields)
    for name in ("region", "referrer", "employer"):
        if name in fields:
            fields[name] = ctx.organisations[fields[name]] if name != "region" else ctx.regions[fields[name]]
    if "measure" in fields:
        fields["measure"] = ctx.measures[fields["measure"]]
    if "stage" in fields:
        fields["stage"] = ctx.stages[(programme_code, fields["stage"])]
    record = {
        "person": participation.person,
        "programme": participation.programme,
        "kind": event.kind,
        "occurred_on": event.on,
        "recorded_at": event.recorded_at.replace(tzinfo=tz),
        "event_id": event.key,
        # the plan enters people on any day, as imported history does; where a measure without
        # rolling entry is entered off its start dates, the recorder confirms it (as on the form)
        "confirm_entry_date": True,
        **fields,
    }
    try:
        return journey_event_record(by=ctx.users[event.by], **record)
    except EventNotPermitted:
        # the planned recorder's organisation does not see this participation (any more): the
        # coordination office records it, as it would in a programme
        return journey_event_record(by=_coordinator(ctx), **record)


def _coordinator(ctx: DemoContext):
    """A staff user of a coordination office of the demo (``None``: the system records)."""
    for code, names in sorted(ctx.staff.items()):
        if ctx.organisations[code].kind == Organisation.Kind.COORDINATION_OFFICE and names:
            return ctx.users[names[0]]
    return None


def _corrections(ctx: DemoContext, tz) -> int:
    """A handful of corrections and retractions, each with a reason, by named staff."""
    rng = ctx.rng_for("corrections")
    wanted = max(2, min(8, ctx.scaled(8)))
    calls = 0
    since = dt.date(ctx.end.year, 1, 1)
    recorded = dt.datetime.combine(ctx.end + dt.timedelta(days=3), dt.time(10, 0), tzinfo=tz)

    exits = list(
        JourneyEvent.objects.filter(
            kind="exit",
            occurred_on__gte=since,
            statuses="job_seeking",
            superseded_by__isnull=True,
            participation__programme__in=ctx.programmes.values(),
        )
        .select_related("participation__person", "participation__programme", "recorded_by")
        .order_by("event_id")[: wanted * 4]
    )
    for index, event in enumerate(rng.sample(exits, min(len(exits), wanted // 2 or 1))):
        services.journey_event_correct(
            event=event,
            by=event.recorded_by,
            reason="Minijob beim Austritt nachträglich gemeldet",
            statuses=[*split_statuses(event.statuses), "minijob"],
            event_id=f"{event.event_id}-K{index + 1}",
            recorded_at=recorded + dt.timedelta(minutes=index),
        )
        calls += 1

    internships = list(
        JourneyEvent.objects.filter(
            kind="internship",
            occurred_on__gte=since,
            superseded_by__isnull=True,
            end_date__isnull=False,
            participation__programme__in=ctx.programmes.values(),
        )
        .select_related("participation__person", "participation__programme", "recorded_by", "employer")
        .order_by("event_id")[: wanted * 4]
    )
    chosen = rng.sample(internships, min(len(internships), max(2, wanted // 2)))
    for index, event in enumerate(chosen):
        if index % 2 == 0:
            services.journey_event_correct(
                event=event,
                by=event.recorded_by,
                reason="Praktikum wurde um eine Woche verlängert",
                end_date=event.end_date + dt.timedelta(days=7),
                event_id=f"{event.event_id}-K1",
                recorded_at=recorded + dt.timedelta(hours=1, minutes=index),
            )
        else:
            duplicate = services.internship_record(
                participation=event.participation,
                on=event.occurred_on,
                by=event.recorded_by,
                employer=event.employer,
                end_date=event.end_date,
                first_labour_market=event.first_labour_market,
                event_id=f"{event.event_id}-D",
                recorded_at=recorded + dt.timedelta(hours=2, minutes=index),
            )
            services.journey_event_void(event=duplicate, by=event.recorded_by, reason="doppelt erfasst")
            calls += 1
        calls += 1
    return calls
