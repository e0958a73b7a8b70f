"""Who may record which event kind is declared once (``journeys.authority``): every event kind has
an entry, the participant page's actions take their organisation kinds from it, and the casework
groups are the declared ones."""

from __future__ import annotations

from stufenweg.casework import permissions
from stufenweg.casework.actions import ACTIONS
from stufenweg.journeys import authority
from stufenweg.journeys.authority import AUTHORITY, amending_kinds, recording_kinds, writing_kinds
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation

K = Organisation.Kind


def test_every_event_kind_but_void_is_declared():
    assert set(AUTHORITY) == set(EventKind.values) - {EventKind.VOID}
    assert all(spec.kind == kind for kind, spec in AUTHORITY.items())


def test_every_casework_action_uses_the_kinds_of_its_event_kind():
    for slug, action in ACTIONS.items():
        assert action.event_kind in AUTHORITY, slug
        assert action.kinds == recording_kinds(action.event_kind), slug
    # every kind but the referral (its own page) and the void (the timeline) has its action
    assert {a.event_kind for a in ACTIONS.values()} == set(AUTHORITY) - {EventKind.REFERRAL}


def test_the_casework_groups_are_the_declared_ones():
    assert permissions.COORDINATING is authority.COORDINATING
    assert permissions.DELIVERING is authority.DELIVERING
    assert permissions.REFERRING is authority.REFERRING


def test_the_coordination_office_may_write_everything():
    for kind in AUTHORITY:
        assert K.COORDINATION_OFFICE in recording_kinds(kind), kind
        assert K.COORDINATION_OFFICE in amending_kinds(kind), kind


def test_a_correction_or_void_is_judged_by_the_kind_it_changes():
    entry = JourneyEvent(kind=EventKind.ENTRY)
    follow_up = JourneyEvent(kind=EventKind.FOLLOW_UP)
    referral = JourneyEvent(kind=EventKind.REFERRAL)
    assert writing_kinds(EventKind.VOID, entry) == authority.DELIVERING
    assert writing_kinds(EventKind.VOID, follow_up) == authority.COORDINATING
    assert writing_kinds(EventKind.ENTRY, entry) == authority.DELIVERING
    # the Jobcenter refers, the offices correct or retract a referral
    assert K.JOBCENTER in writing_kinds(EventKind.REFERRAL)
    assert writing_kinds(EventKind.REFERRAL, referral) == authority.COORDINATING
    assert writing_kinds(EventKind.VOID, referral) == authority.COORDINATING
