"""A table that scrolls inside its frame (.table-wrap) keeps its screen-reader-only text inside
it too: the worklists' „Verlängern (Name)“ links in the column „Aktionen“ pushed the whole page
sideways (the page scrolled horizontally at 1366 px, the hidden text escaped the table's frame)."""

from __future__ import annotations

import pytest

from stufenweg.journeys import services
from tests.browser.conftest import days_ago
from tests.conftest import start_journey
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worklists_do_not_scroll_the_page_sideways(web, world):
    participation = start_journey(world, PersonFactory(last_name="Überfällig"), on=days_ago(300))
    services.enrolment_enter(
        participation=participation,
        measure=world.measure_a,
        stage=world.s3,
        on=days_ago(200),
        planned_end=days_ago(20),
        by=None,
    )
    page = web.page
    page.set_viewport_size({"width": 700, "height": 900})
    web.login("regional")
    web.visit("/teilnehmende/arbeitslisten/")
    assert page.locator("#liste-overdue a:has-text('Verlängern')").count() == 1
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
