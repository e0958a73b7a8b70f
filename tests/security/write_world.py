"""The fixture world of the write-authority test.

Personas: those of ``tests.conftest`` (coordinator, regional, provider, jobcenter, mentor, outsider,
dpo) and ``matrix_world.extra_personas`` (statistics; readonly: read-only at regional office A;
mixed: read-only at regional office A and caseworker at regional office B; coord_readonly:
read-only at the coordination office, the demo's ``lesend``: sees everything, changes nothing).

Cases (each with a goal, a step, an appointment, the entry event and an internship):

* ``visible`` — region A, referred by Jobcenter A, in stage 3 of provider A's measure: every
  region-A persona sees it (not the mentoring project, which sees only its own measure);
* ``hidden`` — region B, Jobcenter B, provider B: only the coordination office and ``mixed``
  (through regional office B) see it;
* ``exited`` — like ``visible``, but the participant has left the measure (for follow-ups and
  reactivations).

Each case has a current caseworker (a member of its regional office) for the reassignment, and the
coordinator owns a saved filter and an API key (objects that only their owner may delete).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stufenweg.api.models import ApiKey
from stufenweg.api.services import api_key_issue
from stufenweg.casework.models import SavedFilter
from stufenweg.journeys import services as journeys
from stufenweg.people.services import document_add
from tests.casework.test_write_scope import Case
from tests.casework.test_write_scope import _case as make_case
from tests.factories import MembershipFactory, UserFactory
from tests.security import employers_world as employers
from tests.security import write_bodies_costs as costs
from tests.security import write_bodies_earlywarning as earlywarning
from tests.security import write_bodies_groupwork as groupwork
from tests.security import write_bodies_households as households
from tests.security import write_bodies_mentoring as mentoring
from tests.security import write_bodies_support as support
from tests.security import write_bodies_web_corrections as corrections
from tests.security.matrix_world import extra_personas, filter_of

PERSONAS = (
    "anonymous",
    "coordinator",
    "coord_readonly",
    "regional",
    "readonly",
    "provider",
    "jobcenter",
    "mentor",
    "outsider",
    "dpo",
    "statistics",
    "mixed",
)


@dataclass
class WriteWorld:
    world: object
    personas: dict
    cases: dict[str, Case]
    caseworkers: dict[str, object]  # the current caseworker of each case
    own_filter: SavedFilter  # the coordinator's
    own_key: ApiKey  # the coordinator's


def _caseworker(username: str, organisation):
    return MembershipFactory(user=UserFactory(username=username), organisation=organisation).user


def build(world) -> WriteWorld:
    personas = {**world.personas, **extra_personas(world)}

    region_a = {"referrer": world.jobcenter_a, "region": world.region_a, "measure": world.measure_a}
    cases = {
        "visible": make_case(world, name="Sichtbar", person_id="W-A1", stage=world.s3, **region_a),
        "hidden": make_case(
            world,
            name="Verborgen",
            person_id="W-B1",
            referrer=world.jobcenter_b,
            region=world.region_b,
            measure=world.measure_b,
            stage=world.s4,
        ),
        "exited": make_case(world, name="Ausgetreten", person_id="W-A2", stage=world.s3, **region_a),
    }
    journeys.enrolment_exit(
        participation=cases["exited"].participation,
        on=dt.date(2024, 6, 28),
        kind="regular",
        statuses=["job_seeking"],
        by=None,
    )
    caseworkers = {
        "visible": _caseworker("kollege_a", world.regional_a),
        "exited": _caseworker("kollegin_a", world.regional_a),
        "hidden": _caseworker("kollege_b", world.regional_b),
    }
    for which, case in cases.items():
        journeys.participation_assign_caseworker(
            participation=case.participation, caseworker=caseworkers[which], by=None
        )
        case.participation.refresh_from_db()
    for case in cases.values():  # a file attached to each case's person (people documents)
        case.document = document_add(
            person=case.participation.person,
            kind="cv",
            name="lebenslauf.pdf",
            data=b"%PDF-1.4\n%%EOF\n",
            by=None,
        )
    from stufenweg.programmes.models import CaseloadRatio  # the programme's ratio (programme administration)

    CaseloadRatio.objects.create(programme=world.programme, valid_from=dt.date(2020, 1, 1), ratio=50)
    from stufenweg.programmes.reason_codes import seed_defaults  # the lists of reasons

    seed_defaults([world.programme.pk])
    own_key = api_key_issue(user=personas["coordinator"], by=None, name="eigener", days=30).api_key
    ww = WriteWorld(world, personas, cases, caseworkers, filter_of(personas["coordinator"]), own_key)
    groupwork.write_objects(ww)  # group events per case (tests/security/write_bodies_groupwork.py)
    employers.write_objects(ww)  # employer contacts and vacancies (tests/security/employers_world.py)
    support.write_objects(ww)  # a planned service referral per case (write_bodies_support.py)
    households.write_objects(ww)  # a household per case (write_bodies_households.py)
    mentoring.write_objects(ww)  # a mentorship per case (write_bodies_mentoring.py)
    corrections.write_objects(ww)  # a log entry per mentorship (write_bodies_web_corrections.py)
    earlywarning.write_objects(ww)  # the early warning on, with a model (write_bodies_earlywarning.py)
    costs.cost_entry(
        world
    )  # a cost entry to edit, there before any write is measured (write_bodies_costs.py)
    return ww
