"""„Mein Konto“ → API-Schlüssel in the browser: create (key shown once), list, revoke with the
confirmation dialog; every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import os

import pytest

from stufenweg.api.models import ApiKey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("STUFENWEG_SCREENSHOTS")  # a folder: save screenshots there (manual review)


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_create_list_and_revoke_an_api_key(web, world):
    page = web.page
    web.login("regional")
    web.visit("/konto/")
    assert page.locator("#api-schluessel").is_visible()

    page.click("#api-schluessel button[type=submit]")  # empty name: error next to the field
    page.wait_for_selector("#id_name_error")
    web.axe()
    _shot(page, "api-key-error")

    page.fill("#id_name", "Fachverfahren")
    page.check("input[name=scope][value=write]")
    page.fill("#id_days", "30")
    with page.expect_navigation():
        page.click("#api-schluessel button[type=submit]")
    web.axe()
    key = page.input_value("#api-key")
    assert key.startswith("sw_")
    _shot(page, "api-key-created")

    with page.expect_navigation():
        page.click("a.button")
    assert key not in page.content()
    row = page.locator("#api-schluessel tbody tr")
    assert row.count() == 1
    assert "Fachverfahren" in row.inner_text()
    assert "Lesen und schreiben" in row.inner_text()
    web.axe()
    _shot(page, "api-key-list")

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        row.locator("button").click()
    assert ApiKey.objects.get().revoked_at is not None
    assert "Widerrufen" in page.locator("#api-schluessel tbody tr").inner_text()
    web.axe()
