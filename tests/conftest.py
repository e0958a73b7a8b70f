"""Shared fixtures: a small programme world and one fixed persona per organisation kind."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from stufenweg.journeys import services
from stufenweg.organisations.models import Membership, Organisation
from tests.factories import (
    MeasureFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    RegionFactory,
    StageFactory,
    UserFactory,
)

Kind = Organisation.Kind


@dataclass
class World:
    programme: object
    s2: object
    s3: object
    s4: object
    region_a: object
    region_b: object
    coordination: object
    regional_a: object
    regional_b: object
    provider_a: object
    provider_b: object
    jobcenter_a: object
    jobcenter_b: object
    mentoring: object
    employer: object
    measure_a: object  # provider_a, region_a, stages 2 and 3
    measure_b: object  # provider_b, region_b, stage 4
    measure_m: object  # mentoring project, region_a, stage 4
    personas: dict


PERSONAS = ["coordinator", "regional", "provider", "jobcenter", "mentor", "outsider", "dpo"]


@pytest.fixture(autouse=True)
def _german_by_default():
    """Every test starts in the product's language; a request that switched to English in an
    earlier test of the same worker must not leak into code that runs outside a request."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db) -> World:
    return make_world()


@contextlib.contextmanager
def data_for_module(django_db_blocker):
    """For a module-scoped fixture whose data every test of the module only reads: the block runs in
    a transaction that is rolled back when the module is done; each test runs in a savepoint inside
    it (pytest-django's ``db``), so what a test writes is gone before the next. Building the data
    once instead of once per test; the tests must not depend on rows another test wrote."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def make_world() -> World:
    """The programme world of ``world`` (built in the current transaction)."""
    programme = ProgrammeFactory(code="JPS", name="JobPerspektive Test")
    s2 = StageFactory(
        programme=programme,
        code="S2",
        name="Stufe 2 – QAB",
        position=1,
        max_months=36,
        min_age=25,
        max_age=58,
    )
    s3 = StageFactory(programme=programme, code="S3", name="Stufe 3 – IEB", position=2, max_months=12)
    s4 = StageFactory(
        programme=programme, code="S4", name="Stufe 4 – VdB", position=3, max_months=12, extendable=True
    )
    s4.next_stages.set([s2, s3])
    region_a = RegionFactory(code="RA", name="Region A")
    region_b = RegionFactory(code="RB", name="Region B")
    coordination = OrganisationFactory(
        code="REGIE", name="Regiestelle", kind=Kind.COORDINATION_OFFICE, region=None
    )
    regional_a = OrganisationFactory(
        code="RB-A", name="Regionalbüro A", kind=Kind.REGIONAL_OFFICE, region=region_a
    )
    regional_b = OrganisationFactory(
        code="RB-B", name="Regionalbüro B", kind=Kind.REGIONAL_OFFICE, region=region_b
    )
    provider_a = OrganisationFactory(code="BDL-A", name="Träger A", kind=Kind.PROVIDER, region=region_a)
    provider_b = OrganisationFactory(code="BDL-B", name="Träger B", kind=Kind.PROVIDER, region=region_b)
    jobcenter_a = OrganisationFactory(code="JC-A", name="Jobcenter A", kind=Kind.JOBCENTER, region=region_a)
    jobcenter_b = OrganisationFactory(code="JC-B", name="Jobcenter B", kind=Kind.JOBCENTER, region=region_b)
    mentoring = OrganisationFactory(
        code="AMM", name="Mentorenprojekt", kind=Kind.MENTORING_PROJECT, region=region_a
    )
    employer = OrganisationFactory(
        code="AG-1", name="Pflegedienst Lichtblicke", kind=Kind.EMPLOYER, region=region_a
    )
    measure_a = MeasureFactory(
        code="MA",
        programme=programme,
        provider=provider_a,
        region=region_a,
        stages=[s2, s3],
        places=3,
        start=dt.date(2020, 1, 1),
    )
    measure_b = MeasureFactory(
        code="MB",
        programme=programme,
        provider=provider_b,
        region=region_b,
        stages=[s4],
        places=3,
        start=dt.date(2020, 1, 1),
    )
    measure_m = MeasureFactory(
        code="MM",
        programme=programme,
        provider=mentoring,
        region=region_a,
        stages=[s4],
        places=3,
        start=dt.date(2020, 1, 1),
    )
    personas = {
        "coordinator": MembershipFactory(
            user=UserFactory(username="koordination"), organisation=coordination
        ).user,
        "regional": MembershipFactory(user=UserFactory(username="regional"), organisation=regional_a).user,
        "provider": MembershipFactory(user=UserFactory(username="traeger"), organisation=provider_a).user,
        "jobcenter": MembershipFactory(user=UserFactory(username="jobcenter"), organisation=jobcenter_a).user,
        "mentor": MembershipFactory(user=UserFactory(username="mentor"), organisation=mentoring).user,
        "outsider": UserFactory(username="aussen"),
        "dpo": MembershipFactory(
            user=UserFactory(username="datenschutz"),
            organisation=coordination,
            role=Membership.Role.DATA_PROTECTION,
        ).user,
    }
    return World(
        programme,
        s2,
        s3,
        s4,
        region_a,
        region_b,
        coordination,
        regional_a,
        regional_b,
        provider_a,
        provider_b,
        jobcenter_a,
        jobcenter_b,
        mentoring,
        employer,
        measure_a,
        measure_b,
        measure_m,
        personas,
    )


@pytest.fixture
def person(db):
    return PersonFactory(birth_date=dt.date(1980, 5, 17))


def start_journey(world: World, person, *, on=dt.date(2022, 1, 10), referrer=None, region=None, by=None):
    """Referral and assessment start; returns the participation."""
    services.participation_refer(
        person=person,
        programme=world.programme,
        on=on,
        referrer=referrer or world.jobcenter_a,
        region=region or world.region_a,
        by=by,
    )
    event = services.participation_start_assessment(
        person=person, programme=world.programme, on=on + dt.timedelta(days=7), by=by
    )
    return event.participation


def enter(
    world: World,
    participation,
    *,
    measure=None,
    stage=None,
    on=dt.date(2022, 2, 1),
    planned_end=None,
    by=None,
):
    return services.enrolment_enter(
        participation=participation,
        measure=measure or world.measure_a,
        stage=stage or world.s3,
        on=on,
        planned_end=planned_end,
        employment_status="unemployed",
        unemployed_since=dt.date(2019, 1, 1),
        benefit="sgb2",
        by=by,
    )


@pytest.fixture(scope="session")
def _document_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(autouse=True)
def _documents_in_temporary_folder(settings, _document_folder):
    """Files attached to persons go to a temporary folder, never into the working tree's data/."""
    settings.STUFENWEG_DOCUMENT_DIR = _document_folder


def page_html(user, url: str) -> str:
    """The page at ``url`` as ``user`` sees it (asserting it opens)."""
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
