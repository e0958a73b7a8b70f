"""The less frequent entries of the main navigation sit in disclosure menus ("Auswertungen",
"Verwaltung"): each persona still finds every entry it may use there (and it opens), none it may
not; a group with a single entry is a plain link; the current page is marked inside its menu."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ANALYSIS = ["Fallzahlen", "Frühwarnung", "Berichte", "Platzprognose", "Kosten", "Zielwerte"]
ADMINISTRATION = ["Import", "Verwaltungsbereiche", "API-Dokumentation"]

# per persona: the top-level items (a menu by its button label) and the links in each menu
EXPECTED = {
    "coordinator": (
        [
            "Start",
            "Teilnehmende",
            "Arbeitslisten",
            "Maßnahmen",
            "Gruppenangebote",
            "Arbeitgeber",
            "Auswertungen",
            "Verwaltung",
        ],
        {"Auswertungen": ANALYSIS, "Verwaltung": ADMINISTRATION},
    ),
    "regional": (
        [
            "Start",
            "Teilnehmende",
            "Arbeitslisten",
            "Maßnahmen",
            "Gruppenangebote",
            "Arbeitgeber",
            "Auswertungen",
            "API-Dokumentation",
        ],
        {"Auswertungen": ["Fallzahlen", "Frühwarnung", "Berichte", "Platzprognose"]},
    ),
    "provider": (
        [
            "Start",
            "Teilnehmende",
            "Arbeitslisten",
            "Maßnahmen",
            "Gruppenangebote",
            "Arbeitgeber",
            "Auswertungen",
            "API-Dokumentation",
        ],
        {"Auswertungen": ["Fallzahlen", "Frühwarnung"]},
    ),
    "jobcenter": (
        [
            "Start",
            "Teilnehmende",
            "Arbeitslisten",
            "Maßnahmen",
            "Gruppenangebote",
            "Auswertungen",
            "API-Dokumentation",
        ],
        {"Auswertungen": ["Fallzahlen", "Frühwarnung"]},
    ),
    "mentor": (
        [
            "Start",
            "Teilnehmende",
            "Arbeitslisten",
            "Maßnahmen",
            "Gruppenangebote",
            "Arbeitgeber",
            "Auswertungen",
            "API-Dokumentation",
        ],
        {"Auswertungen": ["Fallzahlen", "Frühwarnung"]},
    ),
    "dpo": (["Start", "API-Dokumentation", "Protokoll"], {}),
    "outsider": (["Start"], {}),
}


class NavParser(HTMLParser):
    """The main navigation of a page: top-level items, menu links, buttons with their attributes."""

    def __init__(self):
        super().__init__()
        self.in_nav = False
        self.depth = 0  # <ul> nesting inside the nav
        self.top: list[str] = []
        self.menus: dict[str, list[tuple[str, str, dict]]] = {}
        self.buttons: dict[str, dict] = {}
        self.links: dict[str, tuple[str, dict]] = {}  # label -> (href, attrs), all levels
        self._open: tuple[str, dict] | None = None  # the tag whose text is being read
        self._button = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("class") == "main-nav":
            self.in_nav = True
        elif self.in_nav and tag == "ul":
            self.depth += 1
        elif self.in_nav and tag in ("a", "button"):
            self._open = (tag, attrs)

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = False
        elif self.in_nav and tag == "ul":
            self.depth -= 1

    def handle_data(self, data):
        if self._open is None or not data.strip():
            return
        tag, attrs = self._open
        label = data.strip()
        self._open = None
        if tag == "button":
            self.top.append(label)
            self.buttons[label] = attrs
            self._button = label
            self.menus[label] = []
        elif self.depth == 1:
            self.top.append(label)
            self.links[label] = (attrs["href"], attrs)
        else:
            self.menus[self._button].append((label, attrs["href"], attrs))
            self.links[label] = (attrs["href"], attrs)


def nav_of(client, url: str) -> NavParser:
    response = client.get(url)
    assert response.status_code == 200
    parser = NavParser()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_finds_the_grouped_entries_it_may_use_and_no_other(world, client, persona):
    top, menus = EXPECTED[persona]
    client.force_login(world.personas[persona])
    nav = nav_of(client, reverse("web:home"))
    assert nav.top == top
    assert {label: [link[0] for link in links] for label, links in nav.menus.items()} == menus
    for label in nav.menus:
        button = nav.buttons[label]
        assert button["type"] == "button"
        assert button["aria-expanded"] == "false"
        assert button["aria-controls"].startswith("nav-")
    # every grouped link leads to a page the persona may open
    for links in nav.menus.values():
        for label, href, _attrs in links:
            assert client.get(href).status_code == 200, (persona, label, href)


def test_menu_ids_match_the_buttons(world, client):
    client.force_login(world.personas["coordinator"])
    html = client.get(reverse("web:home")).content.decode()
    assert '<ul class="main-nav__sublist" id="nav-auswertungen">' in html
    assert '<ul class="main-nav__sublist" id="nav-verwaltung">' in html
    assert 'aria-controls="nav-auswertungen">Auswertungen</button>' in html


def test_the_current_page_is_marked_inside_its_menu_and_on_the_menu_button(world, client):
    client.force_login(world.personas["coordinator"])
    nav = nav_of(client, reverse("indicators:report"))
    assert nav.links["Berichte"][1].get("aria-current") == "page"
    assert nav.buttons["Auswertungen"].get("aria-current") == "true"
    assert "aria-current" not in nav.buttons["Verwaltung"]
    assert [label for label, (_h, attrs) in nav.links.items() if "aria-current" in attrs] == ["Berichte"]
    # outside the menus, the buttons carry no mark
    home = nav_of(client, reverse("web:home"))
    assert all("aria-current" not in attrs for attrs in home.buttons.values())
    assert home.links["Start"][1].get("aria-current") == "page"


def test_a_group_with_one_entry_is_a_plain_link(world, client):
    # the regional office sees only the API documentation of the "Verwaltung" group
    client.force_login(world.personas["regional"])
    nav = nav_of(client, reverse("api:docs"))
    assert "Verwaltung" not in nav.buttons
    assert nav.links["API-Dokumentation"] == (
        reverse("api:docs"),
        {"class": "main-nav__link", "href": reverse("api:docs"), "aria-current": "page"},
    )
