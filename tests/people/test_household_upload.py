"""Benefit months from a file on the household page (households.csv, parsed by the exchange
import's parser) and the table's runs of months without benefit. The household is BG-TEST of
test_households.py (months 2021-12 … 2022-06, 2022-04 without a row; comparison month 2022-01)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.people import household_files, households
from stufenweg.people.household_views import NoBenefitRun, table_rows
from stufenweg.people.models import Household, HouseholdMonth
from tests.people.test_households import ROWS, _client, bg  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _upload(client, household, text: str, name: str = "households.csv", raw: bytes | None = None):
    data = raw if raw is not None else text.encode("utf-8")
    return client.post(
        reverse("people:household_upload", args=[household.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_a_file_adds_and_replaces_months(world, bg):  # noqa: F811
    text = (
        "household_id;month;members;llu;kdu\n"
        "BG-TEST;2022-07;3;800,00;400\n"  # new
        "BG-TEST;2022-06;3;1100;400\n"  # replaces 1200 + 400
        "BG-TEST;2022-03;3;600;500\n"  # as recorded: unchanged
    )
    client = _client(world, "regional")
    response = _upload(client, bg, text)
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("people:household_detail", args=[bg.pk]) + "#h-benefits")
    rows = {
        f"{m.month:%Y-%m}": (m.members, m.llu, m.kdu) for m in HouseholdMonth.objects.filter(household=bg)
    }
    assert rows["2022-07"] == (3, Decimal("800.00"), Decimal("400.00"))
    assert rows["2022-06"] == (3, Decimal("1100.00"), Decimal("400.00"))
    assert len(rows) == len(ROWS) + 1
    audited = AuditEntry.objects.filter(object_type="people.householdmonth")
    assert sorted(audited.values_list("action", flat=True)) == ["create", "update"]  # not the unchanged
    page = client.get(response["Location"]).content.decode()
    assert "Die Datei wurde übernommen (Monate: 1 neu, 1 geändert, 1 unverändert)." in page


def test_any_problem_writes_nothing_and_names_row_and_column(world, bg):  # noqa: F811
    before = list(HouseholdMonth.objects.order_by("pk").values_list("month", "members", "llu", "kdu"))
    text = (
        "household_id,month,members,llu,kdu\n"
        "BG-TEST,2022-07,3,800,400\n"  # line 2: fine, but not written
        "BG-TEST,2022-13,3,800,400\n"  # line 3: not a month
        "BG-ANDERE,2022-08,3,800,400\n"  # line 4: another household
        "BG-TEST,2022-07,2,1,1\n"  # line 5: the month again
        "BG-TEST,2099-01,2,1,1\n"  # line 6: in the future (the page's rule)
        "BG-TEST,2022-09,2,-5,1\n"  # line 7: negative
    )
    response = _upload(_client(world, "coordinator"), bg, text)
    assert response.status_code == 422
    assert list(HouseholdMonth.objects.order_by("pk").values_list("month", "members", "llu", "kdu")) == before
    html = response.content.decode()
    problems = html.split('id="upload-problems"')[1].split("</table>")[0]
    rows = [r.split("<td>")[1:3] for r in problems.split("<tr>")[2:]]
    lines_columns = [(r[0].split("<")[0], r[1].split("<")[0]) for r in rows]
    # the parser's problems first (nothing is checked against the database while the file has any)
    assert lines_columns == [("3", "month"), ("4", "household_id"), ("5", "household_id"), ("7", "llu")]
    assert "ist kein gültiger Monat (JJJJ-MM)" in problems
    assert "gehört zur Bedarfsgemeinschaft „BG-ANDERE“, nicht zu „BG-TEST“" in problems
    assert "kommt mehrfach vor (zuerst in Zeile 2)" in problems
    assert "nichts wurde gespeichert" in html
    # with the parser's problems mended, the page's rules: the future month
    text = "household_id,month,members,llu,kdu\nBG-TEST,2022-07,3,800,400\nBG-TEST,2099-01,2,1,1\n"
    response = _upload(_client(world, "coordinator"), bg, text)
    assert response.status_code == 422
    assert "Der Monat darf nicht in der Zukunft liegen." in response.content.decode()
    assert not HouseholdMonth.objects.filter(household=bg, month=dt.date(2022, 7, 1)).exists()


@pytest.mark.parametrize(
    ("text", "raw", "message"),
    [
        ("household_id,month,llu,kdu\nBG-TEST,2022-07,1,1\n", None, "Die Pflichtspalte „members“ fehlt."),
        ("household_id,month,members,llu,kdu\n", None, "Die Datei enthält keine Leistungsmonate."),
        (
            "",
            "household_id,month,members,llu,kdu\nBG-TEST,2022-07,3,1,1\n".encode("latin-1") + b"\xe4",
            "UTF-8",
        ),
        (
            "household_id,month,members,llu,kdu,extra\nBG-TEST,2022-07,3,1,1,x\n",
            None,
            "„extra“ ist unbekannt",
        ),
    ],
)
def test_bad_files_are_refused_in_german(world, bg, text, raw, message):  # noqa: F811
    count = HouseholdMonth.objects.count()
    response = _upload(_client(world, "coordinator"), bg, text, raw=raw)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert HouseholdMonth.objects.count() == count


def test_an_xlsx_workbook_with_the_households_sheet(world, bg):  # noqa: F811
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "households"
    sheet.append(["household_id", "month", "members", "llu", "kdu"])
    sheet.append(["BG-TEST", "2022-07", 2, 700.5, 300])
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(_client(world, "coordinator"), bg, "", name="monate.xlsx", raw=buffer.getvalue())
    assert response.status_code == 302
    row = HouseholdMonth.objects.get(household=bg, month=dt.date(2022, 7, 1))
    assert (row.members, row.llu, row.kdu) == (2, Decimal("700.50"), Decimal("300.00"))


def test_who_may_upload(world, bg):  # noqa: F811
    from tests.factories import MembershipFactory, UserFactory

    text = "household_id,month,members,llu,kdu\nBG-TEST,2022-07,3,1,1\n"
    assert _upload(_client(world, "outsider"), bg, text).status_code == 404
    readonly = MembershipFactory(
        user=UserFactory(username="bg_datei"), organisation=world.regional_a, role="read_only"
    ).user
    from django.test import Client

    client = Client()
    client.force_login(readonly)
    assert _upload(client, bg, text).status_code == 403
    assert 'name="file"' not in client.get(reverse("people:household_detail", args=[bg.pk])).content.decode()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # the service checks it too
        household_files.months_upload(household=bg, data=text.encode(), name="households.csv", by=readonly)
    assert not HouseholdMonth.objects.filter(month=dt.date(2022, 7, 1)).exists()


def test_runs_without_benefit_collapse_into_one_row(world):
    """2023-01 recorded, 02–06 without a row, 07 recorded, 08 without, 09 recorded; no entry of a
    member, so no outcome. Rows: 01, run 02–06 (5 months), 07, 08 alone (a run of one), 09."""
    household = Household.objects.create(household_id="BG-LUECKE")
    for month in (1, 7, 9):
        HouseholdMonth.objects.create(
            household=household, month=dt.date(2023, month, 1), members=1, llu=5, kdu=5
        )
    benefits = households.benefits_of(household, today=dt.date(2023, 9, 20))
    rows = table_rows(benefits)
    assert len(benefits.months) == 9
    assert [type(r).__name__ for r in rows] == [
        "BenefitMonth",
        "NoBenefitRun",
        "BenefitMonth",
        "BenefitMonth",
        "BenefitMonth",
    ]
    assert rows[1] == NoBenefitRun(dt.date(2023, 2, 1), dt.date(2023, 6, 1), 5, "")
    assert not rows[3].recorded and rows[3].month == dt.date(2023, 8, 1)


def test_a_run_splits_where_the_outcome_changes():
    """Five months without a row: two before the comparison month's end (no outcome), three
    after it („beendet“) — two rows, not one."""
    months = [
        households.BenefitMonth(dt.date(2024, m, 1), False, None, Decimal(0), Decimal(0), outcome)
        for m, outcome in ((1, None), (2, None), (3, "ended"), (4, "ended"), (5, "ended"))
    ]
    rows = table_rows(households.Benefits(months, dt.date(2024, 2, 1), Decimal(100)))
    assert rows == [
        NoBenefitRun(dt.date(2024, 1, 1), dt.date(2024, 2, 1), 2, ""),
        NoBenefitRun(dt.date(2024, 3, 1), dt.date(2024, 5, 1), 3, "Leistungsbezug beendet"),
    ]


def test_the_page_shows_a_run_as_one_row(world, bg):  # noqa: F811
    """The data month is 2022-09 (another household's latest month): BG-TEST's months after its
    last row, 07 to 09, are one row „keine Leistung (3 Monate)“, outcome „beendet“."""
    other = Household.objects.create(household_id="BG-ANDERE")
    HouseholdMonth.objects.create(household=other, month=dt.date(2022, 9, 1), members=1, llu=1, kdu=1)
    rows = table_rows(households.benefits_of(bg, today=dt.date(2026, 12, 7)))
    assert rows[-1] == NoBenefitRun(dt.date(2022, 7, 1), dt.date(2022, 9, 1), 3, "Leistungsbezug beendet")
    html = (
        _client(world, "coordinator").get(reverse("people:household_detail", args=[bg.pk])).content.decode()
    )
    assert "07/2022 – 09/2022" in html and "keine Leistung (3 Monate)" in html
    assert html.count("<tr") == 1 + 7 + 1  # header, the seven months, one row for the run
