"""Measures administration in the browser: the coordinator opens Verwaltung › Maßnahmen, creates a
measure without rolling entry with start dates (an error stands next to its field first), and the
list shows the start dates; the entry form then names the next start date and asks for the
confirmation. axe checks every page and form. ``SCREENSHOTS=dir`` keeps screenshots."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from stufenweg.journeys import services
from stufenweg.programmes.models import Measure
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_the_coordinator_creates_a_cohort_measure(web, world):
    page = web.page
    web.login("koordination")
    web.visit("/verwaltung/massnahmen/")
    _shot(page, "measures-list")
    page.click("a:text-is('Neue Maßnahme')")
    page.wait_for_selector("#id_code")
    web.axe()
    page.fill("#id_code", "KOH-1")
    page.fill("#id_name", "Umschulung Kohorte")
    page.select_option("#id_programme", str(world.programme.pk))
    page.check(f"input[name=stages][value='{world.s3.pk}']")
    page.select_option("#id_provider", str(world.provider_a.pk))
    page.select_option("#id_region", str(world.region_a.pk))
    page.fill("#id_places", "12")
    page.fill("#id_start", "2024-02-01")
    page.fill("#id_end", "2024-12-31")
    page.uncheck("#id_rolling_entry")
    page.fill("#id_start_dates", "01.03.2024\n01.03.2025")
    page.click("main button[type=submit]")
    page.wait_for_selector(".field__error")
    assert "Außerhalb des Zeitraums" in page.inner_text("#id_start_dates_error")
    web.axe()
    _shot(page, "measure-form-error")
    page.fill("#id_start_dates", "01.03.2024")
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert--success")
    assert "Die Maßnahme KOH-1 wurde angelegt." in page.inner_text(".messages")
    assert "01.02.2024, 01.03.2024" in page.inner_text("table")
    web.axe()
    _shot(page, "measures-list-after")
    measure = Measure.objects.get(code="KOH-1")

    person = make_person("Neumann", "Lea", "P-3201")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    services.participation_assessment_result(
        participation=participation, on=dt.date(2024, 1, 20), result="suitable", stage=world.s3, by=None
    )
    page.context.clear_cookies()
    web.login("regional")
    web.visit(f"/teilnehmende/teilnahme/{participation.pk}/aktion/eintritt/?occurred_on=2024-02-05")
    option = page.inner_text(f"#id_measure option[value='{measure.pk}']")
    assert "nächster Starttermin 01.03.2024" in option
    assert page.is_visible("#id_confirm_entry_date")
    _shot(page, "entry-form-start-dates")
