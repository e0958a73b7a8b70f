"""Every place that knows about journey event kinds agrees with their declaration (``journeys.spec``).

Generated from it: the rules' state machine and required fields, the services' field list, the
authority table, events.csv's columns, the API's fields, the participant page's action states and
form fields. Checked against it: the model, the bulk path's columns, ``Ev``, the export's column
order (the contract of EXCHANGE_FORMAT.md) and the kind lists of the indicator SQL. The second half
changes a copy of the declaration and shows that each check notices.
"""

from __future__ import annotations

import dataclasses

import pytest

from stufenweg.casework.action_forms import VoidEventForm
from stufenweg.casework.actions import ACTIONS
from stufenweg.journeys import spec
from stufenweg.journeys.codes import State
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.spec import FIELDS, KINDS, Field, KindSpec
from tests.conftest import start_journey
from tests.journeys import spec_drift as d

FAKE = Field("fake", spec.TEXT, "fake", max_length=10)


@pytest.fixture
def form_args(world, person):
    return {"participation": start_journey(world, person), "user": world.personas["coordinator"]}


def test_the_model_has_the_declared_fields():
    assert d.model_drift(FIELDS) == []


def test_services_bulk_and_ev_use_the_declared_fields():
    assert d.services_drift(FIELDS) == []


def test_rules_and_authority_are_the_declared_ones():
    assert d.rules_drift(KINDS) == []


def test_events_csv_has_the_contract_columns_with_the_declared_limits():
    assert d.schema_drift(FIELDS) == []
    assert d.writer_drift(FIELDS) == []


def test_the_api_fields_are_the_declared_ones():
    assert d.api_drift(FIELDS) == []


def test_actions_are_offered_only_where_the_state_machine_allows():
    assert d.actions_drift(KINDS) == []
    # the button the rules refused: a reactivation only after an exit
    reactivation = ACTIONS["reaktivierung"]
    assert reactivation.states == {State.EXITED, State.FOLLOWED_UP}


def test_action_forms_ask_for_what_the_kinds_need_within_the_declared_limits(form_args):
    assert d.forms_drift(KINDS, FIELDS, **form_args) == []


def test_the_void_form_within_the_declared_limits(form_args):
    event = JourneyEvent.objects.filter(participation=form_args["participation"]).first()
    assert d.void_form_drift(VoidEventForm(event=event, user=form_args["user"]), KINDS, FIELDS) == []


def test_the_indicator_sql_names_the_declared_kinds():
    assert d.indicator_drift(KINDS) == []


# --- the checks notice a change of the declaration ----------------------------------------------


def _replace(name: str, **changes) -> tuple[Field, ...]:
    return tuple(dataclasses.replace(f, **changes) if f.name == name else f for f in FIELDS)


def _kinds(kind: str, **changes) -> dict[str, KindSpec]:
    return {**KINDS, kind: dataclasses.replace(KINDS[kind], **changes)}


def test_a_new_field_is_noticed_everywhere_it_is_not_yet():
    fields = (*FIELDS, FAKE)
    assert d.model_drift(fields)
    assert d.services_drift(fields)
    assert d.schema_drift(fields)
    assert d.writer_drift(fields)
    assert d.api_drift(fields)


def test_a_changed_limit_is_noticed(form_args):
    longer = _replace("reason", max_length=spec.REASON_MAX_LENGTH + 1)
    assert d.schema_drift(longer)
    assert d.api_drift(longer)
    assert d.forms_drift(KINDS, longer, **form_args)
    assert d.api_drift(_replace("hours", max_value=1000))
    assert d.api_drift(_replace("exit_kind", choices=State))


def test_a_field_a_kind_needs_is_noticed_in_its_form(form_args):
    assert d.forms_drift(_kinds("exit", required=("exit_kind", "statuses")), FIELDS, **form_args)
    assert d.forms_drift(_kinds("entry", asked=()), FIELDS, **form_args)


def test_a_changed_state_machine_or_authority_is_noticed():
    assert d.rules_drift(_kinds("reactivation", follows=frozenset({State.EXITED})))
    assert d.actions_drift(_kinds("reactivation", follows=frozenset({State.EXITED})))
    assert d.rules_drift(_kinds("exit", recorded_by=spec.COORDINATING))
    assert d.actions_drift(_kinds("exit", recorded_by=spec.COORDINATING))
    assert d.rules_drift(_kinds("waitlist", required=("stage",)))


def test_a_new_kind_must_be_placed_in_the_indicators():
    closure = KindSpec("closure", frozenset({State.WAITING}), "closed", spec.COORDINATING)
    assert d.indicator_drift({**KINDS, "closure": closure})
    assert d.indicator_drift(_kinds("exit", closes_enrolment=False))
    assert d.indicator_drift(_kinds("entry", opens_enrolment=False))
