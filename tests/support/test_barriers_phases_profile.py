"""Barriers and profile categories are histories (rows over time, the newest counts); the phases
of a programme default to the 4-phase model and are configured per programme."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stufenweg.support import services
from stufenweg.support.codes import DEFAULT_PHASES, ProfileCategory, prognosis
from stufenweg.support.models import Barrier, PhaseChange, SupportPhase
from stufenweg.support.selectors import phase_names, support_file

pytestmark = pytest.mark.django_db
D = dt.date


def test_barrier_history_and_current_state(journey):
    services.barrier_record(participation=journey, kind="childcare", present=True, on=D(2024, 2, 1), by=None)
    services.barrier_record(participation=journey, kind="mobility", present=True, on=D(2024, 2, 1), by=None)
    services.barrier_record(participation=journey, kind="childcare", present=False, on=D(2024, 5, 2), by=None)
    file = support_file(journey)
    current = {b.kind: (b.present, b.assessed_on) for b in file.barriers_current}
    assert current == {"childcare": (False, D(2024, 5, 2)), "mobility": (True, D(2024, 2, 1))}
    assert len(file.barriers_history) == 3
    assert Barrier.objects.filter(participation=journey).count() == 3


def test_profile_category_with_prognosis(journey):
    services.profile_record(participation=journey, category="stabilisation", on=D(2024, 2, 1), by=None)
    services.profile_record(participation=journey, category="activation", on=D(2024, 6, 3), by=None)
    file = support_file(journey)
    assert file.profile.category == "activation"
    assert file.profile.prognosis.startswith("integrationsnah")
    assert [p.category for p in file.profile_history] == ["activation", "stabilisation"]
    assert prognosis(ProfileCategory.ASSISTANCE).startswith("komplexe Profillage")


def test_default_phases_and_phase_changes(journey):
    assert phase_names(journey.programme) == list(DEFAULT_PHASES)
    assert not SupportPhase.objects.exists()  # reading writes nothing
    services.phase_change(participation=journey, position=1, on=D(2024, 2, 1), by=None)
    services.phase_change(participation=journey, position=2, on=D(2024, 3, 1), by=None)
    assert SupportPhase.objects.filter(programme=journey.programme).count() == 4
    with pytest.raises(ValidationError) as error:
        services.phase_change(participation=journey, position=3, on=D(2024, 2, 15), by=None)
    assert error.value.message_dict["on"] == ["Das Datum liegt vor dem Beginn der bisherigen Phase."]
    with pytest.raises(ValidationError):
        services.phase_change(participation=journey, position=9, on=D(2024, 3, 2), by=None)
    # back to goal setting after a failed strategy is allowed (a later date)
    services.phase_change(participation=journey, position=3, on=D(2024, 4, 1), by=None)
    services.phase_change(participation=journey, position=2, on=D(2024, 5, 1), by=None)
    file = support_file(journey)
    assert file.current_phase.phase.name == "Zielfestlegung"
    assert [c.phase.position for c in file.phase_history] == [2, 3, 2, 1]


def test_configuring_phases_renames_adds_and_retires(journey, world):
    services.phase_change(participation=journey, position=4, on=D(2024, 2, 1), by=None)
    services.phases_configure(
        programme=world.programme, names=["Eingangsphase", " Hauptphase ", "", "Nachbetreuung"], by=None
    )
    assert phase_names(world.programme) == ["Eingangsphase", "Hauptphase", "Nachbetreuung"]
    retired = SupportPhase.objects.get(programme=world.programme, position=4)
    assert (retired.name, retired.active) == ("Umsetzung und Nachhalten", False)
    assert PhaseChange.objects.get().phase == retired  # the history keeps its name
    with pytest.raises(ValidationError):
        services.phase_change(participation=journey, position=4, on=D(2024, 3, 1), by=None)
    with pytest.raises(ValidationError) as error:
        services.phases_configure(programme=world.programme, names=["A", "a"], by=None)
    assert "names" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.phases_configure(programme=world.programme, names=["  "], by=None)
    services.phases_configure(programme=world.programme, names=["A", "B", "C", "D", "E"], by=None)
    assert phase_names(world.programme) == ["A", "B", "C", "D", "E"]
    assert SupportPhase.objects.filter(programme=world.programme, active=True).count() == 5
