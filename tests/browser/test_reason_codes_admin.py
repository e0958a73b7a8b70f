"""The lists of reasons in the browser: the coordinator opens the programme page, adds a reason for
exits (a duplicate code is refused next to the field) and deactivates one; axe checks the page and
the form."""

from __future__ import annotations

import pytest

from stufenweg.programmes.models import ReasonCode
from stufenweg.programmes.reason_codes import seed_defaults

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_adds_and_deactivates_a_reason(web, world):
    seed_defaults([world.programme.pk])
    page = web.page
    web.login("koordination")
    web.visit(f"/verwaltung/programme/{world.programme.pk}/")
    page.wait_for_selector("#gruende")
    assert "Elternzeit / Mutterschutz" in page.inner_text("#gruende")
    web.axe()
    page.click("#gruende a[href$='?liste=exit']")
    page.wait_for_selector("#id_code")
    assert page.input_value("#id_purpose") == "exit"
    page.fill("#id_code", "arbeit")
    page.fill("#id_label", "Arbeit")
    page.click("main button[type=submit]")
    page.wait_for_selector(".field__error")
    assert "gibt es in dieser Liste schon" in page.inner_text("#id_code_error")
    web.axe()
    page.fill("#id_code", "umzug")
    page.fill("#id_label", "Umzug")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Der Grund wurde angelegt.")
    assert ReasonCode.objects.get(programme=world.programme, purpose="exit", code="umzug").active
    code = ReasonCode.objects.get(programme=world.programme, purpose="exit", code="mobilitaet")
    web.visit(f"/verwaltung/programme/gruende/{code.pk}/bearbeiten/")
    page.uncheck("#id_active")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Der Grund wurde gespeichert.")
    code.refresh_from_db()
    assert not code.active
    web.axe()
