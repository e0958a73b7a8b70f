"""The forecast on demo-like data: the back-test runs and yields an error per stage; the page and
the download for the readers of the reports, nobody else; bad input gets German errors."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from stufenweg.forecasting.model import add_months
from stufenweg.forecasting.service import ForecastParams, errors, forecast
from stufenweg.organisations.models import Region, User
from stufenweg.people.models import Person
from stufenweg.programmes.models import Programme
from tests.demo.conftest import small_demo  # noqa: F401  (the module's demo, loaded once)

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _query(programme, **extra) -> dict:
    today = timezone.localdate()
    return {
        "programme": programme.pk,
        "as_of": today.isoformat(),
        "backtest_from": add_months(today, -12).isoformat(),
        **extra,
    }


def test_the_backtest_reports_an_error_per_stage(small_demo):  # noqa: F811
    programme = Programme.objects.get(code="JPS")
    today = timezone.localdate()
    result = forecast(
        ForecastParams(
            programme=programme, as_of=today, backtest_from=add_months(today, -12), region_ids=None, runs=40
        )
    )
    stages = list(programme.stages.order_by("position").values_list("name", flat=True))
    assert [s["name"] for s in result["stages"]] == stages
    test = result["backtest"]
    assert len(test["months"]) == 12 and len(test["errors"]) == len(stages)
    for err in test["errors"]:
        assert err["mae"] >= 0
        assert err["mape"] is None or err["mape"] >= 0
    # the demo has people in its stages, so some stage had an actual occupancy to compare with
    assert any(err["mape"] is not None for err in test["errors"])
    assert sum(sum(row) for row in test["actual"]) > 0
    # the forecast has twelve months with a band that holds its median
    low, mid, high = result["total_band"]
    assert len(mid) == 12 and all(lo <= m <= hi for lo, m, hi in zip(low, mid, high, strict=True))


def test_errors_are_counted_per_stage():
    """Two months, two stages. Stage 1: |10-8| and |12-12| → MAE 1, MAPE (2/8 + 0)/2 = 12.5 %.
    Stage 2: actual 0 in the first month, so the MAPE rests on the second: |3-4|/4 = 25 %."""
    forecast_ = np.array([[10, 1], [12, 3]], dtype=float)
    actual = np.array([[8, 0], [12, 4]], dtype=float)
    low, high = forecast_ - 1, forecast_ + 1
    out = errors(forecast_, actual, low, high)
    assert out["errors"][0] == {"mae": 1.0, "mape": 12.5, "covered": 50.0}
    assert out["errors"][1] == {"mae": 1.0, "mape": 25.0, "covered": 100.0}


def test_the_coordination_office_sees_the_page_without_any_person(small_demo):  # noqa: F811
    programme = Programme.objects.get(code="JPS")
    response = _client("regie").get("/prognose/", _query(programme))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rückblick: Fehler je Stufe" in body and "MAE" in body
    assert "data:image/png;base64," in body
    # the assumptions stand on the page, in German, not as a path into the source repository
    assert "Annahmen und Grenzen des Verfahrens" in body and "keine Saisonalität" in body
    assert "docs/forecasting" not in body
    for person in Person.objects.all()[:50]:
        assert f"{person.first_name} {person.last_name}" not in body


def test_a_regional_office_forecasts_its_own_region_only(small_demo):  # noqa: F811
    programme = Programme.objects.get(code="JPS")
    bautzen = Region.objects.get(code="BZ")
    response = _client("rb.bautzen").get("/prognose/", _query(programme))
    assert response.status_code == 200
    assert [r["id"] for r in response.context["result"]["regions"]] == [bautzen.pk]
    other = Region.objects.exclude(pk=bautzen.pk).first()
    refused = _client("rb.bautzen").get("/prognose/", _query(programme, region=other.pk))
    assert "result" not in refused.context and refused.context["form"].errors["region"]


@pytest.mark.parametrize("username", ["jobcenter", "traeger", "mentor", "datenschutz"])
def test_others_get_404(small_demo, username):  # noqa: F811
    programme = Programme.objects.get(code="JPS")
    assert _client(username).get("/prognose/", _query(programme)).status_code == 404
    assert _client(username).get("/prognose/download.xlsx", _query(programme)).status_code == 404


def test_the_download_is_a_workbook_with_the_tables(small_demo):  # noqa: F811
    programme = Programme.objects.get(code="SFS")
    response = _client("regie").get("/prognose/download.xlsx", _query(programme))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Prognose"
    assert any(name.startswith("Rückblick") for name in book.sheetnames)
    detail = book[book.sheetnames[-1]]
    assert [c.value for c in detail[1]][:3] == ["Monat", "Region", "Stufe"]


def test_bad_input_gets_german_errors_and_no_forecast(small_demo):  # noqa: F811
    programme = Programme.objects.get(code="SFS")
    today = timezone.localdate()
    client = _client("regie")
    future = client.get("/prognose/", _query(programme, as_of=add_months(today, 1).isoformat()))
    assert future.status_code == 200 and "result" not in future.context
    assert "Der Stichtag liegt in der Zukunft" in future.content.decode()
    late = client.get("/prognose/", _query(programme, backtest_from=today.isoformat()))
    assert "Der Tag für den Rückblick muss vor dem Stichtag liegen." in late.content.decode()
    assert client.get("/prognose/", {"as_of": "gestern"}).status_code == 200


def test_small_observed_counts_are_hidden(small_demo):  # noqa: F811
    programme = Programme.objects.get(code="SFS")
    response = _client("regie").get("/prognose/", _query(programme, suppress_below=1000))
    history = response.context["result"]["history"]
    assert all(h["total"] in ("*", 0) for h in history)
    assert any(h["total"] == "*" for h in history)
