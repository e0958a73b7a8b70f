"""The bulk path applies the same rules as the single-event path and writes all or nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.journeys.bulk import BulkRuleErrors, journey_events_bulk_append
from stufenweg.journeys.bulk_events import NewEvent
from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from tests.factories import PersonFactory


def _event(key, kind, on, **fields):
    return NewEvent(
        JourneyEvent(event_id=key, kind=kind, occurred_on=on, recorded_at=timezone.now(), **fields)
    )


def test_valid_journeys_are_written_with_projection_and_audit(world):
    person = PersonFactory()
    events = [
        _event("e1", "referral", dt.date(2022, 1, 3), referrer=world.jobcenter_a, region=world.region_a),
        _event("e2", "assessment_start", dt.date(2022, 1, 10)),
        _event(
            "e3",
            "entry",
            dt.date(2022, 2, 1),
            measure=world.measure_a,
            stage=world.s3,
            planned_end=dt.date(2022, 12, 31),
        ),
        _event("e4", "exit", dt.date(2022, 6, 30), exit_kind="early_negative", statuses="job_seeking"),
    ]
    count = journey_events_bulk_append(
        journeys={(person.pk, world.programme.pk): events}, birth_dates={person.pk: person.birth_date}
    )
    assert count == 4
    participation = Participation.objects.get(person=person)
    assert participation.state == State.EXITED
    enrolment = Enrolment.objects.get(participation=participation)
    assert (enrolment.entered_on, enrolment.exited_on, enrolment.exit_kind) == (
        dt.date(2022, 2, 1),
        dt.date(2022, 6, 30),
        "early_negative",
    )
    assert AuditEntry.objects.filter(action="import", person=person).count() == 1


def test_every_problem_is_reported_and_nothing_is_written(world):
    first, second = PersonFactory(), PersonFactory()
    bad_exit = [  # a reactivation of someone who never left
        _event("a1", "assessment_start", dt.date(2022, 1, 10)),
        _event("a2", "reactivation", dt.date(2022, 1, 20)),
    ]
    future = [_event("b1", "assessment_start", timezone.localdate() + dt.timedelta(days=3))]
    with pytest.raises(BulkRuleErrors) as caught:
        journey_events_bulk_append(
            journeys={(first.pk, world.programme.pk): bad_exit, (second.pk, world.programme.pk): future},
            birth_dates={first.pk: first.birth_date, second.pk: second.birth_date},
        )
    keys = {p.event_key for p in caught.value.problems}
    assert keys == {"a2", "b1"}
    assert JourneyEvent.objects.count() == 0


def test_entries_beyond_capacity_are_refused(world):
    world.measure_a.places = 1
    world.measure_a.save()
    journeys, births = {}, {}
    for index in range(2):
        person = PersonFactory()
        births[person.pk] = person.birth_date
        journeys[(person.pk, world.programme.pk)] = [
            _event(f"s{index}", "assessment_start", dt.date(2022, 1, 10)),
            _event(f"n{index}", "entry", dt.date(2022, 2, 1), measure=world.measure_a, stage=world.s3),
        ]
    with pytest.raises(BulkRuleErrors) as caught:
        journey_events_bulk_append(journeys=journeys, birth_dates=births)
    assert [p.event_key for p in caught.value.problems] == ["n1"]
    assert "voll belegt" in caught.value.problems[0].message


def test_a_correction_in_the_same_batch_supersedes_its_target(world):
    person = PersonFactory()
    events = [
        _event("c1", "assessment_start", dt.date(2022, 1, 10)),
        _event("c2", "entry", dt.date(2022, 2, 1), measure=world.measure_a, stage=world.s3),
        NewEvent(
            JourneyEvent(
                event_id="c3",
                kind="entry",
                occurred_on=dt.date(2022, 2, 3),
                recorded_at=timezone.now(),
                measure=world.measure_a,
                stage=world.s3,
            ),
            supersedes_key="c2",
        ),
    ]
    journey_events_bulk_append(
        journeys={(person.pk, world.programme.pk): events}, birth_dates={person.pk: person.birth_date}
    )
    corrected = JourneyEvent.objects.get(event_id="c3")
    assert corrected.supersedes.event_id == "c2"
    assert Enrolment.objects.get(participation__person=person).entered_on == dt.date(2022, 2, 3)
