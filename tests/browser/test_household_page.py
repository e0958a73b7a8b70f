"""The household page in the browser: the coordinator opens it from the participant page, sees the
benefit table and the chart, records a month through the form, takes over a file of months (a bad
file first: the errors by row and column, nothing saved); months without benefit in a row are one
table row. axe checks the page, the form and the page with the file's errors."""

from __future__ import annotations

import datetime as dt
import os
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


def test_a_file_of_months_and_the_runs_without_benefit(web, world, tmp_path):
    household = Household.objects.create(household_id="BG-DATEI")
    HouseholdMonth.objects.create(
        household=household, month=dt.date(2023, 1, 1), members=2, llu=Decimal("900"), kdu=Decimal("450")
    )
    person = PersonFactory(last_name="Haushaltsdatei", household=household, household_role="applicant")
    enter(world, start_journey(world, person), on=dt.date(2023, 2, 1))
    page = web.page
    web.login("koordination")
    web.visit(f"/personen/haushalte/{household.pk}/")
    page.click("summary:text-is('Leistungsmonate aus einer Datei übernehmen')")
    bad = tmp_path / "households.csv"
    bad.write_text(
        "household_id;month;members;llu;kdu\nBG-DATEI;2023-02;2;900;abc\nBG-ANDERS;2023-03;2;1;1\n"
    )
    page.set_input_files("#id_file", str(bad))
    page.click("details.household-upload button[type=submit]")
    page.wait_for_selector("#upload-problems")
    problems = page.inner_text("#upload-problems")
    assert "2\tkdu\tabc" in problems and "3\thousehold_id\tBG-ANDERS" in problems
    assert HouseholdMonth.objects.filter(household=household).count() == 1
    web.axe()
    shots = os.environ.get("STUFENWEG_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/household_upload_errors.png", full_page=True)
    good = tmp_path / "monate.csv"
    # February recorded with less benefit, March to June without a row, July again
    good.write_text(
        "household_id,month,members,llu,kdu\nBG-DATEI,2023-02,2,600,450\nBG-DATEI,2023-07,2,300,450\n"
    )
    page.set_input_files("#id_file", str(good))
    page.click("details.household-upload button[type=submit]")
    page.wait_for_selector("text=Die Datei wurde übernommen (Monate: 2 neu, 0 geändert, 0 unverändert).")
    web.axe()
    table = page.inner_text("section[aria-labelledby=h-benefits] table")
    assert "03/2023 – 06/2023" in table and "keine Leistung (4 Monate)" in table
    assert "02/2023" in table and "Leistungsbezug verringert" in table
    if shots:
        page.screenshot(path=f"{shots}/household_page.png", full_page=True)
