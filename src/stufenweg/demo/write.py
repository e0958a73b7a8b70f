"""Steps: plan the journeys, write persons and households (bulk_create), write the journeys through
the bulk path (``journeys.bulk.journey_events_bulk_append``, same rules as the UI), assign
caseworkers (bulk update plus one audit row per participation)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.demo.catalogue import PROGRAMMES
from stufenweg.demo.context import DemoContext
from stufenweg.demo.flow import Occupancy, Plan, Planner
from stufenweg.demo.population import PersonFactory, PlannedPerson, household_months
from stufenweg.journeys.bulk import BulkRuleErrors, journey_events_bulk_append
from stufenweg.journeys.bulk_events import NewEvent
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.people.models import Household, HouseholdMonth, Person

BATCH_JOURNEYS = 400
FK_FIELDS = {"region", "referrer", "employer", "measure", "stage"}


class DemoDataError(Exception):
    """The generated demo data broke a journey rule (a bug in the generator)."""


def plan_journeys(ctx: DemoContext) -> None:
    factory = PersonFactory(ctx.rng_for("persons"))
    occupancy = Occupancy(ctx.end)
    plan = Plan()
    for definition in PROGRAMMES:
        before = len(plan.journeys)
        Planner(ctx, definition, factory, occupancy, ctx.rng_for(f"flow:{definition['code']}")).plan(plan)
        ctx.stats[f"journeys:{definition['code']}"] = len(plan.journeys) - before
    ctx.plan = plan
    events = sum(len(j.events) for j in plan.journeys)
    ctx.say(f"Geplant: {len(plan.persons)} Personen, {len(plan.journeys)} Teilnahmen, {events} Ereignisse")


def write_persons(ctx: DemoContext) -> None:
    plan = ctx.plan
    households = {h.household_id: Household(household_id=h.household_id) for h in plan.households}
    Household.objects.bulk_create(households.values(), batch_size=1000)
    if any(h.pk is None for h in households.values()):
        households = {h.household_id: h for h in Household.objects.filter(household_id__in=list(households))}
    rows = [_person(p, households) for p in plan.persons]
    Person.objects.bulk_create(rows, batch_size=1000)
    if any(p.pk is None for p in rows):
        rows = list(Person.objects.filter(person_id__in=[p.person_id for p in plan.persons]))
    ctx.persons = {p.person_id: p for p in rows}
    rng = ctx.rng_for("household-months")
    months = [
        HouseholdMonth(household=households[h.household_id], month=month, members=members, llu=llu, kdu=kdu)
        for h in plan.households
        for month, members, llu, kdu in household_months(h, until=ctx.end.replace(day=1), rng=rng)
    ]
    HouseholdMonth.objects.bulk_create(months, batch_size=2000)
    ctx.say(
        f"Personen: {len(rows)}, Bedarfsgemeinschaften: {len(households)}, Leistungsmonate: {len(months)}"
    )


def _person(p: PlannedPerson, households: dict) -> Person:
    values = {name: getattr(p, name) for name in PlannedPerson.PERSON_FIELDS}
    return Person(**values, household=households.get(p.household_id))


def write_journeys(ctx: DemoContext) -> None:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    ids = _id_maps(ctx)
    journeys = ctx.plan.journeys
    total = 0
    for start in range(0, len(journeys), BATCH_JOURNEYS):
        chunk = journeys[start : start + BATCH_JOURNEYS]
        batch: dict[tuple[int, int], list[NewEvent]] = {}
        births: dict[int, dt.date] = {}
        for journey in chunk:
            person = ctx.persons[journey.person_id]
            programme = ctx.programmes[journey.programme]
            births[person.pk] = person.birth_date
            batch[(person.pk, programme.pk)] = [
                NewEvent(to_model(event, journey.programme, ids, ctx, tz)) for event in journey.events
            ]
        try:
            total += journey_events_bulk_append(
                journeys=batch, birth_dates=births, by=None, audit_summary="Demodaten"
            )
        except BulkRuleErrors as exc:
            shown = "\n".join(f"  {p.event_key} [{p.field}]: {p.message}" for p in exc.problems[:20])
            raise DemoDataError(f"{len(exc.problems)} Regelverstöße in den Demodaten:\n{shown}") from exc
        ctx.say(
            f"Verläufe: {min(start + BATCH_JOURNEYS, len(journeys))}/{len(journeys)} ({total} Ereignisse)"
        )
    ctx.stats["bulk_events"] = total


def _id_maps(ctx: DemoContext) -> dict:
    return {
        "region": {code: r.pk for code, r in ctx.regions.items()},
        "referrer": {code: o.pk for code, o in ctx.organisations.items()},
        "employer": {code: o.pk for code, o in ctx.organisations.items()},
        "measure": {code: m.pk for code, m in ctx.measures.items()},
        "users": {name: u.pk for name, u in ctx.users.items()},
    }


def to_model(event, programme_code: str, ids: dict, ctx: DemoContext, tz) -> JourneyEvent:
    """An unsaved ``JourneyEvent`` from a planned event (codes resolved to ids)."""
    values = {}
    for name, value in event.fields.items():
        if name == "stage":
            values["stage_id"] = ctx.stages[(programme_code, value)].pk
        elif name in FK_FIELDS:
            values[f"{name}_id"] = ids[name][value]
        else:
            values[name] = value
    return JourneyEvent(
        event_id=event.key,
        kind=event.kind,
        occurred_on=event.on,
        recorded_at=event.recorded_at.replace(tzinfo=tz),
        recorded_by_id=ids["users"].get(event.by),
        **values,
    )


def assign_caseworkers(ctx: DemoContext) -> None:
    """Caseload: bulk update of ``Participation.caseworker`` plus one audit row each.

    (The single-row service ``participation_assign_caseworker`` does the same per row; for a few
    thousand participations the bulk form keeps loading fast.)"""
    by_person = {p.pk: person_id for person_id, p in ctx.persons.items()}
    codes = {p.pk: code for code, p in ctx.programmes.items()}
    wanted = {(j.person_id, j.programme): ctx.users[j.caseworker].pk for j in ctx.plan.journeys}
    rows = list(Participation.objects.filter(programme__in=ctx.programmes.values()))
    by_caseworker: dict[int, list[int]] = {}
    for participation in rows:
        key = (by_person[participation.person_id], codes[participation.programme_id])
        participation.caseworker_id = wanted[key]
        ctx.participations[key] = participation
        by_caseworker.setdefault(participation.caseworker_id, []).append(participation.pk)
    for caseworker_id, ids in by_caseworker.items():  # one UPDATE per caseworker
        for start in range(0, len(ids), 900):
            Participation.objects.filter(pk__in=ids[start : start + 900]).update(caseworker_id=caseworker_id)
    now = timezone.now()
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                at=now,
                actor=None,
                actor_label="system",
                action=AuditEntry.Action.UPDATE,
                object_type="journeys.participation",
                object_id=str(p.pk),
                person_id=p.person_id,
                summary="Fallverantwortung zugewiesen (Demodaten)",
                before={"caseworker_id": None},
                after={"caseworker_id": p.caseworker_id},
            )
            for p in rows
        ],
        batch_size=2000,
    )
    ctx.say(f"Fallverantwortung: {len(rows)} Teilnahmen zugeordnet")
