"""The main navigation in the browser: on one line at 1280 px for the persona with the most
entries; its disclosure menus open with a click or the keyboard (Enter), Escape closes them and
returns focus to the button, one menu is open at a time, a click elsewhere closes; axe checks the
page with a menu open, at 1280 px and at 390 px. Without JavaScript the menus' links are plain
entries of the bar."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PASSWORD, Browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rows(page) -> int:
    return page.evaluate(
        """() => new Set([...document.querySelectorAll('.main-nav__list > li')]
            .map(li => Math.round(li.getBoundingClientRect().top))).size"""
    )


def test_the_coordinators_navigation_fits_one_line_and_its_menus_work(web, world):
    page = web.page
    web.login("koordination")
    assert _rows(page) == 1
    analysis = page.locator("button.main-nav__toggle:text-is('Auswertungen')")
    administration = page.locator("button.main-nav__toggle:text-is('Verwaltung')")
    menu = page.locator("#nav-auswertungen")
    assert analysis.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()

    analysis.click()
    assert analysis.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    web.axe()
    administration.click()  # one menu at a time
    assert analysis.get_attribute("aria-expanded") == "false"
    assert administration.get_attribute("aria-expanded") == "true"
    page.mouse.click(640, 700)  # elsewhere
    assert administration.get_attribute("aria-expanded") == "false"
    assert not page.locator("#nav-verwaltung").is_visible()

    # keyboard: Enter opens, Tab enters the list, Escape closes and returns to the button
    analysis.focus()
    page.keyboard.press("Enter")
    assert analysis.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Fallzahlen"
    page.keyboard.press("Escape")
    assert analysis.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.textContent") == "Auswertungen"
    # focus leaving the menu closes it
    page.keyboard.press("Enter")
    for _ in range(7):  # the six links, then the next button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Verwaltung"
    assert analysis.get_attribute("aria-expanded") == "false"

    # a page of a menu: marked in the menu and on its button
    analysis.click()
    page.click("#nav-auswertungen a:text-is('Berichte')")
    page.wait_for_url(web.base + "/berichte/")
    assert analysis.get_attribute("aria-current") == "true"
    assert page.locator("#nav-auswertungen a[aria-current=page]").inner_text() == "Berichte"
    web.axe()


def test_on_a_phone_an_open_menu_takes_its_own_line(web, world):
    page = web.page
    page.set_viewport_size({"width": 390, "height": 844})
    web.login("koordination")
    analysis = page.locator("button.main-nav__toggle:text-is('Auswertungen')")
    analysis.click()
    links = page.locator("#nav-auswertungen a")
    assert links.count() == 6
    box = page.locator("#nav-auswertungen").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # in the flow of the bar: the next entry moves below the open menu
    after = page.locator("button.main-nav__toggle:text-is('Verwaltung')").bounding_box()
    assert after["y"] >= box["y"] + box["height"]
    web.axe()


def test_without_javascript_the_menus_are_plain_links(chromium, live_server, world):
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        web = Browser(context.new_page(), live_server.url)
        web.page.goto(web.base + "/anmelden/")
        web.page.fill("#id_username", "koordination")
        web.page.fill("#id_password", PASSWORD)
        web.page.click("main button[type=submit]")
        web.page.wait_for_url(web.base + "/")
        assert not web.page.locator("button.main-nav__toggle").first.is_visible()
        links = web.page.locator("#nav-auswertungen a, #nav-verwaltung a")
        assert links.count() == 9
        assert all(links.nth(i).is_visible() for i in range(9))
    finally:
        context.close()
