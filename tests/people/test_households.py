"""The household page, its benefit months and their outcome, hand-counted.

The household BG-TEST: Anna (applicant; referred by Jobcenter A in region A, entered 1 Feb 2022),
Bernd (partner; referred by Jobcenter B in region B, not entered) and Clara (child, no
participation). First entry of a member: 1 Feb 2022, so the comparison month is January 2022
(LLU 1000 + KdU 500 = 1500 €).

Benefit months (LLU + KdU) and the outcome by hand (docs/indicators.md):

    2021-12  900 + 400 = 1300   – (before the comparison month)
    2022-01 1000 + 500 = 1500   – (the comparison month)
    2022-02 1000 + 500 = 1500   nicht verringert (equal)
    2022-03  600 + 500 = 1100   verringert
    2022-04  no row             beendet (no row after receipt began: no benefit)
    2022-05    0 +   0 =    0   beendet
    2022-06 1200 + 400 = 1600   nicht verringert (higher)

→ beendet 2, verringert 1, nicht verringert 2.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services as journeys
from stufenweg.people import households
from stufenweg.people.models import Household, HouseholdMonth
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ROWS = {
    (2021, 12): ("900", "400"),
    (2022, 1): ("1000", "500"),
    (2022, 2): ("1000", "500"),
    (2022, 3): ("600", "500"),
    (2022, 5): ("0", "0"),
    (2022, 6): ("1200", "400"),
}


@pytest.fixture
def bg(world):
    household = Household.objects.create(household_id="BG-TEST")
    for (year, month), (llu, kdu) in ROWS.items():
        HouseholdMonth.objects.create(
            household=household, month=dt.date(year, month, 1), members=3, llu=Decimal(llu), kdu=Decimal(kdu)
        )
    anna = PersonFactory(
        first_name="Anna", last_name="Haushaltsmitglied", household=household, household_role="applicant"
    )
    bernd = PersonFactory(
        first_name="Bernd", last_name="Verborgenmitglied", household=household, household_role="partner"
    )
    PersonFactory(first_name="Clara", last_name="Kindmitglied", household=household, household_role="child")
    participation = start_journey(world, anna)
    enter(world, participation, on=dt.date(2022, 2, 1))
    journeys.employment_start_record(
        participation=participation, on=dt.date(2022, 3, 15), kind="svb", employer=world.employer, by=None
    )
    journeys.employment_end_record(participation=participation, on=dt.date(2022, 9, 30), by=None)
    start_journey(world, bernd, referrer=world.jobcenter_b, region=world.region_b)
    return household


def test_outcome_per_month_hand_counted(bg):
    benefits = households.benefits_of(bg, today=dt.date(2026, 12, 7))
    assert benefits.baseline_month == dt.date(2022, 1, 1)
    assert benefits.baseline_total == Decimal("1500")
    got = [(f"{m.month:%Y-%m}", m.recorded, m.total, m.outcome) for m in benefits.months]
    assert got == [
        ("2021-12", True, Decimal("1300"), None),
        ("2022-01", True, Decimal("1500"), None),
        ("2022-02", True, Decimal("1500"), "unchanged"),
        ("2022-03", True, Decimal("1100"), "reduced"),
        ("2022-04", False, Decimal("0"), "ended"),
        ("2022-05", True, Decimal("0"), "ended"),
        ("2022-06", True, Decimal("1600"), "unchanged"),
    ]
    assert (benefits.count("ended"), benefits.count("reduced"), benefits.count("unchanged")) == (2, 1, 2)


def test_months_run_to_the_data_month_of_all_households(bg):
    other = Household.objects.create(household_id="BG-ANDERE")
    HouseholdMonth.objects.create(household=other, month=dt.date(2022, 8, 1), members=1, llu=1, kdu=1)
    benefits = households.benefits_of(bg, today=dt.date(2026, 12, 7))
    assert [f"{m.month:%Y-%m}" for m in benefits.months][-2:] == ["2022-07", "2022-08"]
    assert benefits.count("ended") == 4  # 04, 05, and the two months without a row
    # never beyond the current month
    assert households.benefits_of(bg, today=dt.date(2022, 7, 15)).months[-1].month == dt.date(2022, 7, 1)


def test_no_comparison_without_a_benefit_in_the_month_before_entry(bg):
    HouseholdMonth.objects.filter(household=bg, month=dt.date(2022, 1, 1)).delete()
    benefits = households.benefits_of(bg, today=dt.date(2026, 12, 7))
    assert benefits.baseline_total is None
    assert all(m.outcome is None for m in benefits.months)


def test_a_voided_entry_does_not_count(world, bg):
    anna = bg.members.get(first_name="Anna")
    entry = anna.participations.get().events.get(kind="entry")
    assert households.first_entry(bg) == dt.date(2022, 2, 1)
    journeys.journey_event_void(event=entry, by=None, reason="falsch erfasst")
    assert households.first_entry(bg) is None


def _client(world, persona):
    client = Client()
    client.force_login(world.personas[persona])
    return client


def test_page_for_the_coordination_office(world, bg):
    before = AuditEntry.objects.filter(action="read").count()
    response = _client(world, "coordinator").get(reverse("people:household_detail", args=[bg.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Haushaltsmitglied", "Verborgenmitglied", "Kindmitglied"):
        assert name in html
    assert "Beschäftigung" in html and "15.03.2022" in html and "30.09.2022" in html
    assert html.count("<tr>") == 1 + 7  # header and the seven months
    assert "Leistungsbezug beendet: 2 Monate" in html
    assert "Leistungsbezug verringert: 1 Monat" in html
    assert "Leistungsmonat erfassen" in html
    assert AuditEntry.objects.filter(action="read").count() - before == 3  # every member shown


def test_page_shows_only_members_in_scope(world, bg):
    response = _client(world, "jobcenter").get(reverse("people:household_detail", args=[bg.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Haushaltsmitglied" in html
    assert "Verborgenmitglied" not in html and "Kindmitglied" not in html
    assert "2 weitere Mitglieder, nicht in Ihrem Zuständigkeitsbereich" in html
    read = AuditEntry.objects.filter(action="read", actor=world.personas["jobcenter"])
    assert {e.person.last_name for e in read} == {"Haushaltsmitglied"}


def test_household_outside_the_scope_is_not_found(world, bg):
    other = Household.objects.create(household_id="BG-FREMD")
    person = PersonFactory(last_name="Fremdmitglied", household=other)
    start_journey(world, person, referrer=world.jobcenter_b, region=world.region_b)
    for name in ("household_detail", "household_chart", "household_month"):
        response = _client(world, "regional").get(reverse(f"people:{name}", args=[other.pk]))
        assert response.status_code == 404, name


def test_chart_is_a_png(world, bg):
    response = _client(world, "regional").get(reverse("people:household_chart", args=[bg.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_participant_page_links_the_household(world, bg):
    anna = bg.members.get(first_name="Anna")
    response = _client(world, "regional").get(reverse("casework:participant_detail", args=[anna.pk]))
    assert reverse("people:household_detail", args=[bg.pk]) in response.content.decode()


def _post(client, bg, **data):
    body = {"month": "2022-07", "members": "3", "llu": "1012,50", "kdu": "455,00", **data}
    return client.post(reverse("people:household_month", args=[bg.pk]), body)


def test_recording_a_month_and_replacing_it(world, bg):
    client = _client(world, "regional")
    assert _post(client, bg).status_code == 302
    row = HouseholdMonth.objects.get(household=bg, month=dt.date(2022, 7, 1))
    assert (row.members, row.llu, row.kdu) == (3, Decimal("1012.50"), Decimal("455.00"))
    assert _post(client, bg, members="2", llu="800", kdu="0").status_code == 302
    row = HouseholdMonth.objects.get(household=bg, month=dt.date(2022, 7, 1))
    assert (row.members, row.llu, row.kdu) == (2, Decimal("800.00"), Decimal("0.00"))
    assert HouseholdMonth.objects.filter(household=bg).count() == len(ROWS) + 1
    entries = AuditEntry.objects.filter(object_type="people.householdmonth", object_id=str(row.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
    # the form for an existing month is filled with its values
    html = client.get(reverse("people:household_month", args=[bg.pk]) + "?monat=2022-07").content.decode()
    assert 'value="800,00"' in html or 'value="800.00"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "2099-01"}, "nicht in der Zukunft"),
        ({"month": "2022-13"}, "JJJJ-MM"),
        ({"month": "07/2022"}, "JJJJ-MM"),
        ({"llu": "-1"}, "größer oder gleich 0"),
        ({"kdu": "-0,01"}, "größer oder gleich 0"),
        ({"members": "0"}, "größer oder gleich 1"),
    ],
)
def test_bad_input_is_refused_whole(world, bg, data, message):
    count = HouseholdMonth.objects.count()
    response = _post(_client(world, "coordinator"), bg, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert HouseholdMonth.objects.count() == count


def test_who_may_record(world, bg):
    from tests.factories import MembershipFactory, UserFactory

    readonly = MembershipFactory(
        user=UserFactory(username="bg_lesend"), organisation=world.regional_a, role="read_only"
    ).user
    assert _post(_client(world, "outsider"), bg).status_code == 404
    assert _post(_client(world, "mentor"), bg).status_code == 404
    client = Client()
    client.force_login(readonly)
    assert _post(client, bg).status_code == 403
    assert not HouseholdMonth.objects.filter(month=dt.date(2022, 7, 1)).exists()
    # the service refuses the same (web, API and import alike)
    with pytest.raises(PermissionDenied):
        households.month_record(
            household=bg, month=dt.date(2022, 7, 1), members=1, llu=Decimal(1), kdu=Decimal(1), by=readonly
        )
    with pytest.raises(ValidationError):
        households.month_record(
            household=bg, month=dt.date(2099, 1, 1), members=1, llu=Decimal(1), kdu=Decimal(1), by=None
        )
    households.month_record(
        household=bg, month=dt.date(2022, 7, 1), members=1, llu=Decimal(1), kdu=Decimal(1), by=None
    )
    assert HouseholdMonth.objects.filter(month=dt.date(2022, 7, 1)).count() == 1
