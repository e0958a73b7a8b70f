"""stage_save and stage_move: rules of a stage and its next stages, checked with German messages
naming the field (age range ordered, position and code unique in the programme, next stages of the
same programme); the order is changed one place at a time and audited; nothing half-written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.core.models import AuditEntry
from stufenweg.programmes.models import Stage
from stufenweg.programmes.services import stage_move, stage_save
from tests.factories import StageFactory

pytestmark = pytest.mark.django_db


def _new(world, **fields) -> Stage:
    values = {"code": "S5", "name": "Stufe 5", "position": 4, **fields}
    return Stage(programme=world.programme, **values)


def test_a_stage_with_rules_and_next_stages_is_saved_and_audited(world):
    by = world.personas["coordinator"]
    stage = stage_save(
        stage=_new(world, min_age=25, max_age=57, min_unemployed_months=36, max_months=18, extendable=False),
        next_stages=[world.s3, world.s4],
        by=by,
    )
    assert set(stage.next_stages.all()) == {world.s3, world.s4}
    entry = AuditEntry.objects.get(object_type="programmes.stage", object_id=str(stage.pk))
    assert entry.after["next_stages"] == sorted([world.s3.pk, world.s4.pk])
    assert (entry.after["min_age"], entry.after["max_age"], entry.after["extendable"]) == (25, 57, False)


def test_the_age_range_must_be_ordered(world):
    with pytest.raises(ValidationError) as error:
        stage_save(stage=_new(world, min_age=30, max_age=25), next_stages=[], by=None)
    assert error.value.message_dict["max_age"] == [
        "Das Höchstalter (25) liegt unter dem Mindestalter (30); bitte die Altersspanne prüfen."
    ]
    assert not Stage.objects.filter(code="S5").exists()


def test_position_and_code_are_unique_in_the_programme(world):
    with pytest.raises(ValidationError) as error:
        stage_save(stage=_new(world, code="S3", position=world.s3.position), next_stages=[], by=None)
    messages = error.value.message_dict
    assert messages["code"] == ["Das Kürzel „S3“ hat in diesem Programm schon die Stufe „Stufe 3 – IEB“."]
    assert messages["position"][0].startswith(
        "Die Position 2 hat in diesem Programm schon die Stufe „Stufe 3 – IEB“"
    )


def test_the_same_code_in_another_programme_is_fine(world):
    other = StageFactory(code="S3", position=1)
    assert stage_save(stage=_new(world, code="S9"), next_stages=[], by=None).pk
    assert other.programme != world.programme


def test_next_stages_must_belong_to_the_same_programme(world):
    foreign = StageFactory(name="Fremde Stufe")
    stage = world.s2
    with pytest.raises(ValidationError) as error:
        stage_save(stage=stage, next_stages=[world.s3, foreign], by=world.personas["coordinator"])
    assert error.value.message_dict["next_stages"] == [
        "Folgestufen müssen zum selben Programm gehören: Fremde Stufe."
    ]
    assert foreign not in stage.next_stages.all()


def test_a_regional_office_may_not_change_a_stage(world):
    stage = world.s2
    stage.max_months = 1
    with pytest.raises(PermissionDenied):
        stage_save(stage=stage, next_stages=[], by=world.personas["regional"])
    assert Stage.objects.get(pk=stage.pk).max_months == 36
    assert not AuditEntry.objects.filter(object_type="programmes.stage").exists()


def test_moving_a_stage_swaps_it_with_its_neighbour_and_is_audited(world):
    order = lambda: list(  # noqa: E731
        Stage.objects.filter(programme=world.programme).order_by("position").values_list("code", "position")
    )
    assert order() == [("S2", 1), ("S3", 2), ("S4", 3)]
    stage_move(stage=world.s4, step=-1, by=world.personas["coordinator"])
    assert order() == [("S2", 1), ("S4", 2), ("S3", 3)]
    entry = AuditEntry.objects.filter(object_type="programmes.programme").latest("at")
    assert entry.before == {"positions": {"S2": 1, "S3": 2, "S4": 3}}
    assert entry.after == {"positions": {"S2": 1, "S4": 2, "S3": 3}}


def test_the_first_stage_cannot_move_up(world):
    with pytest.raises(ValidationError) as error:
        stage_move(stage=world.s2, step=-1, by=None)
    assert error.value.messages == ["Die Stufe „Stufe 2 – QAB“ steht schon an erster Stelle."]
