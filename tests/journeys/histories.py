"""Random accepted journey histories for the property tests (hypothesis).

A history is a list of steps, each recorded either through the single-event service
(``recording.journey_event_record``, ``services.journey_event_correct``,
``services.journey_event_void``) or through
the bulk path of the importer (``bulk.journey_events_bulk_append``, one batch per step). Steps the
rules refuse are simply refused; what is written is therefore always an accepted history. Several
persons share one history, so the SQL must keep their journeys apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from hypothesis import strategies as st

from stufenweg.journeys import services
from stufenweg.journeys.bulk import BulkRuleErrors, journey_events_bulk_append
from stufenweg.journeys.bulk_events import NewEvent
from stufenweg.journeys.models import JourneyEvent, Participation, new_event_id
from stufenweg.journeys.recording import journey_event_record
from stufenweg.journeys.rules import JourneyRuleError
from tests.factories import PersonFactory

START = dt.date(2021, 1, 4)
EXIT_KINDS = ("regular", "early_negative", "early_positive", "early_neutral")
JOB_KINDS = ("svb", "minijob", "vocational_training", "self_employed")

# what opens and closes enrolments and spells more often than the rest
WEIGHTS = {
    "refer": 1,
    "assess": 1,
    "not_arrived": 1,
    "result": 1,
    "waitlist": 1,
    "enter": 4,
    "change": 3,
    "extend": 2,
    "interrupt": 1,
    "resume": 1,
    "exit": 4,
    "reactivate": 3,
    "job": 3,
    "job_end": 2,
    "follow_up": 1,
    "correct": 3,
    "void": 2,
    "next": 12,  # the natural next step in the participation's state (NATURAL)
}
# what usually follows each state (chosen by the step's pick), so that journeys get deep: entries,
# stage changes, exits, reactivations and re-referrals, not only refused steps
NATURAL = {
    None: ("refer", "assess"),
    "referred": ("assess", "assess", "not_arrived"),
    "not_arrived": ("refer",),
    "in_assessment": ("enter", "result", "enter", "waitlist"),
    "not_suitable": ("refer",),
    "suitable": ("enter", "waitlist"),
    "waiting": ("enter",),
    "in_stage": ("exit", "change", "extend", "interrupt"),
    "interrupted": ("resume", "exit"),
    "exited": ("reactivate", "follow_up", "refer", "reactivate"),
    "followed_up": ("reactivate", "refer"),
}


def steps_with(**weights: int) -> st.SearchStrategy:
    """Lists of steps (action, days since the previous step, a choice 0..3, which person, through
    the bulk path), the actions drawn with ``WEIGHTS`` changed by ``weights``."""
    actions = [action for action, weight in (WEIGHTS | weights).items() for _ in range(weight)]
    step = st.tuples(
        st.sampled_from(actions), st.integers(0, 45), st.integers(0, 3), st.integers(0, 1), st.booleans()
    )
    return st.lists(step, min_size=10, max_size=40)


steps = steps_with()
# fields a correction copies from the event it corrects (everything but keys and recording)
COPIED = tuple(
    f.attname
    for f in JourneyEvent._meta.concrete_fields
    if f.attname
    not in (
        "id",
        "event_id",
        "kind",
        "participation_id",
        "supersedes_id",
        "recorded_at",
        "recorded_by_id",
        "occurred_on",
    )
)


@dataclass
class History:
    """What was played: the persons and the moments between steps (for recorded-on cut-offs)."""

    world: object
    persons: list
    moments: list[dt.datetime] = field(default_factory=list)

    def participations(self) -> list[Participation]:
        return list(Participation.objects.filter(person__in=self.persons, programme=self.world.programme))


def open_up(world) -> None:
    """Room in every measure and a change from every stage to every other one: capacity and the
    stage order are not what these tests are about, enrolments that open and close are."""
    for measure in (world.measure_a, world.measure_b, world.measure_m):
        measure.places = 100
        measure.save()
    stages = (world.s2, world.s3, world.s4)
    for stage in stages:
        stage.next_stages.set([other for other in stages if other != stage])


def play(world, drawn, *, persons: int = 2, bulk: bool | None = None, after=None) -> History:
    """Each person is referred and assessed first, then the drawn steps follow. ``bulk``: every
    step through the bulk path (True) or the services (False) instead of as drawn; ``after(history)``
    is called after each step."""
    open_up(world)
    history = History(world, [PersonFactory() for _ in range(persons)])
    opening = [(a, 0, 0, who, who % 2 == 1) for who in range(persons) for a in ("refer", "assess")]
    day = START
    for action, gap, pick, who, through_bulk in [*opening, *drawn]:
        day += dt.timedelta(days=gap)
        person = history.persons[who % persons]
        record_step(world, person, action, day, pick, gap, bulk=through_bulk if bulk is None else bulk)
        history.moments.append(timezone.now())
        if after is not None:
            after(history)
    return history


def _choice(world, pick: int):
    return [
        (world.measure_a, world.s3),
        (world.measure_b, world.s4),
        (world.measure_a, world.s2),
        (world.measure_m, world.s4),
    ][pick]


def new_event(
    world, action: str, day: dt.date, pick: int, planned_end: dt.date | None = None
) -> tuple[str, dict]:
    """The kind and fields of a new event for ``action`` (``planned_end``: of the open enrolment)."""
    measure, stage = _choice(world, pick)
    return {
        "refer": ("referral", {"referrer": world.jobcenter_a, "region": world.region_a}),
        "assess": ("assessment_start", {}),
        "not_arrived": ("not_arrived", {}),
        "result": ("assessment_result", {"result": "not_suitable" if pick == 3 else "suitable"}),
        "waitlist": ("waitlist", {"stage": stage}),
        "enter": (
            "entry",
            {
                "measure": measure,
                "stage": stage,
                "planned_end": day + dt.timedelta(days=180),
                "employment_status": "unemployed",
                "unemployed_since": dt.date(2019, 1, 1),
            },
        ),
        "change": (
            "stage_change",
            {
                "measure": measure,
                "stage": stage,
                "change": "unplanned" if pick % 2 else "planned",
                "planned_end": day + dt.timedelta(days=150),
            },
        ),
        "extend": ("extension", {"planned_end": (planned_end or day) + dt.timedelta(days=20 + 20 * pick)}),
        "interrupt": ("interruption", {}),
        "resume": ("resumption", {}),
        "exit": ("exit", {"exit_kind": EXIT_KINDS[pick], "statuses": "job_seeking" if pick else ""}),
        "reactivate": ("reactivation", {}),
        "job": (
            "employment_start",
            {
                "employment_kind": JOB_KINDS[pick],
                "end_date": day + dt.timedelta(days=90) if pick % 2 else None,
            },
        ),
        "job_end": ("employment_end", {}),
        "follow_up": ("follow_up", {"statuses": "employed_svb", "reached": pick != 3}),
    }[action]


def correction(target: JourneyEvent, pick: int) -> dict:
    """Changed fields of a correction of ``target``: another date, and what makes a difference to
    enrolments and spells (exit kind, kind of change, end of a job)."""
    changes: dict = {"occurred_on": target.occurred_on + dt.timedelta(days=(-2, 0, 3, 10)[pick])}
    if target.kind == "exit":
        changes["exit_kind"] = EXIT_KINDS[(EXIT_KINDS.index(target.exit_kind) + 1 + pick) % len(EXIT_KINDS)]
    elif target.kind == "stage_change":
        changes["change"] = "planned" if target.change == "unplanned" else "unplanned"
    elif target.kind == "employment_start":
        changes["end_date"] = None if target.end_date else target.occurred_on + dt.timedelta(days=30 + pick)
    return changes


def record_step(world, person, action: str, day: dt.date, pick: int, gap: int, *, bulk: bool) -> None:
    participation = Participation.objects.filter(person=person, programme=world.programme).first()
    if action == "next":
        choices = NATURAL[participation.state if participation else None]
        action = choices[pick % len(choices)]
    if action in ("correct", "void"):
        if participation is None:
            return
        current = list(
            JourneyEvent.objects.filter(participation=participation, superseded_by__isnull=True)
            .exclude(kind="void")
            .order_by("id")
        )
        if not current:
            return
        target = current[gap % len(current)]
        if action == "void":
            kind, values, on = "void", {"reason": "Test"}, target.occurred_on
        else:
            changes = correction(target, pick)
            on = changes.pop("occurred_on")
            kind, values = target.kind, {name: getattr(target, name) for name in COPIED} | changes
        try:
            if bulk:
                _bulk(person, world, kind, on, values, supersedes=target)
            elif action == "void":
                services.journey_event_void(event=target, by=None, reason="Test")
            else:
                services.journey_event_correct(
                    event=target, by=None, reason="Test", occurred_on=on, **changes
                )
        except (JourneyRuleError, BulkRuleErrors):
            pass
        return
    kind, fields = new_event(world, action, day, pick, participation and participation.planned_end)
    try:
        if bulk:
            _bulk(person, world, kind, day, fields)
        else:
            journey_event_record(
                person=person, programme=world.programme, kind=kind, occurred_on=day, by=None, **fields
            )
    except (JourneyRuleError, BulkRuleErrors):
        pass


def _bulk(person, world, kind: str, on: dt.date, values: dict, *, supersedes: JourneyEvent | None = None):
    event = JourneyEvent(
        event_id=new_event_id(), kind=kind, occurred_on=on, recorded_at=timezone.now(), **values
    )
    journey_events_bulk_append(
        journeys={(person.pk, world.programme.pk): [NewEvent(event, supersedes and supersedes.event_id)]},
        birth_dates={person.pk: person.birth_date},
    )
