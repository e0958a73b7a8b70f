"""The report CSV in two variants: for German Excel (the web's default: ``;``, UTF-8 with BOM,
decimal comma, German headers and labels) and the machine-readable contract CSV (``,``, codes,
decimal point; the command line's default). In both the overall total differs from the group of
items without a region. Expected values come from the hand-counted world (``report_world``) and
from the contract JSON of the same report."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from stufenweg.indicators.models import ReportRun
from tests.factories import RegionFactory
from tests.indicators import report_world

BOM = b"\xef\xbb\xbf"
RECORDED_ON = "2099-12-31"  # one state for every output of a test (after all its events)
GERMAN_HEADER = [
    "Programm",
    "Zeitraum von",
    "Zeitraum bis",
    "Stichtag",
    "Erfassungsstand",
    "Kennzahl-ID",
    "Kennzahl",
    "Region",
    "Zähler",
    "Nenner",
    "Wert",
    "Bewertung",
]
MACHINE_HEADER = "programme,from,to,as_of,recorded_on,indicator,group_region,numerator,denominator,value"


def _cli(*extra, by="region") -> str:
    out = io.StringIO()
    call_command(
        "report",
        *("--programme", "JPS", "--from", "2023-01-01", "--to", "2023-12-31", "--as-of", "2024-06-30"),
        *("--recorded-on", RECORDED_ON),
        *("--indicator", "flow.referrals", "--indicator", "sgb2.integrations"),
        *("--indicator", "prog.success_rate", "--by", by, "--format", "csv"),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def _json(by="region") -> list[dict]:
    import json

    out = io.StringIO()
    call_command(
        "report",
        *("--programme", "JPS", "--from", "2023-01-01", "--to", "2023-12-31", "--as-of", "2024-06-30"),
        *("--recorded-on", RECORDED_ON),
        *("--indicator", "flow.referrals", "--indicator", "sgb2.integrations"),
        *("--indicator", "prog.success_rate", "--by", by, "--format", "json"),
        stdout=out,
    )
    return json.loads(out.getvalue())["rows"]


@pytest.fixture
def built(w, journey):
    report_world.build(w, journey)
    return w


def test_the_excel_variant_is_german_with_bom_semicolons_and_decimal_commas(built):
    text = _cli("--csv-variant", "excel")
    assert text.encode("utf-8").startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[0] == GERMAN_HEADER
    by = {(r[5], r[7]): r for r in rows[1:]}
    # hand-counted: four referrals, three in RA, one in RB
    assert by[("flow.referrals", "Gesamt")][6:] == ["Zuweisungen", "Gesamt", "", "", "4", ""]
    assert by[("flow.referrals", "RA")][10] == "3"
    assert by[("flow.referrals", "RB")][10] == "1"
    assert by[("sgb2.integrations", "Gesamt")][10] == "1"
    # one successful exit of three: numerator, denominator, and the share with a decimal comma
    success = by[("prog.success_rate", "Gesamt")]
    assert success[8:10] == ["1", "3"]
    assert success[10].startswith("0,33") and "." not in success[10]
    assert rows[1][1:4] == ["01.01.2023", "31.12.2023", "30.06.2024"]
    # every value of the contract JSON, with a decimal comma
    for row in _json():
        region = row["group"].get("region", None)
        key = "Gesamt" if region is None else (region or "ohne Region")
        assert by[(row["indicator"], key)][10] == str(row["value"]).replace(".", ",")


def test_the_excel_variant_tells_the_total_from_the_group_without_the_dimension(built):
    # a referral has no stage (INDICATORS.md): all four fall in the group of the empty code
    text = _cli("--csv-variant", "excel", by="stage")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[0][7] == "Stufe"
    by = {(r[5], r[7]): r[10] for r in rows[1:]}
    assert by[("flow.referrals", "Gesamt")] == "4"
    assert by[("flow.referrals", "ohne Stufe")] == "4"
    assert by[("prog.success_rate", "S3")].startswith("0,33")


def test_the_machine_variant_is_the_contract_csv_and_marks_the_empty_code(built):
    text = _cli()  # the command line's default
    assert text == _cli("--csv-variant", "maschinell")
    assert not text.startswith("\ufeff")
    lines = text.split("\n")
    assert lines[0] == MACHINE_HEADER
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    by = {(r["indicator"], r["group_region"]): r for r in rows}
    assert by[("flow.referrals", "")]["value"] == "4"  # the total: no group
    assert by[("flow.referrals", "RA")]["value"] == "3"
    assert by[("sgb2.integrations", "")]["value"] == "1"  # the total
    assert by[("prog.success_rate", "")]["numerator"] == "1"
    assert "." in by[("prog.success_rate", "")]["value"]  # decimal point
    assert len(rows) == len(_json())


def test_the_machine_variant_tells_the_total_from_the_group_of_the_empty_code(built):
    text = _cli(by="stage")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    by = {(r["indicator"], r["group_stage"]): r["value"] for r in rows}
    assert by[("flow.referrals", "")] == "4"  # the total: not grouped by stage
    assert by[("flow.referrals", "(none)")] == "4"  # the group whose code is "" (no stage)
    json_rows = [r for r in _json(by="stage") if r["indicator"] == "flow.referrals"]
    assert {"group": {"stage": ""}, "value": 4} in [
        {"group": r["group"], "value": r["value"]} for r in json_rows
    ]


def test_a_formula_region_code_is_neutralised_in_the_excel_variant(built, journey):
    region = RegionFactory(code='=HYPERLINK("http://x")')
    journey(region=region).assess()
    text = _cli("--csv-variant", "excel")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    regions = {r[7] for r in rows[1:]}
    assert "'" + region.code in regions and region.code not in regions


def test_an_unknown_variant_is_a_usage_error(built):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--csv-variant") as error:
        _cli("--csv-variant", "latin1")
    assert error.value.returncode == 2


def test_the_run_page_offers_both_variants_and_the_download_defaults_to_excel(built, client):
    world = built
    client.force_login(world.personas["coordinator"])
    client.post(
        reverse("indicators:report"),
        {"programme": world.programme.pk, "date_from": "2023-01-01", "date_to": "2023-12-31"},
    )
    run = ReportRun.objects.get()
    page = client.get(reverse("indicators:run", args=[run.pk])).content.decode()
    url = reverse("indicators:download", args=[run.pk, "csv"])
    assert f'href="{url}?variante=excel"' in page and "CSV für Excel" in page
    assert f'href="{url}?variante=maschinell"' in page and "CSV maschinenlesbar" in page

    default = client.get(url)
    assert default.content.startswith(BOM + b"Programm;")
    assert client.get(url + "?variante=excel").content == default.content
    machine = client.get(url + "?variante=maschinell")
    assert machine.content.startswith(b"programme,from,to,")
    assert "maschinell" in machine["Content-Disposition"]
    bad = client.get(url + "?variante=latin1")
    assert bad.status_code == 400
    assert "Unbekannte CSV-Variante" in bad.content.decode()
