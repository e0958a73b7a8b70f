"""The place forecast in the browser on the demo's data: reached from the navigation, the form
sent, charts with their tables, the back-test's errors per stage; the page passes axe. A
screenshot is written to $REPORT_SCREENSHOT_DIR when set, for a person to look at."""

from __future__ import annotations

import os

import pytest

from stufenweg.demo import load_demo
from stufenweg.organisations.models import Organisation
from stufenweg.programmes.models import Programme
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("REPORT_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_forecast_page_with_backtest_passes_axe(web):
    load_demo(seed=2026, scale=0.03, out=lambda message: None)
    office = Organisation.objects.get(kind=Organisation.Kind.COORDINATION_OFFICE)
    MembershipFactory(user=UserFactory(username="prognose"), organisation=office)
    page = web.page
    page.set_default_timeout(60_000)  # the forecast is computed in the request; a busy machine is slow
    web.login("prognose")
    page.click("nav.main-nav button:text-is('Auswertungen')")  # the menu of the analysis pages
    page.click("nav.main-nav a:text-is('Platzprognose')")
    page.wait_for_selector("#id_programme")
    web.axe()
    page.select_option("#id_programme", str(Programme.objects.get(code="JPS").pk))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#sec-backtest")
    web.axe()
    # four charts, each with a text alternative, the tables hold the numbers
    images = page.locator(".charts img")
    assert images.count() == 4
    assert all(images.nth(i).get_attribute("alt") for i in range(4))
    errors = page.locator("table[aria-labelledby=sec-backtest] tbody tr")
    assert errors.count() >= 2  # one row per stage
    assert "MAE" in page.locator("table[aria-labelledby=sec-backtest] thead").inner_text()
    _shot(page, "forecast.png")
    # every section open: still no axe violation
    page.evaluate("document.querySelectorAll('details.report-section').forEach(d => d.open = true)")
    web.axe()
    _shot(page, "forecast_open.png")
