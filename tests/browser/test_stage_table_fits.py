"""The stage table of a programme fits its page at 1280 px for a writer (with the move buttons):
its column headings wrap instead of pushing the „Aktion“ column out of sight behind a scroll bar."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_stage_table_needs_no_horizontal_scrolling(web, world):
    for stage, name in (
        (world.s2, "Stufe 2 – QAB (Berufsabschluss klassisch/dual)"),
        (world.s3, "Stufe 3 – IEB (Individuelle Einstiegsbegleitung)"),
    ):
        stage.name = name
        stage.save(update_fields=["name"])
    web.login("koordination")
    web.visit(f"/verwaltung/programme/{world.programme.pk}/")
    sizes = web.page.evaluate(
        """() => { const wrap = document.querySelector('#stufen .table-wrap, .table-wrap');
                   return [wrap.scrollWidth, wrap.clientWidth]; }"""
    )
    assert sizes[0] <= sizes[1], sizes
    assert web.page.is_visible("button:has-text('nach oben')")
