"""Writing is decided per participation: a user may write casework entries and journey actions
for a participant only through a writing membership (caseworker, org_admin) in an organisation
that itself sees the participant, and only with actions of that organisation's kind.

The persona here is read-only in the organisation that sees participant P (region A) and a
caseworker in another organisation that sees participant Q (region B). For P every write route
answers 403 (GET of the form and POST), nothing is written, the participant page shows no write
controls; for Q the same requests succeed and the controls are there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse

from stufenweg.casework import services as casework
from stufenweg.casework.actions import ACTIONS
from stufenweg.casework.models import Appointment, Contact, Goal, NeedsAssessment, PlanAction
from stufenweg.casework.permissions import COORDINATING, DELIVERING, REFERRING
from stufenweg.core.models import AuditEntry
from stufenweg.core.visibility import scope_of, scope_through_kinds
from stufenweg.journeys import services as journeys
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.organisations.models import Membership, Organisation
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = Organisation.Kind


@dataclass
class Case:
    participation: Participation
    goal: Goal
    step: PlanAction
    appointment: Appointment
    entry: JourneyEvent  # the entry into the measure (correctable)
    internship: JourneyEvent  # an outcome event (voidable without touching the journey's state)


def _case(world, *, name, person_id, referrer, region, measure, stage) -> Case:
    participation = start_journey(
        world,
        make_person(name, "Testfall", person_id),
        on=dt.date(2024, 1, 8),
        referrer=referrer,
        region=region,
    )
    enter(
        world,
        participation,
        measure=measure,
        stage=stage,
        on=dt.date(2024, 2, 1),
        planned_end=dt.date(2024, 12, 31),
    )
    internship = journeys.internship_record(
        participation=participation, on=dt.date(2024, 3, 4), by=None, employer=world.employer
    )
    goal = casework.goal_add(
        participation=participation, title="Ziel", key_area="qualification", due_on=None, by=None
    )
    step = casework.plan_action_add(goal=goal, description="Schritt", responsible="TN", due_on=None, by=None)
    appointment = casework.appointment_schedule(
        participation=participation,
        starts_at=dt.datetime(2030, 3, 1, 10, tzinfo=dt.UTC),
        kind="phone",
        by=None,
    )
    participation.refresh_from_db()
    entry = JourneyEvent.objects.get(participation=participation, kind="entry")
    return Case(participation, goal, step, appointment, entry, internship)


@pytest.fixture
def p_case(world) -> Case:
    """P: referred by Jobcenter A to region A, in measure MA of provider A."""
    return _case(
        world,
        name="Aberle",
        person_id="P-A1",
        referrer=world.jobcenter_a,
        region=world.region_a,
        measure=world.measure_a,
        stage=world.s3,
    )


@pytest.fixture
def q_case(world) -> Case:
    """Q: referred by Jobcenter B to region B, in measure MB of provider B."""
    return _case(
        world,
        name="Berger",
        person_id="P-B1",
        referrer=world.jobcenter_b,
        region=world.region_b,
        measure=world.measure_b,
        stage=world.s4,
    )


# (organisation in which the persona is read-only and which sees P,
#  organisation in which the persona is a caseworker and which sees Q but not P)
TWO_HATS = {
    "readonly-regional-a+caseworker-regional-b": ("regional_a", "regional_b"),
    "readonly-provider-a+caseworker-provider-b": ("provider_a", "provider_b"),
    "readonly-jobcenter-a+caseworker-regional-b": ("jobcenter_a", "regional_b"),
}


@pytest.fixture(params=list(TWO_HATS), ids=list(TWO_HATS))
def two_hats(request, world):
    reads, writes = TWO_HATS[request.param]
    user = UserFactory(username="zwei_hute")
    MembershipFactory(user=user, organisation=getattr(world, reads), role=Membership.Role.READ_ONLY)
    MembershipFactory(user=user, organisation=getattr(world, writes), role=Membership.Role.CASEWORKER)
    return user


def _url(name: str, *args) -> str:
    return reverse(f"casework:{name}", args=args)


def write_requests(case: Case, world) -> dict[str, tuple[str, dict]]:
    """Every casework write for ``case``: name → (URL, POST data that is valid for the case)."""
    p = case.participation
    return {
        "exit": (
            _url("journey_action", p.pk, "austritt"),
            {"occurred_on": "2024-06-28", "exit_kind": "regular", "statuses": ["job_seeking"]},
        ),
        "extension": (
            _url("journey_action", p.pk, "verlaengerung"),
            {"occurred_on": "2024-06-03", "planned_end": "2025-01-31"},
        ),
        "internship": (
            _url("journey_action", p.pk, "praktikum"),
            {"occurred_on": "2024-04-02", "employer": world.employer.pk, "first_labour_market": "true"},
        ),
        "contact": (
            _url("contact_add", p.pk),
            {"kind": "phone", "occurred_on": "2024-03-01", "notes": "Notiz"},
        ),
        "appointment": (
            _url("appointment_add", p.pk),
            {"day": "2030-05-02", "time": "09:30", "kind": "profiling", "place": "Büro"},
        ),
        "assessment": (
            _url("assessment_add", p.pk),
            {"key_area": "motivation", "rating": "3", "assessed_on": "2024-03-01", "notes": ""},
        ),
        "goal": (_url("goal_add", p.pk), {"title": "Neues Ziel", "key_area": "framework", "due_on": ""}),
        "step": (
            _url("plan_action_add", p.pk),
            {"goal": case.goal.pk, "description": "Neuer Schritt", "responsible": "TN", "due_on": ""},
        ),
        "goal_status": (_url("goal_status", case.goal.pk), {"status": "reached"}),
        "goal_edit": (_url("goal_edit", case.goal.pk), {"title": "Anderes Ziel", "key_area": "framework"}),
        "step_edit": (
            _url("plan_action_edit", case.step.pk),
            {"description": "Anderer Schritt", "responsible": "JC"},
        ),
        "step_progress": (_url("plan_action_progress", case.step.pk), {"progress": "50"}),
        "appointment_status": (_url("appointment_status", case.appointment.pk), {"status": "cancelled"}),
        "correct": (
            _url("event_correct", case.entry.pk),
            {"occurred_on": "2024-02-05", "planned_end": "2024-12-31", "reason": "Tippfehler"},
        ),
        "void": (_url("event_void", case.internship.pk), {"reason": "falsche Person"}),
    }


WRITES = [
    "exit",
    "extension",
    "internship",
    "contact",
    "appointment",
    "assessment",
    "goal",
    "step",
    "goal_status",
    "goal_edit",
    "step_edit",
    "step_progress",
    "appointment_status",
    "correct",
    "void",
]


def fingerprint(case: Case) -> tuple:
    """Everything a casework write could change about ``case`` (and the audit trail's writes)."""
    p = case.participation
    p.refresh_from_db()
    goal = Goal.objects.get(pk=case.goal.pk)
    step = PlanAction.objects.get(pk=case.step.pk)
    appointment = Appointment.objects.get(pk=case.appointment.pk)
    return (
        JourneyEvent.objects.filter(participation=p).count(),
        Contact.objects.filter(participation=p).count(),
        Appointment.objects.filter(participation=p).count(),
        NeedsAssessment.objects.filter(participation=p).count(),
        Goal.objects.filter(plan__participation=p).count(),
        PlanAction.objects.filter(goal__plan__participation=p).count(),
        (goal.title, goal.key_area, goal.status),
        (step.description, step.responsible, step.progress),
        appointment.status,
        (p.state, p.planned_end, p.caseworker_id),
        AuditEntry.objects.exclude(action=AuditEntry.Action.READ).count(),
    )


def test_the_persona_sees_p(client, two_hats, p_case):
    """Guard against a vacuous test: P is in the persona's read scope (its page opens)."""
    client.force_login(two_hats)
    response = client.get(_url("participant_detail", p_case.participation.person_id))
    assert response.status_code == 200
    assert "Aberle" in response.content.decode()


@pytest.mark.parametrize("name", WRITES)
def test_every_write_for_p_is_refused(client, world, two_hats, p_case, name):
    url, data = write_requests(p_case, world)[name]
    client.force_login(two_hats)
    before = fingerprint(p_case)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403
    assert fingerprint(p_case) == before


@pytest.mark.parametrize("slug", list(ACTIONS))
def test_every_journey_action_for_p_is_refused(client, two_hats, p_case, slug):
    url = _url("journey_action", p_case.participation.pk, slug)
    client.force_login(two_hats)
    before = fingerprint(p_case)
    assert client.get(url).status_code == 403
    assert client.post(url, {"occurred_on": "2024-06-28"}).status_code == 403
    assert client.post(url, {"occurred_on": "2024-06-28", "_refresh": "1"}).status_code == 403
    assert fingerprint(p_case) == before


@pytest.mark.parametrize("name", WRITES)
def test_the_same_writes_succeed_for_q(client, world, two_hats, q_case, name):
    """The persona's caseworker membership still counts where its organisation sees the case."""
    url, data = write_requests(q_case, world)[name]
    client.force_login(two_hats)
    before = fingerprint(q_case)
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert fingerprint(q_case) != before


def _write_links(case: Case) -> list[str]:
    p = case.participation
    links = [
        _url("contact_add", p.pk),
        _url("appointment_add", p.pk),
        _url("assessment_add", p.pk),
        _url("goal_add", p.pk),
        _url("plan_action_add", p.pk),
        _url("goal_edit", case.goal.pk),
        _url("goal_status", case.goal.pk),
        _url("plan_action_edit", case.step.pk),
        _url("plan_action_progress", case.step.pk),
        _url("appointment_status", case.appointment.pk),
        _url("event_correct", case.entry.pk),
        _url("event_void", case.internship.pk),
        _url("journey_action", p.pk, "austritt"),
        _url("journey_action", p.pk, "praktikum"),
    ]
    return links


def test_page_of_p_shows_no_write_controls(client, two_hats, p_case):
    client.force_login(two_hats)
    html = client.get(_url("participant_detail", p_case.participation.person_id)).content.decode()
    shown = [link for link in _write_links(p_case) if link in html]
    assert shown == []
    assert f"/teilnahme/{p_case.participation.pk}/aktion/" not in html  # no journey action at all
    assert 'id="action-panel"' not in html


def test_page_of_q_shows_the_write_controls(client, two_hats, q_case):
    client.force_login(two_hats)
    html = client.get(_url("participant_detail", q_case.participation.person_id)).content.decode()
    missing = [link for link in _write_links(q_case) if link not in html]
    assert missing == []
    assert 'id="action-panel"' in html


# --- caseload: reassigning P's participation ------------------------------------------------------


def test_caseload_does_not_reassign_p(client, world, two_hats, p_case, q_case):
    colleague = world.personas["regional"]  # caseworker at regional office A
    journeys.participation_assign_caseworker(
        participation=p_case.participation, caseworker=colleague, by=None
    )
    client.force_login(two_hats)
    page = client.get(_url("caseload")).content.decode()
    assert f"?von={colleague.pk}" not in page  # no "umverteilen" for a caseworker whose cases it may not move
    form_page = client.get(_url("caseload"), {"von": colleague.pk})
    assert form_page.status_code == 200
    assert p_case.participation.person.last_name not in form_page.content.decode()
    response = client.post(
        _url("caseload"),
        {"von": colleague.pk, "participations": [p_case.participation.pk], "caseworker": two_hats.pk},
    )
    assert response.status_code == 403
    p_case.participation.refresh_from_db()
    assert p_case.participation.caseworker == colleague


def test_caseload_reassigns_q(client, world, q_case):
    """Positive control: the persona reassigns a case its own organisation sees."""
    user = UserFactory(username="zwei_hute")
    MembershipFactory(user=user, organisation=world.regional_a, role=Membership.Role.READ_ONLY)
    MembershipFactory(user=user, organisation=world.regional_b, role=Membership.Role.CASEWORKER)
    colleague = MembershipFactory(user=UserFactory(username="kollege_b"), organisation=world.regional_b).user
    journeys.participation_assign_caseworker(
        participation=q_case.participation, caseworker=colleague, by=None
    )
    client.force_login(user)
    assert f"?von={colleague.pk}" in client.get(_url("caseload")).content.decode()
    response = client.post(
        _url("caseload"),
        {"von": colleague.pk, "participations": [q_case.participation.pk], "caseworker": user.pk},
    )
    assert response.status_code == 302
    q_case.participation.refresh_from_db()
    assert q_case.participation.caseworker == user


# --- the organisation kind must be that of an organisation that sees the case --------------------


@pytest.fixture
def provider_a_and_office_b(world):
    """Caseworker at provider A (sees P through its measure) and at regional office B (not P's)."""
    user = UserFactory(username="traeger_und_buero")
    MembershipFactory(user=user, organisation=world.provider_a)
    MembershipFactory(user=user, organisation=world.regional_b)
    return user


COORDINATING_SLUGS = [slug for slug, action in ACTIONS.items() if action.kinds == COORDINATING]


@pytest.mark.parametrize("slug", COORDINATING_SLUGS)
def test_coordinating_action_needs_an_office_that_sees_the_case(
    client, provider_a_and_office_b, p_case, slug
):
    """Regional office B acts, but not for region A: its kind does not lend itself to provider A."""
    client.force_login(provider_a_and_office_b)
    assert client.get(_url("journey_action", p_case.participation.pk, slug)).status_code == 403


def test_delivering_action_through_the_provider_that_sees_the_case(client, provider_a_and_office_b, p_case):
    client.force_login(provider_a_and_office_b)
    assert client.get(_url("journey_action", p_case.participation.pk, "austritt")).status_code == 200
    assert client.get(_url("contact_add", p_case.participation.pk)).status_code == 200


def test_coordinating_action_for_the_office_own_region(client, world, provider_a_and_office_b, q_case):
    client.force_login(provider_a_and_office_b)
    assert client.get(_url("journey_action", q_case.participation.pk, "verbleib")).status_code == 200


# --- the scope helper ---------------------------------------------------------------------------


def test_scope_through_kinds_keeps_only_the_parts_of_those_kinds(world):
    user = UserFactory(username="viele")
    for organisation in (world.regional_a, world.provider_a, world.mentoring, world.jobcenter_b):
        MembershipFactory(user=user, organisation=organisation)
    MembershipFactory(user=user, organisation=world.coordination, role=Membership.Role.READ_ONLY)
    scope = scope_of(user, writing=True)
    assert not scope.everything  # read-only at the coordination office: no write scope there
    assert scope_of(user).everything

    coordinating = scope_through_kinds(scope, COORDINATING)
    assert (coordinating.everything, coordinating.region_ids) == (False, {world.region_a.pk})
    assert (coordinating.provider_org_ids, coordinating.referrer_org_ids) == (frozenset(), frozenset())

    delivering = scope_through_kinds(scope, DELIVERING)
    assert delivering.region_ids == {world.region_a.pk}
    assert delivering.provider_org_ids == {world.provider_a.pk, world.mentoring.pk}
    assert delivering.referrer_org_ids == frozenset()

    referring = scope_through_kinds(scope, REFERRING)
    assert (referring.region_ids, referring.referrer_org_ids) == ({world.region_a.pk}, {world.jobcenter_b.pk})
    assert referring.provider_org_ids == frozenset()

    providers_only = scope_through_kinds(scope, frozenset({Kind.PROVIDER}))
    assert providers_only.provider_org_ids == {world.provider_a.pk}
    assert providers_only.region_ids == frozenset()


def test_coordination_office_caseworker_acts_everywhere(world):
    user = MembershipFactory(user=UserFactory(username="regie_fall"), organisation=world.coordination).user
    assert scope_through_kinds(scope_of(user, writing=True), COORDINATING).everything
    assert scope_through_kinds(scope_of(user, writing=True), DELIVERING).everything
    assert not scope_through_kinds(scope_of(user, writing=True), frozenset({Kind.JOBCENTER})).everything
