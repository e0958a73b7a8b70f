"""The account administration lists staff in German order (DIN 5007-1, the rule of the person
lists: „ärger“ after „Abel“, „Özdemir“ before „Zander“), also across pages, and its organisation
picker lists „Ärztehaus …“ before „Bildungswerk …“ and „Zentrum …“."""

from __future__ import annotations

import re

import pytest

from stufenweg.accounts import admin_views
from stufenweg.organisations.models import Organisation
from tests.conftest import page_html
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = "/verwaltung/konten/"
GERMAN_ORDER = ["Abel", "ärger", "Özdemir", "Zander"]


@pytest.fixture
def german_accounts(world):
    # created in a scrambled order, so the primary key gives no help
    organisation = OrganisationFactory(
        name="Zentrum Süd", kind=Organisation.Kind.PROVIDER, region=world.region_a
    )
    for number, last_name in enumerate(["Zander", "Özdemir", "ärger", "Abel"]):
        user = UserFactory(username=f"konto{number}", first_name="Eva", last_name=last_name)
        MembershipFactory(user=user, organisation=organisation)
    return organisation


def _rows(html: str) -> list[str]:
    """The last names of the list's rows, in the order shown."""
    return re.findall(r'<th scope="row"><a href="[^"]+">([^,<]*), ', html)


def test_the_account_list_is_in_german_order(world, german_accounts):
    rows = _rows(page_html(world.personas["coordinator"], f"{LIST}?organisation={german_accounts.pk}"))
    assert rows == GERMAN_ORDER


def test_the_pages_of_the_account_list_follow_german_order(world, german_accounts, monkeypatch):
    monkeypatch.setattr(admin_views, "PAGE_SIZE", 3)
    url = f"{LIST}?organisation={german_accounts.pk}"
    coordinator = world.personas["coordinator"]
    first, second = _rows(page_html(coordinator, url)), _rows(page_html(coordinator, url + "&page=2"))
    assert (first, second) == (GERMAN_ORDER[:3], GERMAN_ORDER[3:])
    assert _rows(page_html(coordinator, url + "&page=9")) == GERMAN_ORDER[3:]  # past the end: the last page


def test_the_organisation_picker_is_in_german_order(world):
    for name in ["Zentrum Nord", "Ärztehaus Mitte", "Bildungswerk West"]:
        OrganisationFactory(name=name, kind=Organisation.Kind.PROVIDER, region=world.region_a)
    html = page_html(world.personas["coordinator"], LIST)
    select = re.search(r'<select name="organisation"[^>]*>(.*?)</select>', html, re.S).group(1)
    labels = re.findall(r"<option[^>]*>([^<(]*)", select)
    names = [label.strip() for label in labels]
    assert names[0] == "alle"
    ours = [name for name in names if name.split(" ")[0] in {"Zentrum", "Ärztehaus", "Bildungswerk"}]
    assert ours == ["Ärztehaus Mitte", "Bildungswerk West", "Zentrum Nord"]
    assert names.index("Regiestelle") < names.index("Zentrum Nord")  # the world's organisations among them
