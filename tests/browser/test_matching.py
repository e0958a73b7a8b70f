"""Matching in the browser: a caseworker opens the matching page from the participant page, sets a
target occupation (a wrong code is refused next to the field), sees the ranked suggestions with
their reasons and chooses one; axe checks every page and form on the way."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from stufenweg.matching.models import MatchChoice
from stufenweg.organisations.models import Vacancy
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_sets_a_target_occupation_and_chooses_a_suggestion(web, world):
    person = make_person("Krause", "Nadine", "P-7301")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    world.measure_m.occupations = "29301"
    world.measure_m.save()
    Vacancy.objects.create(
        employer=world.employer,
        title="Koch/Köchin Kantine",
        occupation="29302",
        hours=30,
        organisation=world.regional_a,
    )
    page = web.page
    page.set_default_timeout(60_000)  # a busy machine: the live server may answer slowly
    web.login("regional")
    web.visit(f"/teilnehmende/{person.pk}/?teilnahme={participation.pk}")
    with page.expect_navigation():
        page.click("main a:text-is('Berufsziele, Qualifikationen und passende Maßnahmen und Stellen')")
    web.axe()
    assert "Ohne Berufsziel gibt es keine Vorschläge." in page.inner_text("main")

    with page.expect_navigation():
        page.click("main a:text-is('Berufsziele ändern')")
    web.axe()
    page.fill("#id_occupation_1", "2930")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.click("main form button[type=submit]")
    error = page.wait_for_selector("main .field--error .field__error")
    assert "fünfstelliger Schlüssel der KldB 2010" in error.inner_text()
    web.axe()
    page.fill("#id_occupation_1", "29302")
    page.fill("#id_hours", "35")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_selector(".alert--success")
    web.axe()

    items = page.locator("#suggestions > li")
    assert items.count() == 2
    first, second = items.nth(0).inner_text(), items.nth(1).inner_text()
    assert "Koch/Köchin Kantine" in first and "gleicher Beruf 29302 Speisenzubereitung" in first
    assert "30 Wochenstunden, passend (höchstens 35)" in first
    assert "MM" in second and "gleiche Berufsgruppe 293 Speisenzubereitung" in second
    assert "3 freie Plätze" in second and "Region Region A" in second
    if os.environ.get("MATCHING_SCREENSHOT"):
        page.screenshot(path=os.environ["MATCHING_SCREENSHOT"], full_page=True)

    with page.expect_navigation():
        items.nth(1).locator("button:has-text('Wählen')").click()
    page.wait_for_selector(".alert--success")
    web.axe()
    assert "Der gewählte Vorschlag wurde festgehalten." in page.inner_text(".alert--success")
    assert "MM" in page.inner_text("#match-choices")
    choice = MatchChoice.objects.get()
    assert choice.measure == world.measure_m and choice.reasons.startswith("gleiche Berufsgruppe 293")

    # the form with a note passes axe too
    with page.expect_navigation():
        items.nth(0).locator("a:has-text('Wählen mit Anmerkung')").click()
    web.axe()
    assert "Gründe: gleicher Beruf 29302" in page.inner_text("main")
