"""The cost page in the browser: the coordinator opens it, records a cost entry through the form
(an overlapping one first: the German error at the field, nothing saved), reads the balance table
with the break-even month and the chart; axe checks the page, the form and the form with errors.
A screenshot is kept for a look (``STUFENWEG_SCREENSHOTS``)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest

from stufenweg.costs import services
from stufenweg.costs.models import CostEntry
from tests.costs.conftest import household  # noqa: F401 - the hand-counted household of BG-KOSTEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("household")
def test_the_coordinator_records_costs_and_reads_the_balance(web, world):
    services.cost_entry_save(
        programme=world.programme,
        organisation=world.coordination,
        category="staff",
        monthly_amount=Decimal("1000"),
        valid_from=dt.date(2022, 4, 1),
        valid_to=dt.date(2022, 6, 30),
        by=None,
    )
    page = web.page
    page.set_default_timeout(60_000)  # the shared test machine can be slow
    page.set_default_navigation_timeout(60_000)
    web.login("koordination")
    web.visit("/kosten/")
    page.click(f"a[href='/kosten/{world.programme.pk}/']")
    page.wait_for_selector("#cost-balance")
    web.axe()
    page.click("text=Kostenposten erfassen")
    page.wait_for_selector("#id_monthly_amount")
    web.axe()
    page.select_option("#id_organisation", str(world.coordination.pk))
    page.select_option("#id_category", "staff")
    page.fill("#id_monthly_amount", "600")
    page.fill("#id_valid_from", "2022-06-01")  # overlaps the first entry's June
    page.click("main button[type=submit]")
    page.wait_for_selector("text=die Gültigkeiten dürfen sich nicht überschneiden")
    web.axe()
    assert CostEntry.objects.count() == 1
    page.fill("#id_valid_from", "2022-07-01")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Der Kostenposten wurde gespeichert.")
    table = page.inner_text("#cost-balance")
    assert "09/2022" in table and "Break-even" in table  # the hand count of tests/costs/test_balance.py
    assert page.get_attribute("figure img", "alt")
    web.axe()
    folder = os.environ.get("STUFENWEG_SCREENSHOTS")
    if folder:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.path.join(folder, "cost_page.png"), full_page=True)
