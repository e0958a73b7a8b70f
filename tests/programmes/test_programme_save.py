"""programme_save: the coordination office's writing members create and change programmes with
their settings; every change is audited with before and after; anyone else is refused in the
service and nothing is written; a taken code or an unknown code-list value is a German error."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.core.models import AuditEntry
from stufenweg.programmes.models import Programme
from stufenweg.programmes.services import programme_save
from tests.security.matrix_world import extra_personas

pytestmark = pytest.mark.django_db


def test_the_coordinator_creates_a_programme_and_it_is_audited(world):
    by = world.personas["coordinator"]
    programme = programme_save(
        programme=Programme(code="NEU", name="Neues Programm", follow_up_months=12, max_months=18), by=by
    )
    entry = AuditEntry.objects.get(object_type="programmes.programme", object_id=str(programme.pk))
    assert (entry.action, entry.actor, entry.before) == (AuditEntry.Action.CREATE, by, None)
    assert entry.after["follow_up_months"] == 12
    assert entry.after["max_months"] == 18


def test_a_change_is_audited_with_before_and_after(world):
    programme = world.programme
    programme.follow_up_months = 12
    programme.in_work_statuses = ["employed_svb"]
    programme_save(programme=programme, by=world.personas["coordinator"])
    entry = AuditEntry.objects.filter(object_type="programmes.programme").latest("at")
    assert entry.action == AuditEntry.Action.UPDATE
    assert (entry.before["follow_up_months"], entry.after["follow_up_months"]) == (6, 12)
    assert entry.after["in_work_statuses"] == ["employed_svb"]


@pytest.mark.parametrize(
    "persona", ["regional", "provider", "jobcenter", "dpo", "coord_readonly", "statistics"]
)
def test_others_are_refused_and_nothing_is_written(world, persona):
    user = {**world.personas, **extra_personas(world)}[persona]
    programme = world.programme
    programme.follow_up_months = 12
    with pytest.raises(PermissionDenied, match="Regiestelle"):
        programme_save(programme=programme, by=user)
    assert Programme.objects.get(pk=programme.pk).follow_up_months == 6
    assert not AuditEntry.objects.filter(object_type="programmes.programme").exists()


def test_a_taken_code_is_refused_in_german(world):
    with pytest.raises(ValidationError) as error:
        programme_save(programme=Programme(code="JPS", name="Doppelt"), by=world.personas["coordinator"])
    assert error.value.message_dict["code"] == ["Das Kürzel „JPS“ hat schon ein anderes Programm."]
    assert Programme.objects.filter(code="JPS").count() == 1


def test_an_unknown_in_work_value_is_refused(world):
    programme = world.programme
    programme.in_work_kinds = ["svb", "erfunden"]
    with pytest.raises(ValidationError) as error:
        programme_save(programme=programme, by=world.personas["coordinator"])
    assert error.value.message_dict["in_work_kinds"] == ["Unbekannte Beschäftigungsart: erfunden."]
