"""Browser tests: a live server (PostgreSQL in CI, SQLite locally) driven by headless Chromium
through Playwright. Every page visited is checked with the vendored axe-core for WCAG 2.1 AA."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Sicheres-Passwort-2026"  # tests/factories.py UserFactory
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    # bypass_csp only lets the test inject axe-core; the pages themselves run under the CSP
    context = chromium.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


class Browser:
    """A page with helpers: log in, visit (and check with axe), fill forms."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.checked: list[str] = []

    def axe(self) -> None:
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
            }"""
        )
        self.checked.append(self.page.url)
        assert result == [], f"axe: {self.page.url}\n{json.dumps(result, indent=1, ensure_ascii=False)}"

    def visit(self, path: str, *, status: int = 200) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == status, (path, response and response.status)
        self.axe()

    def login(self, username: str) -> None:
        self.visit("/anmelden/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_url(self.base + "/")
        self.axe()

    def open_action(self, label: str) -> None:
        """Open an action form in the panel of the participant page (htmx) and check it."""
        self.page.click(f".action-bar a:text-is('{label}')")
        self.page.wait_for_selector("#action-panel form")
        self.axe()

    def submit_panel(self) -> None:
        """Submit the panel form and wait for htmx to swap the form with its errors."""
        with self.page.expect_response(lambda r: r.request.method == "POST"):
            self.page.click("#action-panel form button[type=submit]:not([name])")

    def submit_panel_ok(self) -> None:
        """Submit the panel form; on success the server redirects (HX-Redirect) to the page."""
        with self.page.expect_navigation():
            self.page.click("#action-panel form button[type=submit]:not([name])")
        self.page.wait_for_selector(".alert--success")
        self.axe()


@pytest.fixture
def web(page, live_server):
    return Browser(page, live_server.url)


def days_ago(n: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() - dt.timedelta(days=n)
