"""Households and benefit months through the API: seen through a member's participation, months
recorded or corrected through people.households.month_record (who may record: the coordination
office and the writing organisations that see a member), reads audited. Expected by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.people.models import Household, HouseholdMonth
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def households(journeys):
    """BG-A: person A (region A) and a person in nobody's sight; BG-B: person B (region B)."""
    bg_a = Household.objects.create(household_id="BG-A")
    bg_b = Household.objects.create(household_id="BG-B")
    for person, household in ((journeys.person_a, bg_a), (journeys.person_b, bg_b)):
        person.household = household
        person.save(update_fields=["household"])
    PersonFactory(person_id="PX-1", household=bg_a)  # no participation: nobody sees this one
    HouseholdMonth.objects.create(household=bg_a, month="2024-04-01", members=2, llu="1012.50", kdu="455")
    HouseholdMonth.objects.create(household=bg_b, month="2024-04-01", members=1, llu="563", kdu="390")
    return bg_a, bg_b


def _post(client, household, month="2024-05", **extra):
    body = {
        "household": household.pk,
        "month": month,
        "members": 2,
        "llu": "1012.50",
        "kdu": "455.00",
        **extra,
    }
    return client.post("/api/v1/household-months/", body, format="json")


def test_who_sees_which_household_and_its_months(households, journeys, as_persona):
    bg_a, bg_b = households
    expected = {"coordinator": ["BG-A", "BG-B"], "regional": ["BG-A"], "provider": ["BG-A"], "mentor": []}
    for persona, codes in expected.items():
        client = as_persona(persona)
        listed = client.get("/api/v1/households/").json()["results"]
        assert [h["household_id"] for h in listed] == codes, persona
        months = client.get("/api/v1/household-months/").json()["results"]
        assert [(m["household_id"], m["month"]) for m in months] == [(c, "2024-04") for c in codes], persona
        assert client.get(f"/api/v1/households/{bg_b.pk}/").status_code == (200 if "BG-B" in codes else 404)
    detail = as_persona("regional").get(f"/api/v1/households/{bg_a.pk}/").json()
    # the member outside the sight is counted, not named
    assert (detail["persons"], detail["hidden_members"]) == (
        [journeys.person_a.pk],
        1,
    )
    month = as_persona("regional").get("/api/v1/household-months/?household_id=BG-A").json()["results"][0]
    assert (month["members"], month["llu"], month["kdu"]) == (2, "1012.50", "455.00")


def test_a_month_is_recorded_and_corrected(households, as_persona):
    bg_a, _bg_b = households
    client = as_persona("provider")
    created = _post(client, bg_a)
    assert created.status_code == 201, created.json()
    assert created.json()["month"] == "2024-05"
    corrected = _post(client, bg_a, llu="900.00")
    assert corrected.status_code == 200, corrected.json()
    row = HouseholdMonth.objects.get(household=bg_a, month="2024-05-01")
    assert (row.members, row.llu, row.kdu) == (2, Decimal("900.00"), Decimal("455.00"))
    assert HouseholdMonth.objects.filter(household=bg_a).count() == 2
    writes = AuditEntry.objects.filter(object_type="people.householdmonth", object_id=str(row.pk))
    assert sorted(writes.values_list("action", flat=True)) == ["create", "update"]


def test_bad_values_and_foreign_households_are_refused(households, as_persona):
    bg_a, bg_b = households
    client = as_persona("regional")
    future = _post(client, bg_a, month="2199-01")
    assert future.status_code == 400
    assert future.json() == {"month": ["Der Monat darf nicht in der Zukunft liegen."]}
    nobody = _post(client, bg_a, members=0)
    assert nobody.status_code == 400
    assert nobody.json() == {"members": ["Die Bedarfsgemeinschaft hat mindestens eine Person."]}
    bad_month = _post(client, bg_a, month="2024-13")
    assert bad_month.status_code == 400 and set(bad_month.json()) == {"month"}
    year_zero = _post(client, bg_a, month="0000-09")  # no date at all (was a 500)
    assert year_zero.status_code == 400 and set(year_zero.json()) == {"month"}
    assert _post(client, bg_b).status_code == 404  # region B: not in the regional office's sight
    assert _post(as_persona("dpo"), bg_a).status_code == 403
    assert HouseholdMonth.objects.count() == 2


def test_reads_are_recorded_for_the_members_in_sight(households, journeys, world, as_persona):
    bg_a, _bg_b = households
    client = as_persona("regional")
    user = world.personas["regional"]
    client.get("/api/v1/households/")
    client.get("/api/v1/household-months/")
    reads = AuditEntry.objects.filter(action="read", actor=user, purpose="API").order_by("id")
    assert list(reads.values_list("person_id", "summary")) == [
        (journeys.person_a.pk, "API: Bedarfsgemeinschaften (Liste)"),
        (journeys.person_a.pk, "API: Leistungsmonate (Liste)"),
    ]
