"""The report page and the targets page name indicators by their label, not by their internal id
(``sgb2.integrations``); the id stays only as a small muted „Kennzahl-ID“. The report's sections
fold (details/summary), and a dropout target above its Soll reads as missed on the page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from stufenweg.indicators.definitions import INDICATORS
from stufenweg.indicators.models import ReportRun
from stufenweg.programmes.models import Target

D = dt.date
pytestmark = pytest.mark.django_db
ID = re.compile(r"\b(flow|exit|prog|esf|eb|sgb2)\.[A-Za-z0-9_]+")


def _targets(w):
    for indicator, soll in (("sgb2.integrations", "5"), ("prog.dropout_rate", "0.1")):
        Target.objects.create(
            programme=w.programme,
            indicator=indicator,
            period_from=D(2023, 1, 1),
            period_to=D(2023, 12, 31),
            target=Decimal(soll),
        )


def _visible(html: str) -> str:
    """The page's text without the muted id notes, the URLs and the markup."""
    html = re.sub(r'<span class="muted small">[^<]*<code>[^<]*</code></span>', "", html)
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_report_page_labels_are_not_codes_and_sections_fold(w, client, journey):
    drop = journey()
    drop.assess()
    drop.enter(D(2023, 3, 1))
    drop.exit(D(2023, 5, 31), "early_negative")
    _targets(w)
    client.force_login(w.personas["coordinator"])
    response = client.post(
        reverse("indicators:report"),
        {"programme": w.programme.pk, "date_from": "2023-01-01", "date_to": "2023-12-31"},
    )
    assert response.status_code == 302
    run = ReportRun.objects.latest("created_at")
    html = client.get(reverse("indicators:run", args=[run.pk])).content.decode()
    assert ID.findall(_visible(html)) == []
    assert '<span class="muted small">Kennzahl-ID <code>sgb2.integrations</code></span>' in html
    assert '<th scope="row">Integrationen</th>' in html  # the SGB II table's row, by its label
    # one dropout of one exit = 100 % against a Soll of 10 %: missed, not „1000 % Zielerreichung“
    assert "Ziel verfehlt (Ist 100,0\u00a0% &gt; Soll 10,0\u00a0%)" in html
    assert "1.000,0" not in html and "1000,0" not in html
    # every section folds; the summary holds the heading
    sections = len(run.result["sections"])
    assert html.count('<details class="report-section"') == sections + 2  # charts, definitions
    assert html.count("<summary><h2 ") == sections + 2
    assert all(not ID.search(label) for label in run.result["charts"]["targets"]["labels"])


def test_targets_page_labels_are_not_codes(w, client):
    _targets(w)
    client.force_login(w.personas["coordinator"])
    html = client.get(reverse("indicators:targets")).content.decode()
    assert ID.findall(_visible(html)) == []
    assert '<span class="muted small">Kennzahl-ID <code>prog.dropout_rate</code></span>' in html
    assert "<td>Abbruchquote<br>" in html
    assert '<td class="num">10,0\u00a0%</td>' in html  # a rate's Soll as a percentage, not 0,1
    labels = [i.label for i in INDICATORS if i.id != "prog.target_attainment"]
    assert all(f">{label}</option>" in html for label in labels)
