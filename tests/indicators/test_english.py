"""Reports in English: the report page, the targets page and the XLSX/PDF downloads show English
headings and the English indicator labels, definitions, numerators and denominators declared in
definitions.py; German stays the default. The stored report is German whatever the requester's
language, and is shown in the reader's."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from stufenweg.indicators import pdf
from stufenweg.indicators.definitions import BY_ID, INDICATORS, TEXTS
from stufenweg.indicators.models import ReportRun
from stufenweg.indicators.presenting import localise, present
from stufenweg.indicators.reasons import REASON_IDS
from stufenweg.indicators.results import ReportParams, self_checks
from stufenweg.indicators.standard import standard_report
from stufenweg.indicators.tasks import RUN_FAILED
from stufenweg.programmes.models import Target

D = dt.date
# the indicator's id, kept small and muted next to its label
ID_DE = '<span class="muted small">Kennzahl-ID '
ID_EN = '<span class="muted small">Indicator ID '

# German UI strings of the report outputs that must not be left in the English ones (none of them
# occurs in the test world's data: programme, stage and organisation names)
GERMAN = [
    "Kennzahlenbericht",
    "Kennzahl",
    "Zeitraum",
    "Stichtag",
    "Erfassungsstand",
    "Aufschlüsselung",
    "Prüfungen",
    "Programmverlauf",
    "Programmergebnisse",
    "nach Region",
    "je Stufe",
    "gesamt",
    "Zuweisungen",
    "Eintritte",
    "Erfolgsquote",
    "Abbruchquote",
    "Teilnehmende",
    "Status der TN",
    "Mehrfachnennung",
    "arbeitsuchend",
    "Soll-Ist",
    "Zielerreichung",
    "Eingliederungsbilanz",
    "Definitionen",
    "Bezeichnung",
    "Zähler",
    "Nenner",
    "Regionen",
    "Kleinzellen",
    "unterdrückt",
    "nicht unterdrückt",
    "Seite",
]


def _german_left(text: str) -> list[str]:
    return [word for word in GERMAN if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


# Definitions of INDICATORS.md, in its English wording, and the German declared next to them:
# (id, English definition, German definition)
DEFINITIONS = [
    (
        "flow.referrals",
        "referral events in the period (events, not persons)",
        "Zuweisungen im Zeitraum (Ereignisse, nicht Personen)",
    ),
    (
        "prog.participants",
        "distinct persons with an enrolment that overlaps the period",
        "verschiedene Personen mit einer Maßnahmeteilnahme, die den Zeitraum überschneidet",
    ),
    (
        "flow.waiting",
        "persons waitlisted and not entered on the as-of date",
        "Personen auf der Warteliste und ohne Eintritt am Stichtag",
    ),
    ("prog.success_rate", "successful exits / all exits", "erfolgreiche Austritte / alle Austritte"),
]


@pytest.fixture
def people(w, journey):
    """Two journeys in S3: one successful exit into SVB employment, one dropout."""
    ok = journey()
    ok.assess()
    ok.enter(D(2023, 2, 1))
    ok.exit(D(2023, 6, 30), "regular", ["employed_svb"])
    drop = journey()
    drop.assess()
    drop.enter(D(2023, 3, 1))
    drop.exit(D(2023, 5, 31), "early_negative", ["job_seeking"])
    Target.objects.create(
        programme=w.programme,
        indicator="flow.stage_entries",
        period_from=D(2023, 1, 1),
        period_to=D(2023, 12, 31),
        target=4,
    )
    return ok, drop


def _english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return response


def _run(client, w, **extra):
    data = {"programme": w.programme.pk, "date_from": "2023-01-01", "date_to": "2023-12-31", **extra}
    response = client.post(reverse("indicators:report"), data)
    assert response.status_code == 302
    return ReportRun.objects.latest("created_at")


def test_report_page_in_english(w, client, people):
    client.force_login(w.personas["coordinator"])
    _english(client)
    form = client.get(reverse("indicators:report")).content.decode()
    assert "Produce report" in form and "Period from" in form and "Suppress small cells below" in form
    assert "Bericht erstellen" not in form
    run = _run(client, w, by=["stage"])
    assert run.status == "done"
    # stored in German, the product's language, although the request was in English
    assert run.result["sections"][0]["title"] == "Programmverlauf nach Region"
    html = client.get(reverse("indicators:run", args=[run.pk])).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Indicator report: JobPerspektive Test (JPS)</h1>" in html
    for heading in (
        "Programme flow by region",
        "Participants’ status on leaving – early dropout",
        "Programme results by stage",
        "Target vs. actual",
        "ESF+ common indicators by gender",
        "All indicators by Stage",
        "Definitions",
        "Checks",
    ):
        assert f">{heading}</h2>" in html, heading
    # English labels declared with the indicators; English number format
    assert '<th scope="row">Success rate</th>' in html
    assert '<th scope="row">Stage entries</th>' in html
    assert '<th scope="row">Stage entries / RA</th>' not in html  # the target has no region
    assert '<th scope="row">job-seeking</th>' in html  # an exit status
    assert "1 / 2 = 50.0\u00a0%" in html  # success rate: one of two exits
    assert "<dd>2023-01-01 – 2023-12-31</dd>" in html
    assert "<dd>Stage</dd>" in html  # the breakdown by its name, not its code
    assert "All checks passed." in html
    assert "German only" not in html
    # each chart's img has the PNG's own size (the target chart grows with its targets)
    for name, alt in (("entries", "Stage entries by region"), ("targets", "Target and actual")):
        png = client.get(reverse("indicators:chart", args=[run.pk, name])).content
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        src = reverse("indicators:chart", args=[run.pk, name])
        assert f'<img src="{src}" alt="{alt}" width="{width}" height="{height}"' in html
    # the definitions in English, as declared next to the German ones; nothing German is left
    for ind_id, english, german in DEFINITIONS:
        label = BY_ID[ind_id].label_en
        assert f"<dt>{label} {ID_EN}<code>{ind_id}</code></span></dt><dd>{english}</dd>" in html, ind_id
        assert german not in html, ind_id
    assert _german_left(html) == []
    assert not re.search("[äöüÄÖÜß„]", html)
    # the same run in German again
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    html = client.get(reverse("indicators:run", args=[run.pk])).content.decode()
    assert '<th scope="row">Erfolgsquote</th>' in html
    assert ">Programmverlauf nach Region</h2>" in html
    for ind_id, english, german in DEFINITIONS:
        assert (
            f"<dt>{BY_ID[ind_id].label} {ID_DE}<code>{ind_id}</code></span></dt><dd>{german}</dd>" in html
        ), ind_id
        assert english not in html, ind_id
    assert "1 / 2 = 50,0\u00a0%" in html
    assert "<dd>01.01.2023 – 31.12.2023</dd>" in html


def test_report_page_is_german_by_default(w, client, people):
    client.force_login(w.personas["coordinator"])
    run = _run(client, w)
    html = client.get(reverse("indicators:run", args=[run.pk])).content.decode()
    assert '<html lang="de">' in html
    assert "<h1>Kennzahlenbericht: JobPerspektive Test (JPS)</h1>" in html
    assert ">Programmverlauf nach Region</h2>" in html
    assert '<th scope="row">Erfolgsquote</th>' in html
    assert "Success rate" not in html and "Indicator report" not in html
    assert "<dd>Zuweisungen im Zeitraum (Ereignisse, nicht Personen)</dd>" in html
    assert "referral events" not in html


def test_run_list_and_failure_in_english(w, client, people):
    user = w.personas["coordinator"]
    client.force_login(user)
    _english(client)
    failed = ReportRun.objects.create(
        created_by=user,
        programme=w.programme,
        params={"from": "2023-01-01", "to": "2023-12-31"},
        status=ReportRun.Status.FAILED,
        error=RUN_FAILED,
    )
    html = client.get(reverse("indicators:run", args=[failed.pk])).content.decode()
    assert "The report could not be produced." in html
    form = client.get(reverse("indicators:report")).content.decode()
    assert "Your recent reports" in form
    assert "JPS 2023-01-01 – 2023-12-31</a> (failed)" in form
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    form = client.get(reverse("indicators:report")).content.decode()
    assert "JPS 01.01.2023 – 31.12.2023</a> (fehlgeschlagen)" in form


def test_targets_page_in_english(w, client, people):
    client.force_login(w.personas["coordinator"])
    _english(client)
    html = client.get(reverse("indicators:targets")).content.decode()
    assert "<h1>Targets</h1>" in html and "<h2>Record a target</h2>" in html
    assert '<th scope="col">Indicator</th>' in html and '<th scope="col">Period</th>' in html
    assert f"<td>Stage entries<br>{ID_EN}<code>flow.stage_entries</code></span></td>" in html
    assert "2023-01-01 – 2023-12-31" in html
    assert '<option value="flow.stage_entries">Stage entries</option>' in html
    for label in ("Programme", "Period from", "Period to", "Region", "Stage", "Target"):
        assert f">{label}</label>" in html, label
    assert "empty = all regions" in html
    assert '<button type="submit" class="button">Save</button>' in html
    assert _german_left(html) == []
    for german in ("Zielwert", "Speichern", "Eintritte in Stufen", "von</label>", "Soll</label>"):
        assert german not in html
    # a rate above 1 is refused with an English message
    response = client.post(
        reverse("indicators:targets"),
        {
            "programme": w.programme.pk,
            "indicator": "prog.success_rate",
            "period_from": "2023-01-01",
            "period_to": "2023-12-31",
            "target": "5",
        },
    )
    assert "A rate is given as a share between 0 and 1." in response.content.decode()


def test_targets_page_is_german_by_default(w, client, people):
    client.force_login(w.personas["coordinator"])
    html = client.get(reverse("indicators:targets")).content.decode()
    assert "<h1>Zielwerte (Soll)</h1>" in html
    assert f"<td>Eintritte in Stufen<br>{ID_DE}<code>flow.stage_entries</code></span></td>" in html
    assert "01.01.2023 – 31.12.2023" in html
    assert ">Zeitraum von</label>" in html and ">Soll</label>" in html


def _cells(book):
    return [
        c
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    ]


def test_xlsx_download_in_english(w, client, people):
    client.force_login(w.personas["coordinator"])
    _english(client)
    run = _run(client, w)
    body = client.get(reverse("indicators:download", args=[run.pk, "xlsx"])).content
    book = load_workbook(io.BytesIO(body))
    names = book.sheetnames
    assert names[0] == "Report" and names[-1] == "Definitions"
    assert "Programme flow" in names
    cover = book["Report"]
    assert cover["A1"].value == "Indicator report"
    assert [cover.cell(row=r, column=1).value for r in range(3, 11)] == [
        "Programme",
        "Period from",
        "Period to",
        "Reference date",
        "Recorded as of",
        "Breakdown",
        "Regions",
        "Small cells suppressed below",
    ]
    assert cover["B4"].value == dt.datetime(2023, 1, 1)  # an Excel date
    assert cover["B4"].number_format == "yyyy-mm-dd"
    assert cover["B9"].value == "all"
    prog = book["Programme results"]
    labels = [prog.cell(row=r, column=1).value for r in range(5, prog.max_row + 1)]
    assert "Success rate" in labels and "Dropout rate" in labels
    assert [prog.cell(row=4, column=c).value for c in (2, 3, 4)] == [
        "total",
        "total: Numerator",
        "total: Denominator",
    ]  # a rate column becomes three
    success = labels.index("Success rate") + 5
    assert [prog.cell(row=success, column=c).value for c in (2, 3, 4)] == [0.5, 1, 2]
    defs = book["Definitions"]
    assert [c.value for c in defs[1]] == [
        "Indicator ID",
        "Label",
        "Unit",
        "Definition",
        "Numerator",
        "Denominator",
        "Breakdowns",
    ]
    rows = {r[0]: r for r in defs.iter_rows(min_row=2, values_only=True) if r[0]}
    assert len(rows) == len(INDICATORS) + len(REASON_IDS)  # the reason indicators: indicators/reasons.py
    assert rows["prog.success_rate"][1:6] == (
        "Success rate",
        "Rate",
        "successful exits / all exits",
        "successful exits (regular or early positive)",
        "exits in the period (explicit, and implicit through stage changes)",
    )
    assert rows["prog.success_rate"][6].startswith("Region, Stage, Measure, Provider")
    # a count has a definition but no numerator and denominator
    assert rows["flow.referrals"][1:6] == (
        "Referrals",
        "Number",
        "referral events in the period (events, not persons)",
        None,
        None,
    )
    # everything in English, the definitions included (no note that they are German only)
    cells = " | ".join(_cells(book))
    assert _german_left(cells) == [] and "German only" not in cells
    assert not re.search("[äöüÄÖÜß„]", cells)


def test_xlsx_download_is_german_by_default(w, client, people):
    client.force_login(w.personas["coordinator"])
    run = _run(client, w)
    book = load_workbook(
        io.BytesIO(client.get(reverse("indicators:download", args=[run.pk, "xlsx"])).content)
    )
    assert book.sheetnames[0] == "Bericht" and "Programmverlauf" in book.sheetnames
    prog = book["Programmergebnisse"]
    assert "Erfolgsquote" in [prog.cell(row=r, column=1).value for r in range(5, prog.max_row + 1)]
    rows = {r[0]: r for r in book["Definitionen"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["prog.success_rate"][1:6] == (
        "Erfolgsquote",
        "Quote",
        "erfolgreiche Austritte / alle Austritte",
        "erfolgreiche Austritte (regulär oder vorzeitig positiv)",
        "Austritte im Zeitraum (explizit und durch Stufenwechsel)",
    )


def test_pdf_download_in_english(w, client, people):
    client.force_login(w.personas["coordinator"])
    _english(client)
    run = _run(client, w)
    body = client.get(reverse("indicators:download", args=[run.pk, "pdf"])).content
    assert body.startswith(b"%PDF")
    # the PDF's text is compressed; the HTML it is made from and its footer are checked instead
    with translation.override("en"):
        html = pdf.html_for(run.result)
        footer = pdf.page_css(run.result)
    assert '<html lang="en">' in html
    assert "<h1>Indicator report: JobPerspektive Test (JPS)</h1>" in html
    assert "<h2>Programme flow by region</h2>" in html and "<h2>Definitions</h2>" in html
    assert "<td>Success rate</td>" in html and "<td>Exit cases</td>" in html
    assert "German only" not in html
    assert "1 / 2 = 50.0\u00a0%" in html
    # the definitions pages: id, label, definition, numerator, denominator, all in English
    assert (
        "<tr><td>prog.dropout_rate</td><td>Dropout rate</td>"
        "<td>dropouts (early negative exits) / all exits</td><td>dropouts</td>"
        "<td>exits in the period (explicit, and implicit through stage changes)</td></tr>"
    ) in html
    assert (
        "<tr><td>flow.referrals</td><td>Referrals</td>"
        "<td>referral events in the period (events, not persons)</td><td></td><td></td></tr>"
    ) in html
    assert _german_left(html) == []
    assert not re.search("[äöüÄÖÜß„]", html)
    assert '"Stufenweg – Indicator report JPS"' in footer
    assert '"Page " counter(page) " of " counter(pages) ""' in footer


def test_pdf_is_german_by_default(w, people):
    params = ReportParams(programme=w.programme, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    report = standard_report(params)
    html = pdf.html_for(report)
    assert '<html lang="de">' in html and "<h2>Programmverlauf nach Region</h2>" in html
    assert "<td>Erfolgsquote</td>" in html and "nur auf Deutsch" not in html
    assert (
        "<tr><td>prog.dropout_rate</td><td>Abbruchquote</td>"
        "<td>Abbrüche (vorzeitig negativ) / alle Austritte</td><td>Abbrüche</td>"
        "<td>Austritte im Zeitraum (explizit und durch Stufenwechsel)</td></tr>"
    ) in html
    assert "referral events" not in html
    assert '"Seite " counter(page) " von " counter(pages) ""' in pdf.page_css(report)


def _params(w):
    return ReportParams(
        programme=w.programme,
        date_from=D(2023, 1, 1),
        date_to=D(2023, 12, 31),
        recorded_on=timezone.now(),
        by=("stage", "gender"),
    )


def _without_definition_texts(report: dict) -> dict:
    keep = {"id", "label", "unit", "dims"}
    return {
        **report,
        "definitions": [{k: v for k, v in d.items() if k in keep} for d in report["definitions"]],
    }


def test_localise_equals_a_report_made_in_english(w, people):
    """The texts rebuilt from ids are exactly those standard_report writes with English active,
    so the two cannot drift apart; in German localise changes nothing. (standard_report still
    writes the definition texts in German whatever the language: compared in the test below.)"""
    params = _params(w)
    with translation.override("de"):
        german = standard_report(params)
        assert localise(german) == german
    with translation.override("en"):
        english = standard_report(params)
        shown = localise(german)
        assert _without_definition_texts(shown) == _without_definition_texts(english)
        assert localise(english) == shown
    assert german != english
    # the definition texts come from the English declared next to the German
    for d in shown["definitions"]:
        if d["id"] in REASON_IDS:  # declared in indicators/reasons.py, tested with it
            continue
        ind = BY_ID[d["id"]]
        assert (d["definition"], d["numerator"], d["denominator"]) == (
            ind.definition_en,
            ind.numerator_en,
            ind.denominator_en,
        )


def test_standard_report_in_english_has_english_definitions(w, people):
    params = _params(w)
    with translation.override("de"):
        german = standard_report(params)
    with translation.override("en"):
        assert standard_report(params)["definitions"] == localise(german)["definitions"]


def test_checks_read_in_english():
    """Every self-check message, stored in German, reads as self_checks writes it in English."""
    rows = [
        *(
            {"indicator": f"esf.{i}", "group": {}, "numerator": None, "denominator": None, "value": v}
            for i, v in (("EECO01", 10), ("EECO02", 5), ("EECO03", 6), ("EECO04", 1), ("EECO05", 1))
        ),
        {"indicator": "esf.EECR01", "group": {}, "numerator": None, "denominator": None, "value": 4},
        {
            "indicator": "prog.success_rate",
            "group": {"stage": "S3"},
            "numerator": 5,
            "denominator": 3,
            "value": 1.6,
        },
        {"indicator": "prog.dropout_rate", "group": {}, "numerator": 3, "denominator": "*", "value": 1.5},
    ]
    with translation.override("de"):
        german = self_checks(rows, esf_leavers={"": 3})
    with translation.override("en"):
        english = self_checks(rows, esf_leavers={"": 3})
        shown = localise({"checks": german})["checks"]
    assert len(german) == 5  # each message once
    assert shown == english
    assert (
        english[0]
        == "ESF (total): EECO01 = 10, but EECO02 + EECO04 + EECO05 = 7 (labour market status at entry missing?)."
    )
    assert english[3] == "prog.success_rate (stage=S3): numerator 5 is greater than the denominator 3."


def test_present_formats_dates_and_times_per_language():
    report = {
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": "2023-12-31",
        "recorded_on": "2024-01-15T09:05:00+01:00",
        "filters": {"by": ["age_band"], "regions": [], "suppress_below": None},
        "sections": [],
    }
    with translation.override("de"):
        shown = present(report)["display"]
        assert (shown["from"], shown["recorded_on"], shown["by"], shown["regions"]) == (
            "01.01.2023",
            "15.01.2024 09:05",
            "Altersgruppe",
            "alle",
        )
    with translation.override("en"):
        shown = present(report)["display"]
        assert (shown["from"], shown["recorded_on"], shown["by"], shown["regions"]) == (
            "2023-01-01",
            "2024-01-15 09:05",
            "Age group",
            "all",
        )


# a text that is codes and numbers only (EECO09 ISCED 0–2) reads the same in both languages
_CODES_ONLY = re.compile(r"^(?:[A-Z]{2,}\d*|\d+|[\s.,:;+\-–×=/()<>≥≤%])*$")


def test_every_indicator_has_english_texts():
    """Label and definition of every indicator, and numerator and denominator of every rate, are
    declared in English too: not empty, not German and not just the German copied."""
    checked = 0
    for ind in INDICATORS:
        names = TEXTS if ind.is_rate else ("label", "definition")
        for name in names:
            german, english = getattr(ind, name), getattr(ind, f"{name}_en")
            assert german.strip() and english.strip(), (ind.id, name)
            assert not re.search("[äöüÄÖÜß„]", english), (ind.id, name)
            if not _CODES_ONLY.match(german):
                assert english != german, (ind.id, name, english)
                checked += 1
        if not ind.is_rate:  # a count has neither numerator nor denominator, in either language
            assert (ind.numerator, ind.numerator_en, ind.denominator, ind.denominator_en) == ("",) * 4
    # 56 indicators with label and definition (flow.closures_before_entry the project's own), 13
    # rates with numerator and denominator too; three labels are codes only (EECO09 to EECO11);
    # and the 17 target-group indicators (tg.*), 12 of them rates
    assert (len(INDICATORS), sum(i.is_rate for i in INDICATORS)) == (56 + 17, 13 + 12)
    assert checked == (56 + 17) * 2 + (13 + 12) * 2 - 3


def test_text_follows_the_active_language():
    ind = BY_ID["prog.dropout_rate"]
    with translation.override("de"):
        assert [ind.text(n) for n in TEXTS] == [
            "Abbruchquote",
            "Abbrüche (vorzeitig negativ) / alle Austritte",
            "Abbrüche",
            "Austritte im Zeitraum (explizit und durch Stufenwechsel)",
        ]
    with translation.override("en"):
        assert [ind.text(n) for n in TEXTS] == [
            "Dropout rate",
            "dropouts (early negative exits) / all exits",
            "dropouts",
            "exits in the period (explicit, and implicit through stage changes)",
        ]
    with pytest.raises(ValueError):
        ind.text("unit")
