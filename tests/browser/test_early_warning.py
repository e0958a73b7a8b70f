"""The early warning in the browser: the worklist with a warned participant and its reasons, the
decision form (with an error, then confirmed), the notice on the participant page and the model
page with coefficients and the fairness audit; axe checks every page. Screenshots go to
$EW_SCREENSHOTS when that is set (for looking at them, not for the assertions)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from stufenweg.earlywarning.models import Decision
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey
from tests.earlywarning.helpers import switch_on_with_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(web, name: str) -> None:
    folder = os.environ.get("EW_SCREENSHOTS")
    if folder:
        web.page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_worklist_decision_and_model_page(web, world):
    person = make_person("Berger", "Tom", "P-7101")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    switch_on_with_model(world.programme)
    page = web.page
    page.set_default_timeout(60_000)  # a busy shared machine: the first page of a live server is slow
    web.login("regional")

    web.visit("/fruehwarnung/")
    _shot(web, "worklist")
    row = page.inner_text("main table tbody tr")
    assert "Berger, Tom" in row and "seit 365 Tagen kein Kontakt" in row and "100 %" in row

    page.click("main a:has-text('prüfen')")
    page.wait_for_selector("main form #id_outcome_0")
    web.axe()
    page.click("main form button[type=submit]")  # nothing chosen
    page.wait_for_selector(".field--error")
    assert "Bitte wählen Sie, ob Sie die Warnung bestätigen oder verwerfen." in page.inner_text("main")
    web.axe()
    _shot(web, "decide_error")
    page.check("#id_outcome_0")
    page.fill("#id_note", "Anruf vereinbart.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_selector(".alert--success")
    web.axe()
    _shot(web, "participant_notice")
    assert "Frühwarnung: erhöhtes Abbruchrisiko" in page.inner_text("main")
    assert "Letzte Entscheidung: bestätigt" in page.inner_text("main")
    assert Decision.objects.get().note == "Anruf vereinbart."

    web.visit("/fruehwarnung/modelle/")
    web.visit(f"/fruehwarnung/programm/{world.programme.pk}/")
    _shot(web, "model_page")
    text = page.inner_text("main")
    assert "Tage seit dem letzten Kontakt" in text and "Fairness-Prüfung auf zurückgehaltenen Daten" in text

    page.context.clear_cookies()  # signed out: the coordination office signs in
    web.login("koordination")
    web.visit(f"/fruehwarnung/programm/{world.programme.pk}/")
    _shot(web, "model_page_office")
    assert page.is_visible("button:has-text('Modell neu trainieren')")
