"""The report page in the browser: its sections fold with the keyboard (details/summary, no
script), the page passes axe, and it is far shorter than with every table open. A screenshot is
written to $REPORT_SCREENSHOT_DIR when set, for a person to look at."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal

import pytest

from stufenweg.programmes.models import Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("REPORT_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_report_sections_fold_and_pass_axe(web, world):
    for indicator, soll in (("prog.dropout_rate", "0.1"), ("sgb2.integrations", "5")):
        Target.objects.create(
            programme=world.programme,
            indicator=indicator,
            period_from=dt.date(2023, 1, 1),
            period_to=dt.date(2023, 12, 31),
            target=Decimal(soll),
        )
    page = web.page
    web.login("koordination")
    web.visit("/berichte/")
    page.select_option("#id_programme", str(world.programme.pk))
    page.fill("#id_date_from", "2023-01-01")
    page.fill("#id_date_to", "2023-12-31")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/berichte/lauf/\d+/$"))
    page.wait_for_selector("details.report-section", timeout=15_000)
    web.axe()
    _shot(page, "report.png")
    folded = page.evaluate("document.documentElement.scrollHeight")
    closed = page.locator("details.report-section:not([open])")
    assert closed.count() >= 3
    # a closed section opens from the keyboard: focus its summary, press Enter
    summary = closed.first.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.report-section:not([open])").count() == closed.count()
    page.evaluate("document.querySelectorAll('details.report-section').forEach(d => d.open = true)")
    web.axe()
    _shot(page, "report_open.png")
    assert page.evaluate("document.documentElement.scrollHeight") > folded
    # numbers right-aligned with tabular figures, row labels left
    cell = page.locator("details.report-section td.num").first
    assert cell.evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert "tabular-nums" in cell.evaluate("e => getComputedStyle(e).fontVariantNumeric")
    label = page.locator("details.report-section th[scope=row]").first
    assert label.evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")
    web.visit("/berichte/zielwerte/")
    _shot(page, "targets.png")
