"""Programme administration in the browser: the coordinator opens Verwaltung › Programme, adds a
stage with an unordered age range (the error stands next to the maximum age), corrects it, moves
the stage up from the keyboard and records a caseload ratio; axe checks every page and form.
``SCREENSHOTS=dir`` keeps screenshots."""

from __future__ import annotations

import os

import pytest

from stufenweg.programmes.models import CaseloadRatio, Stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_the_coordinator_sets_up_a_stage_and_a_ratio(web, world):
    page = web.page
    web.login("koordination")
    web.visit("/verwaltung/")
    page.click("a:text-is('Programme')")
    page.wait_for_selector("table")
    web.axe()
    _shot(page, "programme-list")
    page.click("a:text-is('JPS')")
    page.wait_for_selector("#stufen")
    web.axe()
    page.click("a:text-is('Stufe hinzufügen')")
    page.wait_for_selector("#id_code")
    page.fill("#id_code", "S5")
    page.fill("#id_name", "Stufe 5")
    page.fill("#id_min_age", "30")
    page.fill("#id_max_age", "20")
    page.check(f"input[name=next_stages][value='{world.s3.pk}']")
    page.click("main button[type=submit]")
    page.wait_for_selector(".field__error")
    assert "liegt unter dem Mindestalter" in page.inner_text("#id_max_age_error")
    web.axe()
    _shot(page, "stage-form-error")
    page.fill("#id_max_age", "57")
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert--success")
    stage = Stage.objects.get(programme=world.programme, code="S5")
    assert (stage.position, list(stage.next_stages.all())) == (4, [world.s3])
    page.focus("button:has-text('nach oben (Stufe 5)')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Die Reihenfolge der Stufen wurde gespeichert.")
    assert Stage.objects.get(pk=stage.pk).position == 3
    page.click("a:text-is('Neuen Schlüssel erfassen')")
    page.wait_for_selector("#id_valid_from")
    web.axe()
    page.fill("#id_valid_from", "2024-01-01")
    page.fill("#id_ratio", "65")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Heute gilt 1:65 (seit 01.01.2024).")
    assert CaseloadRatio.objects.get(programme=world.programme).ratio == 65
    web.axe()
    _shot(page, "programme-detail")
