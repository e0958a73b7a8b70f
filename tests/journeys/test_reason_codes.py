"""Coded reasons on extensions and exits: one check on every path (services, the web forms, the
API); a code must be an active one of the programme's list for the kind, the free text stays the
note, and an event without a code is fine."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.casework.action_forms import ExitForm, ExtendForm
from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.rules import JourneyRuleError
from stufenweg.programmes.models import ReasonCode
from stufenweg.programmes.reason_codes import DEFAULTS, seed_defaults
from tests.conftest import enter, start_journey

D = dt.date


@pytest.fixture
def enrolled(world, person):
    seed_defaults([world.programme.pk])
    participation = start_journey(world, person)
    enter(world, participation, on=D(2022, 2, 1), planned_end=D(2022, 10, 31))
    participation.refresh_from_db()
    return participation


def _extend(participation, **kw):
    return services.enrolment_extend(
        participation=participation, on=D(2022, 11, 1), planned_end=D(2023, 1, 31), by=None, **kw
    )


def test_the_defaults_are_the_seeded_lists(world):
    assert seed_defaults([world.programme.pk]) == len(DEFAULTS["extension"]) + len(DEFAULTS["exit"]) == 14
    assert seed_defaults([world.programme.pk]) == 0  # a programme with lists keeps them
    codes = list(
        ReasonCode.objects.filter(programme=world.programme, purpose="exit").values_list("code", flat=True)
    )
    assert codes[:3] == ["arbeit", "bildung", "elternzeit"]


def test_an_extension_and_an_exit_keep_their_code_and_note(enrolled):
    extension = _extend(enrolled, reason="Praktikum steht aus", reason_code="ziele_offen")
    exit_event = services.enrolment_exit(
        participation=enrolled,
        on=D(2022, 12, 15),
        kind="early_neutral",
        by=None,
        reason="Kind krank",
        reason_code="familie",
    )
    extension.refresh_from_db()
    exit_event.refresh_from_db()
    assert (extension.reason_code, extension.reason) == ("ziele_offen", "Praktikum steht aus")
    assert (exit_event.reason_code, exit_event.reason) == ("familie", "Kind krank")


def test_no_code_is_fine(enrolled):
    assert _extend(enrolled, reason="ohne Code").reason_code == ""


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("urlaub", "„urlaub“ steht nicht in der Liste der aktiven Gründe (Verlängerung)"),
        ("arbeit", "„arbeit“ steht nicht in der Liste der aktiven Gründe (Verlängerung)"),  # an exit code
    ],
)
def test_a_code_outside_the_kinds_list_is_refused_and_nothing_written(enrolled, code, words):
    before = JourneyEvent.objects.count()
    with pytest.raises(JourneyRuleError) as caught:
        _extend(enrolled, reason_code=code)
    assert caught.value.field == "reason_code"
    assert words in caught.value.rule_message
    assert JourneyEvent.objects.count() == before


def test_a_code_on_another_kind_is_refused(world, enrolled):
    with pytest.raises(JourneyRuleError) as caught:
        services.enrolment_interrupt(
            participation=enrolled, on=D(2022, 5, 1), by=None, reason_code="sonstiges"
        )
    assert "nur bei Verlängerung und Austritt" in caught.value.rule_message


def test_a_deactivated_code_is_refused_but_a_correction_may_keep_it(enrolled):
    extension = _extend(enrolled, reason_code="problemlagen")
    ReasonCode.objects.filter(purpose="extension", code="problemlagen").update(active=False)
    with pytest.raises(JourneyRuleError):
        services.enrolment_extend(
            participation=enrolled,
            on=D(2023, 3, 1),
            planned_end=D(2023, 6, 30),
            by=None,
            reason_code="problemlagen",
        )
    corrected = services.journey_event_correct(
        event=extension, by=None, reason="Datum", occurred_on=D(2022, 11, 2)
    )
    assert corrected.reason_code == "problemlagen"


def test_another_programmes_code_is_refused(world, enrolled):
    from tests.factories import ProgrammeFactory

    other = ProgrammeFactory(code="OTHER")
    ReasonCode.objects.create(programme=other, purpose="extension", code="nur_dort", label="nur dort")
    with pytest.raises(JourneyRuleError):
        _extend(enrolled, reason_code="nur_dort")


# --- the web forms -------------------------------------------------------------------------------


def test_the_forms_offer_the_programmes_active_codes(world, enrolled):
    ReasonCode.objects.filter(purpose="extension", code="sonstiges").update(active=False)
    user = world.personas["coordinator"]
    extend = ExtendForm(participation=enrolled, user=user)
    codes = [value for value, _label in extend.fields["reason_code"].choices]
    assert codes == ["", "ziele_offen", "problemlagen", "gesundheit", "unterbrechung"]
    assert not extend.fields["reason_code"].required
    exit_form = ExitForm(participation=enrolled, user=user)
    assert [v for v, _l in exit_form.fields["reason_code"].choices][1:3] == ["arbeit", "bildung"]


def test_the_extend_form_records_the_code(world, enrolled):
    form = ExtendForm(
        {
            "occurred_on": "2022-11-01",
            "planned_end": "2023-01-31",
            "reason_code": "gesundheit",
            "reason": "Reha",
        },
        participation=enrolled,
        user=world.personas["coordinator"],
    )
    assert form.is_valid(), form.errors
    event = form.save()
    assert (event.reason_code, event.reason) == ("gesundheit", "Reha")


def test_the_exit_form_refuses_a_code_not_offered(world, enrolled):
    form = ExitForm(
        {"occurred_on": "2022-11-01", "exit_kind": "early_negative", "reason_code": "urlaub"},
        participation=enrolled,
        user=world.personas["coordinator"],
    )
    assert not form.is_valid()
    assert "reason_code" in form.errors
