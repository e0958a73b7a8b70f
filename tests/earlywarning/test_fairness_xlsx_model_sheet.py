"""The model sheet of the fairness XLSX holds its dates as dates and its counts as numbers
(training and test side by side), so that a reader can sort and compute with them."""

from __future__ import annotations

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook


def test_dates_are_dates_and_counts_are_numbers(world, model):
    client = Client()
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse("earlywarning:fairness_xlsx", args=[world.programme.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["Modell"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True)}
    assert isinstance(rows["trainiert am"][0], dt.datetime)
    assert rows["trainiert am"][0].microsecond == 0  # to the second (shown to the minute)
    assert rows["Datenstand"][0] == dt.datetime(2026, 1, 1)
    assert sheet["B3"].number_format == "dd.mm.yyyy"
    assert rows["Stichtage Training / Test"][:2] == (300, 100)
    assert rows["Personen Training / Test"][:2] == (60, 20)
    assert rows["Abbrüche Training / Test"][:2] == (30, 10)
    assert rows["Vorhersagezeitraum (Tage)"][0] == model.horizon_days
