"""The main navigation, built from the user's visibility scope (core.visibility.scope_of).

Each entry names a URL; entries whose view does not exist yet (NoReverseMatch) are hidden, so
other apps can add their views later without touching this file. To add an entry, append a
``NavItem`` to ``NAV_ITEMS`` with a predicate over the user's ``Scope`` (see docs/ui.md).

The less frequent entries carry a ``group`` (``NAV_GROUPS``): the layout shows a group as one
disclosure menu (``navigation_menu``), so that the bar stays on one line at 1280 px for every
persona. A group of which the user sees a single entry shows that entry as a plain link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stufenweg.core.visibility import Scope, scope_of
from stufenweg.organisations import areas


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    visible: Callable[[Scope], bool]
    # "prefix": current when the path starts with the URL (sections); "exact": only the URL itself.
    match: str = "prefix"
    group: str = ""  # a key of NAV_GROUPS: shown inside that disclosure menu
    menu_label: str | Promise | None = None  # the label inside the menu, if not ``label``


@dataclass(frozen=True)
class NavEntry:
    url: str
    label: str
    current: bool
    group: str = ""
    menu_label: str = ""  # the label inside the group's menu (``label`` unless the item names one)


@dataclass(frozen=True)
class NavGroup:
    """A disclosure menu of the main navigation: ``entries`` (at least two), ``current`` when one
    of them is the current page."""

    key: str
    label: str
    entries: tuple[NavEntry, ...]

    @property
    def current(self) -> bool:
        return any(entry.current for entry in self.entries)


def _always(scope: Scope) -> bool:
    return True


def _personal_data(scope: Scope) -> bool:
    return scope.personal_data


def _reports(scope: Scope) -> bool:
    return scope.everything or scope.statistics or bool(scope.region_ids)


def _coordination(scope: Scope) -> bool:
    return scope.everything


def _audit(scope: Scope) -> bool:
    return scope.audit


def _staff(scope: Scope) -> bool:
    return scope.staff


ANALYSIS = "auswertungen"
ADMINISTRATION = "verwaltung"

#: the disclosure menus of the main navigation, by key (the key names the menu's list id)
NAV_GROUPS: dict[str, str | Promise] = {
    ANALYSIS: _("Auswertungen"),
    ADMINISTRATION: _("Verwaltung"),
}

NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("web:home", _("Start"), _always, match="exact"),
    NavItem("casework:participant_list", _("Teilnehmende"), _personal_data),
    NavItem("casework:worklists", _("Arbeitslisten"), _personal_data),
    NavItem("casework:measure_list", _("Maßnahmen"), _personal_data),
    NavItem("groupwork:event_list", _("Gruppenangebote"), _personal_data),
    NavItem("organisations:employer_list", areas.EMPLOYERS_LABEL, areas.sees_employers),
    NavItem("casework:caseload", _("Fallzahlen"), _personal_data, group=ANALYSIS),
    NavItem("earlywarning:worklist", _("Frühwarnung"), _personal_data, group=ANALYSIS),
    NavItem("indicators:report", _("Berichte"), _reports, group=ANALYSIS),
    NavItem("forecasting:forecast", _("Platzprognose"), _reports, group=ANALYSIS),
    # costs and savings (costs/views.py)
    NavItem("costs:index", _("Kosten"), _coordination, group=ANALYSIS),
    NavItem("indicators:targets", _("Zielwerte"), _coordination, group=ANALYSIS),
    NavItem("interchange:upload", _("Import"), _coordination, group=ADMINISTRATION),
    NavItem(
        "web:administration",
        _("Verwaltung"),
        _coordination,
        group=ADMINISTRATION,
        menu_label=_("Verwaltungsbereiche"),
    ),
    NavItem("api:docs", _("API-Dokumentation"), _staff, group=ADMINISTRATION),
    NavItem("web:audit_list", _("Protokoll"), _audit),
)


def _resolve(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation_for(user, path: str) -> list[NavEntry]:
    """The navigation entries ``user`` may use, the one matching ``path`` marked current."""
    if user is None or not user.is_authenticated:
        return []
    scope = scope_of(user)
    candidates: list[tuple[str, NavItem]] = []
    for item in NAV_ITEMS:
        if not item.visible(scope):
            continue
        url = _resolve(item.url_name)
        if url is not None:
            candidates.append((url, item))
    # The longest matching URL wins, so "/teilnehmende/" is not current on "/teilnehmende/listen/".
    best = ""
    for url, item in candidates:
        hit = path == url if item.match == "exact" else path.startswith(url)
        if hit and len(url) > len(best):
            best = url
    return [
        NavEntry(
            url=url,
            label=str(item.label),
            current=(url == best),
            group=item.group,
            menu_label=str(item.menu_label or item.label),
        )
        for url, item in candidates
    ]


def navigation_menu(entries: list[NavEntry]) -> list[NavEntry | NavGroup]:
    """``entries`` as the layout shows them: an entry without a group as itself, the entries of a
    group as one ``NavGroup`` where its first entry stands, a group with one entry as that entry."""
    members: dict[str, list[NavEntry]] = {}
    for entry in entries:
        if entry.group:
            members.setdefault(entry.group, []).append(entry)
    menu: list[NavEntry | NavGroup] = []
    for entry in entries:
        if not entry.group or len(members[entry.group]) == 1:
            menu.append(entry)
        elif members[entry.group][0] is entry:
            group = entry.group
            menu.append(NavGroup(key=group, label=str(NAV_GROUPS[group]), entries=tuple(members[group])))
    return menu
