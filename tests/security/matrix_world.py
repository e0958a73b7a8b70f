"""The fixture world of the permission matrix: one case every persona of region A may see and one
in region B that only the coordination office sees, with an object of every kind for each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stufenweg.casework import services as casework
from stufenweg.casework.models import SavedFilter
from stufenweg.groupwork.services import attendance_record
from stufenweg.interchange.models import ImportRun
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Membership, Organisation
from stufenweg.people.services import document_add
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.security.employers_world import employer_objects
from tests.security.groupwork_world import group_objects
from tests.security.write_bodies_earlywarning import earlywarning_objects
from tests.security.write_bodies_households import household_objects
from tests.security.write_bodies_mentoring import mentoring_objects
from tests.security.write_bodies_support import support_objects
from tests.security.write_bodies_web_corrections import entry_objects

VISIBLE_NAME = "Sichtbarkeitsfall"
HIDDEN_NAME = "Verborgenheitsfall"


@dataclass
class Case:
    person: object
    participation: object
    event: object
    plan_action: object
    appointment: object
    goal: object
    # master data for the administration pages (not personal data of the case): region A's or B's
    organisation: object = None
    region: object = None
    employer: object = None
    # group work (tests/security/groupwork_world.py): the case's Jobcenter's event, booked
    group_event: object = None
    group_session: object = None
    booking: object = None
    attendance: object = None  # the booked case attended the event's past session
    document: object = None  # a file attached to the case's person (people.Document)
    measure: object = None  # master data (not personal): region A's or B's measure
    staff_user: object = None  # a staff account of regional office A or B (account administration)
    # programme administration (master data, the same for both cases)
    programme: object = None
    stage: object = None
    caseload_ratio: object = None
    reason_code: object = None  # a coded reason of the programme's list (programmes.ReasonCode)
    household: object = None  # the case's person's Bedarfsgemeinschaft (people.Household)


@dataclass
class MatrixWorld:
    world: object
    personas: dict
    visible: Case
    hidden: Case
    own_filter: object  # belongs to the persona under test (made per persona)
    import_run: object


def _case(world, *, name, region, referrer, measure, stage, by) -> Case:
    person = PersonFactory(last_name=name, first_name="Testfall")
    participation = start_journey(world, person, region=region, referrer=referrer, by=by)
    enter(world, participation, measure=measure, stage=stage, on=dt.date(2022, 2, 1), by=by)
    goal = casework.goal_add(
        participation=participation, title="Ziel", key_area="qualification", due_on=None, by=by
    )
    action = casework.plan_action_add(
        goal=goal, description="Schritt", responsible="participant", due_on=None, by=by
    )
    appointment = casework.appointment_schedule(
        participation=participation, starts_at=dt.datetime(2030, 3, 1, 10, tzinfo=dt.UTC), kind="phone", by=by
    )
    event = JourneyEvent.objects.filter(participation=participation).order_by("pk").last()
    return Case(person, participation, event, action, appointment, goal)


def _member(username: str, organisation, role: str):
    return MembershipFactory(user=UserFactory(username=username), organisation=organisation, role=role).user


def extra_personas(world) -> dict:
    """The personas beyond ``tests.conftest``'s: ``statistics`` (statistics role at the
    coordination office), ``readonly`` (read-only at regional office A), ``mixed`` (read-only at
    regional office A, caseworker at regional office B) and ``coord_readonly`` (read-only at the
    coordination office, the demo's ``lesend``: sees everything, changes nothing)."""
    role = Membership.Role
    mixed = _member("gemischt", world.regional_a, role.READ_ONLY)
    MembershipFactory(user=mixed, organisation=world.regional_b, role=role.CASEWORKER)
    return {
        "statistics": _member("statistik", world.coordination, role.STATISTICS),
        "readonly": _member("nurlesen", world.regional_a, role.READ_ONLY),
        "mixed": mixed,
        "coord_readonly": _member("regie_lesend", world.coordination, role.READ_ONLY),
    }


def build(world) -> MatrixWorld:
    personas = {**world.personas, **extra_personas(world)}
    visible = _case(
        world,
        name=VISIBLE_NAME,
        region=world.region_a,
        referrer=world.jobcenter_a,
        measure=world.measure_a,
        stage=world.s3,
        by=None,
    )
    hidden = _case(
        world,
        name=HIDDEN_NAME,
        region=world.region_b,
        referrer=world.jobcenter_b,
        measure=world.measure_b,
        stage=world.s4,
        by=None,
    )
    run = ImportRun.objects.create(source_kind="csv", created_by=personas["coordinator"])
    visible.organisation, visible.region, visible.employer = world.provider_a, world.region_a, world.employer
    hidden.organisation, hidden.region = world.provider_b, world.region_b
    hidden.employer = Organisation.objects.create(
        code="AG-B", name="Arbeitgeber B", kind=Organisation.Kind.EMPLOYER, region=world.region_b
    )
    visible.measure, hidden.measure = world.measure_a, world.measure_b
    for case in (visible, hidden):
        case.document = document_add(
            person=case.person, kind="cv", name="lebenslauf.pdf", data=b"%PDF-1.4\n%%EOF\n", by=None
        )
    visible.staff_user = _member("konto_a", world.regional_a, Membership.Role.CASEWORKER)
    hidden.staff_user = _member("konto_b", world.regional_b, Membership.Role.CASEWORKER)
    from stufenweg.programmes.models import CaseloadRatio

    ratio = CaseloadRatio.objects.create(programme=world.programme, valid_from=dt.date(2020, 1, 1), ratio=50)
    for case in (visible, hidden):
        case.programme, case.stage, case.caseload_ratio = world.programme, world.s3, ratio
    from stufenweg.programmes.models import ReasonCode

    reason = ReasonCode.objects.create(
        programme=world.programme, purpose="exit", code="arbeit", label="Arbeit"
    )
    for case in (visible, hidden):
        case.reason_code = reason
    for case, organiser, title in (
        (visible, world.jobcenter_a, "Werkstatt A"),
        (hidden, world.jobcenter_b, "Werkstatt B"),
    ):
        objects = group_objects(world, case.participation, organiser=organiser, title=title)
        case.group_event, case.group_session, case.booking = (
            objects.group_event,
            objects.group_session,
            objects.booking,
        )
        case.attendance = attendance_record(
            session=objects.group_session, statuses={objects.booking.pk: "attended"}, by=None
        )[0]
    for case in (visible, hidden):  # a planned service referral (tests/security/write_bodies_support.py)
        support_objects(case)
    for case, office in ((visible, world.regional_a), (hidden, world.regional_b)):  # employers_world.py
        employer_objects(world, case, office=office, employer=world.employer)
    for case, code in ((visible, "BG-M-A"), (hidden, "BG-M-B")):  # write_bodies_households.py
        household_objects(case, case.person, code)
    for case in (visible, hidden):  # a mentorship per case (write_bodies_mentoring.py)
        mentoring_objects(world, case)
        entry_objects(case)  # a log entry (write_bodies_web_corrections.py)
    earlywarning_objects(world)  # the early warning on, with a model (write_bodies_earlywarning.py)
    return MatrixWorld(world, personas, visible, hidden, None, run)


def filter_of(user) -> SavedFilter:
    return SavedFilter.objects.create(user=user, name="Meine Liste", query="q=x")
