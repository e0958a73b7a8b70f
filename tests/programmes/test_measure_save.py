"""``measure_save``: the coordination office's writing members create and change measures with
their stages and start dates; every change is audited; broken rules are German messages per field
and write nothing; anyone else is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.core.models import AuditEntry
from stufenweg.programmes.measures_admin import measure_save
from stufenweg.programmes.models import Measure, MeasureStart
from tests.factories import StageFactory

pytestmark = pytest.mark.django_db


def _new(world, **values) -> Measure:
    fields = {
        "code": "NEU-1",
        "name": "Neue Maßnahme",
        "programme": world.programme,
        "provider": world.provider_a,
        "region": world.region_a,
        "places": 12,
        "start": dt.date(2025, 2, 1),
        "end": dt.date(2025, 12, 31),
        "rolling_entry": False,
        **values,
    }
    return Measure(**fields)


def test_the_coordinator_creates_a_measure_with_start_dates(world):
    coordinator = world.personas["coordinator"]
    measure = measure_save(
        measure=_new(world),
        stages=[world.s2, world.s3],
        start_dates=[dt.date(2025, 8, 1), dt.date(2025, 2, 1)],
        by=coordinator,
    )
    assert set(measure.stages.all()) == {world.s2, world.s3}
    # the start is the first start date and is not stored twice
    assert list(measure.starts.values_list("on", flat=True)) == [dt.date(2025, 8, 1)]
    entry = AuditEntry.objects.get(object_type="programmes.measure", object_id=str(measure.pk))
    assert entry.action == AuditEntry.Action.CREATE and entry.actor == coordinator
    assert entry.after["start_dates"] == ["2025-08-01"] and entry.after["places"] == 12


def test_a_change_is_audited_with_before_and_after(world):
    measure = measure_save(measure=_new(world), stages=[world.s3], start_dates=[dt.date(2025, 8, 1)], by=None)
    measure.places = 15
    measure_save(
        measure=measure,
        stages=[world.s3],
        start_dates=[dt.date(2025, 9, 1)],
        by=world.personas["coordinator"],
    )
    assert list(MeasureStart.objects.filter(measure=measure).values_list("on", flat=True)) == [
        dt.date(2025, 9, 1)
    ]
    change = AuditEntry.objects.filter(object_id=str(measure.pk), action=AuditEntry.Action.UPDATE).get()
    assert change.before["places"] == 12 and change.after["places"] == 15
    assert change.before["start_dates"] == ["2025-08-01"] and change.after["start_dates"] == ["2025-09-01"]


@pytest.mark.parametrize(
    ("values", "stages", "dates", "field", "words"),
    [
        ({"places": 0}, "own", [], "places", "mindestens einen Platz"),
        ({"end": dt.date(2025, 1, 1)}, "own", [], "end", "vor dem Beginn"),
        ({}, "foreign", [], "stages", "gehören nicht zum Programm"),
        ({}, "none", [], "stages", "mindestens eine Stufe"),
        ({}, "own", [dt.date(2026, 3, 1)], "start_dates", "Außerhalb des Zeitraums"),
        (
            {"rolling_entry": True},
            "own",
            [dt.date(2025, 3, 1)],
            "start_dates",
            "ohne durchlaufenden Einstieg",
        ),
        ({"provider": "jobcenter"}, "own", [], "provider", "Bildungsträger"),
    ],
)
def test_broken_rules_are_german_messages_and_write_nothing(world, values, stages, dates, field, words):
    if values.get("provider") == "jobcenter":
        values = {**values, "provider": world.jobcenter_a}
    chosen = {"own": [world.s3], "foreign": [StageFactory(code="X1", position=1)], "none": []}[stages]
    before = (Measure.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        measure_save(
            measure=_new(world, **values), stages=chosen, start_dates=dates, by=world.personas["coordinator"]
        )
    assert words in " ".join(caught.value.message_dict[field])
    assert (Measure.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "outsider", "dpo"])
def test_anyone_but_the_coordination_office_is_refused(world, persona):
    with pytest.raises(PermissionDenied) as caught:
        measure_save(measure=_new(world), stages=[world.s3], start_dates=[], by=world.personas[persona])
    assert "Regiestelle" in str(caught.value)
    assert not Measure.objects.filter(code="NEU-1").exists()


def test_a_measure_with_entries_keeps_its_programme(world, journey_in_measure_a):
    from tests.factories import ProgrammeFactory

    other = ProgrammeFactory(code="ANDERS")
    measure = world.measure_a
    measure.programme = other
    with pytest.raises(ValidationError) as caught:
        measure_save(
            measure=measure,
            stages=[StageFactory(programme=other, code="A1", position=1)],
            start_dates=[],
            by=None,
        )
    assert "bleibt unverändert" in caught.value.message_dict["programme"][0]


@pytest.fixture
def journey_in_measure_a(world):
    from tests.conftest import enter, start_journey
    from tests.factories import PersonFactory

    participation = start_journey(world, PersonFactory())
    enter(world, participation, measure=world.measure_a)
    return participation
