"""Organisations and regions are listed in German order (DIN 5007-1, the rule of the person
lists, ``casework.search``): „Ärztehaus …“ before „Bildungswerk …“ and „Zentrum …“, not after
„Zentrum …“ as in the stored order of the bytes; paginated lists keep that order across pages,
and a pick list still validates the choice against its queryset."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms

from stufenweg.casework.search import name_sort_key, sort_key
from stufenweg.organisations import views
from stufenweg.organisations.models import Organisation, Region, User
from stufenweg.organisations.ordering import KIND_ORDER, name_key, order_choices, staff_key
from stufenweg.organisations.services import employer_create
from tests.conftest import enter, page_html, start_journey
from tests.factories import OrganisationFactory, PersonFactory, RegionFactory

pytestmark = pytest.mark.django_db
NAMES = ["Zentrum Nord", "Ärztehaus Mitte", "Bildungswerk West"]  # scrambled: the pk gives no help


def _in_order(html: str, *names: str) -> bool:
    positions = [html.index(name) for name in names]
    return positions == sorted(positions)


def _rows(html: str) -> list[str]:
    return [name.strip() for name in re.findall(r'<th scope="row">(?:<a href="[^"]+">)?([^<]+)', html)]


@pytest.fixture
def providers(world):
    for name in NAMES:
        OrganisationFactory(name=name, kind=Organisation.Kind.PROVIDER, region=world.region_a)


def test_the_organisation_list_is_in_german_order_across_pages(world, providers, monkeypatch):
    coordinator = world.personas["coordinator"]
    url = "/verwaltung/organisationen/?kind=provider"
    expected = ["Ärztehaus Mitte", "Bildungswerk West", "Träger A", "Träger B", "Zentrum Nord"]
    assert _rows(page_html(coordinator, url)) == expected
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    pages = [_rows(page_html(coordinator, f"{url}&page={n}")) for n in (1, 2, 3)]
    assert pages == [expected[:2], expected[2:4], expected[4:]]


def test_the_organisation_list_groups_by_kind_then_german_order(world, providers):
    html = page_html(world.personas["coordinator"], "/verwaltung/organisationen/")
    rows = _rows(html)
    kinds = {o.name: o.kind for o in Organisation.objects.all()}
    ranks = [KIND_ORDER.index(kinds[name]) for name in rows]
    assert ranks == sorted(ranks)  # by kind first: the coordination office first, the employers last
    assert kinds[rows[0]] == Organisation.Kind.COORDINATION_OFFICE
    assert kinds[rows[-1]] == Organisation.Kind.EMPLOYER
    assert [name for name in rows if name in NAMES] == sorted(NAMES, key=sort_key)


def test_the_employer_register_and_the_employer_pick_are_in_german_order(world):
    for name in ["Zentrum für Pflege", "Ärztehaus am Markt", "Bildungswerk Nord"]:
        employer_create(name=name, region=world.region_a, by=None)
    expected = ["Ärztehaus am Markt", "Bildungswerk Nord", "Pflegedienst Lichtblicke", "Zentrum für Pflege"]
    assert _rows(page_html(world.personas["coordinator"], "/arbeitgeber/")) == expected
    case = start_journey(world, PersonFactory(), on=dt.date(2024, 1, 8))
    enter(world, case, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    page = page_html(world.personas["regional"], f"/teilnehmende/teilnahme/{case.pk}/aktion/praktikum/")
    assert _in_order(page, 'label="Region Region A"', *expected)


def test_the_region_list_and_a_region_pick_are_in_german_order(world):
    for name in ["Zwickau", "Östliches Erzgebirge", "Bautzen"]:
        RegionFactory(name=name)
    expected = ["Bautzen", "Östliches Erzgebirge", "Region A", "Region B", "Zwickau"]
    coordinator = world.personas["coordinator"]
    assert _in_order(page_html(coordinator, "/verwaltung/organisationen/regionen/"), *expected)
    page = page_html(coordinator, "/verwaltung/organisationen/")  # the filter's region pick
    select = re.search(r'<select name="region"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == ["alle", *expected]


def test_order_choices_keeps_the_queryset_and_survives_a_new_one(world, providers):
    class Form(forms.Form):
        organisation = order_choices(
            forms.ModelChoiceField(queryset=Organisation.objects.none(), empty_label="–"), name_key
        )

    form = Form({"organisation": Organisation.objects.get(name="Zentrum Nord").pk})
    form.fields["organisation"].queryset = Organisation.objects.filter(kind=Organisation.Kind.PROVIDER)
    labels = [label for _value, label in form.fields["organisation"].choices]
    assert labels == ["–", "Ärztehaus Mitte", "Bildungswerk West", "Träger A", "Träger B", "Zentrum Nord"]
    assert form.is_valid()
    outside = Form({"organisation": world.coordination.pk})
    outside.fields["organisation"].queryset = Organisation.objects.filter(kind=Organisation.Kind.PROVIDER)
    assert not outside.is_valid()  # validated against the queryset, as before
    assert [label for _value, label in Form().fields["organisation"].choices] == [
        "–"
    ]  # no leak between forms


def test_one_rule_for_persons_staff_and_organisations():
    user = User(username="u", first_name="Jürgen", last_name="Özdemir")
    assert staff_key(user)[:4] == name_sort_key("Özdemir", "Jürgen")
    region = Region(pk=1, name="Ärmelkanal")
    assert name_key(region)[0] == sort_key("Ärmelkanal") == name_sort_key("Ärmelkanal", "")[0]
