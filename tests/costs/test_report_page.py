"""The cost section on the report page: its seven columns fit the page (the long headings wrap
instead of pushing „BG Leistungsbezug verringert“ out of sight) and its amounts are to the cent."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stufenweg.indicators.models import ReportRun

pytestmark = pytest.mark.django_db


def test_the_cost_table_wraps_its_headings_and_shows_cents(world, household, costs, client):
    client.force_login(world.personas["coordinator"])
    client.post(
        reverse("indicators:report"),
        {"programme": world.programme.pk, "date_from": "2022-04-01", "date_to": "2022-10-31"},
    )
    run = ReportRun.objects.latest("created_at")
    page = client.get(reverse("indicators:run", args=[run.pk])).content.decode()
    table = re.search(r'<table class="([^"]*)" aria-labelledby="sec-costs">(.*?)</table>', page, re.S)
    assert table is not None
    assert "table--wrap-head" in table[1].split()
    assert "1\u202f000,00" in table[2] and "5\u202f400,00" in table[2]
