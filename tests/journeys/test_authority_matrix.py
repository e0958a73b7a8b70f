"""Who records which event kind, for every organisation kind, on every path: the participant page
(web), the API, and the bulk path of the import — refused with the same German message, nothing
written; the others get past the check (and meet the journey rules as usual).

The expected matrix is written out here from DOMAIN.md §1, not taken from the code: the Jobcenter
refers; the offices assess, keep the waiting list, reactivate and follow up; the delivering side
(offices, providers, mentoring projects) records the measure's events and outcomes; an employer
records nothing (and sees no one). One test per organisation kind and path walks every kind, each
request rolled back, so that the matrix stays fast.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stufenweg.casework.actions import ACTIONS
from stufenweg.journeys.bulk import BulkRuleErrors, journey_events_bulk_append
from stufenweg.journeys.bulk_events import NewEvent
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation
from tests.api.conftest import client_for
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

O = Organisation.Kind  # noqa: E741
E = EventKind
OFFICES = {O.COORDINATION_OFFICE, O.REGIONAL_OFFICE}
DELIVERY = OFFICES | {O.PROVIDER, O.MENTORING_PROJECT}
ALLOWED = {
    E.REFERRAL: OFFICES | {O.JOBCENTER},
    E.NOT_ARRIVED: OFFICES,
    E.ASSESSMENT_START: OFFICES,
    E.ASSESSMENT_RESULT: OFFICES,
    E.WAITLIST: OFFICES,
    E.ENTRY: DELIVERY,
    E.STAGE_CHANGE: DELIVERY,
    E.EXTENSION: DELIVERY,
    E.INTERRUPTION: DELIVERY,
    E.RESUMPTION: DELIVERY,
    E.EXIT: DELIVERY,
    E.REACTIVATION: OFFICES,
    E.INTERNSHIP: DELIVERY,
    E.EMPLOYMENT_START: DELIVERY,
    E.EMPLOYMENT_END: DELIVERY,
    E.QUALIFICATION: DELIVERY,
    E.FOLLOW_UP: OFFICES,
}
PERSONA = {
    O.COORDINATION_OFFICE: "coordinator",
    O.REGIONAL_OFFICE: "regional",
    O.PROVIDER: "provider",
    O.JOBCENTER: "jobcenter",
    O.MENTORING_PROJECT: "mentor",
}
ORG_KINDS = list(O.values)
URL = "/api/v1/events/"


def refusal(kind: str, verb: str = "erfassen", target: str | None = None) -> str:
    return f"Ihre Stelle darf „{EventKind(target or kind).label}“ bei dieser Teilnahme nicht {verb}."


@pytest.fixture
def actor(world):
    """``actor(org_kind)`` → (user, participation it sees): journey A (region A, measure MA of
    provider A, referred by Jobcenter A) for all but the mentoring project, whose mentee is in
    measure MM; an employer's member sees none of them."""
    journey_a = start_journey(world, PersonFactory(person_id="PA-1", birth_date=dt.date(1980, 5, 17)))
    enter(world, journey_a, measure=world.measure_a, stage=world.s3)
    journey_m = start_journey(world, PersonFactory(person_id="PM-1", birth_date=dt.date(1982, 3, 1)))
    enter(world, journey_m, measure=world.measure_m, stage=world.s4)
    employer = MembershipFactory(user=UserFactory(username="arbeitgeber"), organisation=world.employer).user

    def pick(org_kind: str):
        if org_kind == O.EMPLOYER:
            return employer, journey_a
        name = PERSONA[org_kind]
        return world.personas[name], journey_m if name == "mentor" else journey_a

    return pick


def _rolled_back(send):
    """The response of ``send()``, everything it wrote rolled back."""
    with transaction.atomic():
        response = send()
        transaction.set_rollback(True)
    return response


def _mismatches(org_kind, outcomes: dict[str, tuple[int, str]], expected_refusal) -> list[str]:
    wrong = []
    for kind, (status, text) in outcomes.items():
        if org_kind == O.EMPLOYER:
            ok = status == 404  # sees no one: refused as not found
        elif org_kind in ALLOWED[kind]:
            ok = status not in (403, 404)
        else:
            ok = status == 403 and expected_refusal(kind) in text
        if not ok:
            wrong.append(f"{kind}: {status} {text[:120]}")
    return wrong


