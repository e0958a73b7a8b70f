"""Names on the start page follow German alphabetical order (DIN 5007: ä as a, ß as ss, case ignored)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from stufenweg.casework.search import name_sort_key
from stufenweg.web import selectors
from tests.conftest import enter, start_journey
from tests.web.conftest import _person

# raw character order would give Aktiv, Kuhn, Zander, Ärger, Kästner, Öhler (umlauts after z)
SURNAMES = ["Kuhn", "Kästner", "Zander", "Öhler", "Ärger", "Strauß", "Strauch"]
GERMAN_ORDER = ["Aktiv", "Ärger", "Kästner", "Kuhn", "Öhler", "Strauch", "Strauß", "Zander"]


def _rows_shown(client, user) -> list[str]:
    client.force_login(user)
    html = client.get(reverse("web:home")).content.decode()
    return re.findall(r"([A-Za-zÄÖÜäöüß]+), Testa", html)


def _enter_all(world, **kwargs):
    world.measure_a.places = 20
    world.measure_a.save(update_fields=["places"])
    for surname in SURNAMES:
        part = start_journey(world, _person(surname), on=dt.date(2025, 5, 1))
        enter(world, part, measure=world.measure_a, stage=world.s3, on=dt.date(2025, 5, 20), **kwargs)


def test_provider_list_is_in_german_alphabetical_order(client, scenario):
    _enter_all(scenario.world)
    assert _rows_shown(client, scenario.world.personas["provider"]) == GERMAN_ORDER


def test_shortened_provider_list_keeps_the_first_names_in_german_order(client, scenario, monkeypatch):
    _enter_all(scenario.world)
    monkeypatch.setattr(selectors, "LIST_LIMIT", 3)
    assert _rows_shown(client, scenario.world.personas["provider"]) == GERMAN_ORDER[:3]


def test_same_date_rows_are_in_german_alphabetical_order(client, scenario):
    # same planned end as Aktiv (01.07.2025): the names decide
    _enter_all(scenario.world, planned_end=dt.date(2025, 7, 1))
    shown = _rows_shown(client, scenario.world.personas["regional"])
    planned = [name for name in shown if name not in ("Pruefung", "Mentee")]
    assert planned == GERMAN_ORDER


def test_sort_key_folds_umlauts_sharp_s_and_case():
    assert name_sort_key("Kästner", "Anna") < name_sort_key("Kuhn", "Anna")
    assert name_sort_key("ärger", "x") < name_sort_key("Bauer", "x")
    assert name_sort_key("Bauer", "x") < name_sort_key("Baum", "x")  # ae stays a-e, not a-umlaut
    assert name_sort_key("Strauß", "x")[0] == name_sort_key("STRAUSS", "x")[0]
    assert name_sort_key("Müller", "Zoe") > name_sort_key("Muller", "Anna")
