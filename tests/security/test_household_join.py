"""A person joins an existing household only through an organisation that already sees it (issue #11,
finding 1). The check sits in ``people.services.household_to_join`` (called by ``person_create``),
so the API and every other caller of the service behave the same."""

from __future__ import annotations

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import Participation
from stufenweg.organisations.models import Membership, Organisation
from stufenweg.people.models import Household, HouseholdMonth, Person
from tests.api.conftest import client_for
from tests.conftest import start_journey
from tests.factories import (
    HouseholdFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.interchange.conftest import BASE, write_files
from tests.security.households import (
    FOREIGN_CODE,
    FOREIGN_NAMES,
    NEW_PERSON,
    foreign_household,
    page,
    referral,
)

pytestmark = pytest.mark.django_db

PERSONS = "/api/v1/persons/"
EVENTS = "/api/v1/events/"


@pytest.fixture
def foreign(world):
    return foreign_household(world)


def test_the_attack_of_the_probe_is_refused_and_the_page_shows_nothing_foreign(world, foreign):
    """Jobcenter token, POST person with the foreign household, referral, participant page."""
    api = client_for(world.personas["jobcenter"])
    response = api.post(PERSONS, {**NEW_PERSON, "household_id": FOREIGN_CODE}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["household_id"]
    message = response.json()["household_id"][0]
    assert "Koordinierungsstelle" in message
    assert FOREIGN_CODE not in message and not any(name in message for name in FOREIGN_NAMES)
    assert not Person.objects.filter(person_id=NEW_PERSON["person_id"]).exists()
    assert set(foreign.household.members.all()) == {foreign.applicant, foreign.partner}
    # the referral has nobody to refer; nothing was opened
    assert api.post(EVENTS, referral(NEW_PERSON["person_id"]), format="json").status_code == 404
    assert not Participation.objects.filter(person__person_id=NEW_PERSON["person_id"]).exists()

    # the attacker tries again without the household: the person exists, but the page is clean
    created = api.post(PERSONS, NEW_PERSON, format="json")
    assert created.status_code == 201, created.content
    assert api.post(EVENTS, referral(NEW_PERSON["person_id"]), format="json").status_code == 201
    web = Client()
    web.force_login(world.personas["jobcenter"])
    html = web.get(page(Person.objects.get(person_id=NEW_PERSON["person_id"]))).content.decode()
    assert "Keiner Bedarfsgemeinschaft zugeordnet." in html
    assert not any(name in html for name in FOREIGN_NAMES) and FOREIGN_CODE not in html
    assert "1012" not in html and "455" not in html
    for member in (foreign.applicant, foreign.partner):
        assert web.get(page(member)).status_code == 404
    assert not AuditEntry.objects.filter(
        person__in=[foreign.applicant, foreign.partner], action="read"
    ).exists()


def test_the_refusal_is_the_same_whatever_the_household_holds(world, foreign):
    """A household with members elsewhere and one with benefit months only (households.csv) are
    refused with the same answer; the answer names no code, member or amount."""
    empty = Household.objects.create(household_id="WP-BG-00002")
    HouseholdMonth.objects.create(household=empty, month="2022-01-01", members=3, llu=900, kdu=400)
    api = client_for(world.personas["jobcenter"])
    answers = [
        api.post(PERSONS, {**NEW_PERSON, "household_id": code}, format="json")
        for code in (FOREIGN_CODE, "WP-BG-00002")
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert not Person.objects.filter(person_id=NEW_PERSON["person_id"]).exists()
    assert empty.members.count() == 0


def test_a_new_code_creates_a_household_and_the_own_household_can_be_joined(world):
    """A new code creates the household. A second member can be added once a member's participation
    is in the organisation's scope (the referral), not before: until then nobody but the coordination
    office sees the household."""
    api = client_for(world.personas["jobcenter"])
    first = api.post(PERSONS, {**NEW_PERSON, "household_id": "JC-A-BG-7"}, format="json")
    assert first.status_code == 201, first.content
    household = Household.objects.get(household_id="JC-A-BG-7")
    partner = {**NEW_PERSON, "person_id": "JC-2026-0043", "first_name": "Emil", "household_id": "JC-A-BG-7"}
    assert api.post(PERSONS, partner, format="json").status_code == 400  # not yet referred
    assert api.post(EVENTS, referral(NEW_PERSON["person_id"]), format="json").status_code == 201
    joined = api.post(PERSONS, partner, format="json")
    assert joined.status_code == 201, joined.content
    assert joined.json()["household_id"] == "JC-A-BG-7"
    assert set(household.members.values_list("person_id", flat=True)) == {"JC-2026-0042", "JC-2026-0043"}


def test_an_organisation_seeing_a_member_may_join_the_household(world, foreign):
    """Jobcenter B referred the foreign members: it may add a further member."""
    jobcenter_b = MembershipFactory(user=UserFactory(username="jc-b"), organisation=world.jobcenter_b).user
    response = client_for(jobcenter_b).post(
        PERSONS, {**NEW_PERSON, "household_id": FOREIGN_CODE}, format="json"
    )
    assert response.status_code == 201, response.content
    assert foreign.household.members.count() == 3


def test_a_household_seen_only_through_a_read_only_membership_cannot_be_joined(world):
    """Read-only at Regionalbüro A (sees region A), caseworker at Jobcenter B: joining is acting, so
    only the organisations where the user may act count."""
    user = MembershipFactory(
        user=UserFactory(username="gemischt"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user
    MembershipFactory(user=user, organisation=world.jobcenter_b)

    seen_read_only = PersonFactory(household=HouseholdFactory(household_id="BG-RA"))
    start_journey(world, seen_read_only)  # Jobcenter A, region A
    seen_writing = PersonFactory(household=HouseholdFactory(household_id="BG-JCB"))
    start_journey(world, seen_writing, referrer=world.jobcenter_b, region=world.region_b)
    api = client_for(user)
    refused = api.post(PERSONS, {**NEW_PERSON, "household_id": "BG-RA"}, format="json")
    assert refused.status_code == 400 and list(refused.json()) == ["household_id"]
    joined = api.post(PERSONS, {**NEW_PERSON, "household_id": "BG-JCB"}, format="json")
    assert joined.status_code == 201, joined.content


def test_the_coordination_office_may_name_any_household(world, foreign):
    response = client_for(world.personas["coordinator"]).post(
        PERSONS, {**NEW_PERSON, "household_id": FOREIGN_CODE}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Person.objects.get(person_id=NEW_PERSON["person_id"]).household == foreign.household


@pytest.mark.parametrize("by_coordinator", [False, True], ids=["command-line", "coordination-office"])
def test_the_import_links_persons_to_an_existing_household(tmp_path, by_coordinator):
    """persons.csv names BG1, which already exists with a member of its own: P1 and P3 join it."""

    household = Household.objects.create(household_id="BG1")
    earlier = PersonFactory(household=household)
    by = None
    if by_coordinator:
        office = OrganisationFactory(code="KS", kind=Organisation.Kind.COORDINATION_OFFICE, region=None)
        by = MembershipFactory(user=UserFactory(username="ks"), organisation=office).user
    result = import_exchange(write_files(tmp_path / "in", BASE), by=by)
    assert result.problems == [] and result.written
    assert set(household.members.all()) == {earlier, *Person.objects.filter(person_id__in=["P1", "P3"])}