@pytest.mark.parametrize("org_kind", ORG_KINDS)
def test_api(org_kind, actor):
    user, participation = actor(org_kind)
    client = client_for(user)
    before = JourneyEvent.objects.count()
    body = {"person_id": participation.person.person_id, "programme": "JPS", "date": "2022-09-30"}
    outcomes = {}
    for kind in ALLOWED:
        response = _rolled_back(lambda kind=kind: client.post(URL, {**body, "event": kind}, format="json"))
        outcomes[kind] = (response.status_code, response.content.decode())
    assert _mismatches(org_kind, outcomes, refusal) == []
    assert JourneyEvent.objects.count() == before


@pytest.mark.parametrize("org_kind", ORG_KINDS)
def test_api_void_is_judged_by_the_kind_it_retracts(org_kind, actor):
    user, participation = actor(org_kind)
    client = client_for(user)
    events = {e.kind: e for e in participation.events.all()}
    outcomes = {}
    for kind in (E.REFERRAL, E.ASSESSMENT_START, E.ENTRY):
        body = {
            "person_id": participation.person.person_id,
            "programme": "JPS",
            "date": "2022-09-30",
            "event": "void",
            "supersedes": events[kind].event_id,
            "reason": "Probe",
        }
        response = _rolled_back(lambda body=body: client.post(URL, body, format="json"))
        outcomes[kind] = (response.status_code, response.content.decode())
    # a referral is retracted by the offices only (the Jobcenter refers, it does not void)
    amend = {**ALLOWED, E.REFERRAL: OFFICES}
    wrong = []
    for kind, (status, text) in outcomes.items():
        if org_kind == O.EMPLOYER:
            ok = status == 404
        elif org_kind in amend[kind]:
            ok = status not in (403, 404)
        else:
            ok = status == 403 and refusal("void", "zurücknehmen", kind) in text
        if not ok:
            wrong.append(f"void of {kind}: {status} {text[:120]}")
    assert wrong == []


@pytest.mark.parametrize("org_kind", ORG_KINDS)
def test_web(org_kind, actor, client):
    user, participation = actor(org_kind)
    client.force_login(user)
    before = JourneyEvent.objects.count()
    outcomes = {}
    for slug, action in ACTIONS.items():
        url = reverse("casework:journey_action", args=[participation.pk, slug])
        response = _rolled_back(lambda url=url: client.post(url, {"occurred_on": "2022-09-30"}))
        outcomes[action.event_kind] = (response.status_code, response.content.decode())
    # the referral has its own page (a new person and the referral)
    if org_kind != O.EMPLOYER:
        response = _rolled_back(lambda: client.post(reverse("casework:refer"), {}))
        outcomes[E.REFERRAL] = (response.status_code, response.content.decode())
    assert set(outcomes) == set(ALLOWED) - ({E.REFERRAL} if org_kind == O.EMPLOYER else set())
    assert _mismatches(org_kind, outcomes, refusal) == []
    assert JourneyEvent.objects.count() == before


@pytest.mark.parametrize("org_kind", ORG_KINDS)
def test_bulk_path_of_the_import(org_kind, actor):
    """The bulk path checks the writer once per run and kind and reports each refused event with
    the services' message on the column ``event`` (``kind``); the allowed ones pass the check."""
    user, participation = actor(org_kind)
    now = timezone.now()
    events = [
        NewEvent(JourneyEvent(kind=kind, occurred_on=dt.date(2022, 9, 30), recorded_at=now))
        for kind in ALLOWED
    ]
    kind_of = {item.event.event_id: item.event.kind for item in events}
    before = JourneyEvent.objects.count()
    with pytest.raises(BulkRuleErrors) as refused:
        journey_events_bulk_append(
            journeys={(participation.person_id, participation.programme_id): events},
            birth_dates={participation.person_id: participation.person.birth_date},
            by=user,
        )
    by_kind = {kind_of[p.event_key]: p for p in refused.value.problems if p.field == "kind"}
    expected = {kind for kind, kinds in ALLOWED.items() if org_kind not in kinds}
    assert set(by_kind) == expected
    assert all(p.message == refusal(kind) for kind, p in by_kind.items())
    assert JourneyEvent.objects.count() == before
