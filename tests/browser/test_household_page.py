"""The household page in the browser: the coordinator opens it from the participant page, sees the
benefit table and the chart, records a month through the form; axe checks the page and the form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.people.models import Household, HouseholdMonth
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_reads_and_records_benefit_months(web, world):
    household = Household.objects.create(household_id="BG-BROWSER")
    for month, llu in ((dt.date(2022, 1, 1), "1000"), (dt.date(2022, 3, 1), "600")):
        HouseholdMonth.objects.create(
            household=household, month=month, members=2, llu=Decimal(llu), kdu=Decimal("500")
        )
    person = PersonFactory(last_name="Haushaltsbrowser", household=household, household_role="applicant")
    enter(world, start_journey(world, person), on=dt.date(2022, 2, 1))
    page = web.page
    web.login("koordination")
    web.visit(f"/teilnehmende/{person.pk}/")
    page.click(f"a[href='/personen/haushalte/{household.pk}/']")
    page.wait_for_selector("#h-benefits")
    table = page.inner_text("section[aria-labelledby=h-benefits] table")
    assert "03/2022" in table and "Leistungsbezug verringert" in table
    assert page.get_attribute("section[aria-labelledby=h-benefits] img", "alt")
    web.axe()
    page.click("section[aria-labelledby=h-benefits] a.button")
    page.wait_for_selector("#id_month")
    web.axe()
    page.fill("#id_month", "2022-04")
    page.fill("#id_members", "2")
    page.fill("#id_llu", "0")
    page.fill("#id_kdu", "0")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Der Leistungsmonat wurde gespeichert.")
    assert HouseholdMonth.objects.get(household=household, month=dt.date(2022, 4, 1)).llu == 0
    assert "Leistungsbezug beendet" in page.inner_text("section[aria-labelledby=h-benefits] table")
