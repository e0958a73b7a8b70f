"""The participant page shows the household only as far as the user sees it (issue #11, finding 1):
other members by name only when their participation is in the user's scope, each such read
audited; the rest counted without names; benefit months of a household the user sees.

The mixed household: X and Y referred by Jobcenter A in region A, Z referred by Jobcenter B in
region B, W a member without any participation (a child, say). The foreign-household case stands
for data linked before the join was checked (``test_household_join.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.people.models import Household, HouseholdMonth
from stufenweg.people.selectors import households_visible_to, households_writable_by
from tests.conftest import start_journey
from tests.factories import PersonFactory
from tests.security.households import FOREIGN_NAMES, foreign_household, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(world):
    household = Household.objects.create(household_id="BG-GEMISCHT")
    HouseholdMonth.objects.create(
        household=household,
        month=dt.date(2022, 3, 1),
        members=4,
        llu=Decimal("1333.00"),
        kdu=Decimal("612.00"),
    )
    people = {}
    for label, first_name, role in (
        ("X", "Xaver", "applicant"),
        ("Y", "Yvonne", "partner"),
        ("Z", "Zacharias", "other"),
        ("W", "Wilma", "child"),
    ):
        people[label] = PersonFactory(
            first_name=first_name, last_name="Haushalt", household=household, household_role=role
        )
    start_journey(world, people["X"])
    start_journey(world, people["Y"])
    start_journey(world, people["Z"], referrer=world.jobcenter_b, region=world.region_b)
    return people


def _view(world, persona: str, person) -> tuple[str, set[int]]:
    """The page's HTML and the persons whose read it recorded."""
    client = Client()
    client.force_login(world.personas[persona])
    before = set(AuditEntry.objects.filter(action="read").values_list("pk", flat=True))
    response = client.get(page(person))
    assert response.status_code == 200
    read = AuditEntry.objects.filter(action="read").exclude(pk__in=before)
    return response.content.decode(), set(read.values_list("person_id", flat=True))


@pytest.mark.parametrize(
    ("persona", "named", "hidden"),
    [
        ("jobcenter", {"Y"}, "2 weitere Mitglieder, nicht in Ihrem Zuständigkeitsbereich"),
        ("regional", {"Y"}, "2 weitere Mitglieder, nicht in Ihrem Zuständigkeitsbereich"),
        ("coordinator", {"Y", "Z", "W"}, None),
    ],
)
def test_members_are_named_as_far_as_visible_and_each_named_member_is_audited(
    world, mixed, persona, named, hidden
):
    html, read = _view(world, persona, mixed["X"])
    shown = {label for label, p in mixed.items() if label != "X" and f"Haushalt, {p.first_name}" in html}
    assert shown == named
    assert read == {mixed[label].pk for label in named | {"X"}}
    if hidden:
        assert hidden in html
    else:
        assert "nicht in Ihrem Zuständigkeitsbereich" not in html
    assert "1333,00" in html and "612,00" in html  # every one of them sees the household: months shown


def test_one_hidden_member_is_counted_in_the_singular(world, mixed):
    html, _ = _view(world, "jobcenter", mixed["Y"])
    assert "Haushalt, Xaver" in html
    assert "2 weitere Mitglieder, nicht in Ihrem Zuständigkeitsbereich" in html
    mixed["W"].household = None
    mixed["W"].save()
    html, _ = _view(world, "jobcenter", mixed["Y"])
    assert "1 weiteres Mitglied, nicht in Ihrem Zuständigkeitsbereich" in html


def test_a_person_linked_to_a_foreign_household_shows_none_of_its_members(world):
    """Linked before the join was checked: Jobcenter A sees its own person and nothing of the
    foreign members, and no read of them is recorded."""
    foreign = foreign_household(world)
    planted = PersonFactory(household=foreign.household, last_name="Eingeschleust")
    start_journey(world, planted)
    html, read = _view(world, "jobcenter", planted)
    assert not any(name in html for name in FOREIGN_NAMES)
    assert "2 weitere Mitglieder, nicht in Ihrem Zuständigkeitsbereich" in html
    assert read == {planted.pk}


def test_an_own_single_household_shows_no_hidden_count(world, mixed):
    alone = PersonFactory(household=Household.objects.create(household_id="BG-ALLEIN"))
    start_journey(world, alone)
    html, read = _view(world, "jobcenter", alone)
    assert "Keine weiteren Mitglieder erfasst." in html and "Zuständigkeitsbereich" not in html
    assert read == {alone.pk}


def test_seeing_a_household_is_defined_once(world, mixed):
    """``households_in_scope``: the households of which the scope sees a member's participation;
    the write variant counts only memberships that may act."""
    foreign = foreign_household(world)
    jobcenter = world.personas["jobcenter"]
    assert set(households_visible_to(jobcenter)) == {mixed["X"].household}
    assert set(households_writable_by(jobcenter)) == {mixed["X"].household}
    assert set(households_visible_to(world.personas["coordinator"])) == {
        mixed["X"].household,
        foreign.household,
    }
    assert not households_visible_to(world.personas["dpo"]).exists()
    assert not households_writable_by(world.personas["outsider"]).exists()
