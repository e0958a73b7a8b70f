"""The main navigation, built from the user's visibility scope (core.visibility.scope_of).

Each entry names a URL; entries whose view does not exist yet (NoReverseMatch) are hidden, so
other apps can add their views later without touching this file. To add an entry, append a
``NavItem`` to ``NAV_ITEMS`` with a predicate over the user's ``Scope`` (see docs/ui.md).
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


@dataclass(frozen=True)
class NavEntry:
    url: str
    label: str
    current: bool


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


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("web:home", _("Start"), _always, match="exact"),
    NavItem("casework:participant_list", _("Teilnehmende"), _personal_data),
    NavItem("casework:worklists", _("Arbeitslisten"), _personal_data),
    NavItem("casework:measure_list", _("Maßnahmen"), _personal_data),
    NavItem("casework:caseload", _("Fallzahlen"), _personal_data),
    NavItem("earlywarning:worklist", _("Frühwarnung"), _personal_data),
    NavItem("groupwork:event_list", _("Gruppenangebote"), _personal_data),
    NavItem("organisations:employer_list", areas.EMPLOYERS_LABEL, areas.sees_employers),
    NavItem("indicators:report", _("Berichte"), _reports),
    NavItem("forecasting:forecast", _("Platzprognose"), _reports),
    NavItem("costs:index", _("Kosten"), _coordination),  # costs and savings (costs/views.py)
    NavItem("indicators:targets", _("Zielwerte"), _coordination),
    NavItem("interchange:upload", _("Import"), _coordination),
    NavItem("web:administration", _("Verwaltung"), _coordination),
    NavItem("api:docs", _("API-Dokumentation"), _staff),
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
    candidates: list[tuple[str, str, str]] = []
    for item in NAV_ITEMS:
        if not item.visible(scope):
            continue
        url = _resolve(item.url_name)
        if url is not None:
            candidates.append((url, str(item.label), item.match))
    # The longest matching URL wins, so "/teilnehmende/" is not current on "/teilnehmende/listen/".
    best = ""
    for url, _label, match in candidates:
        hit = path == url if match == "exact" else path.startswith(url)
        if hit and len(url) > len(best):
            best = url
    return [NavEntry(url=url, label=label, current=(url == best)) for url, label, _m in candidates]
