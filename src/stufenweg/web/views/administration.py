"""The „Verwaltung“ hub: the administration areas a user may open, as links.

Each area is an ``AdminArea`` in ``ADMIN_AREAS`` (a URL name, a label, a description and a
predicate over the user's ``Scope``, like the main navigation). An area whose URL name does not
resolve (its app has not added the view yet) is left out, so other apps add their areas by
appending an entry here and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from stufenweg.accounts import areas as account_areas
from stufenweg.core.visibility import Scope, scope_of
from stufenweg.organisations import areas


@dataclass(frozen=True)
class AdminArea:
    url_name: str
    label: str | Promise
    description: str | Promise
    visible: Callable[[Scope], bool]
    user_test: Callable[[object], bool] | None = None  # a further test on the user (roles)


def _staff(scope: Scope) -> bool:
    return scope.staff


def _coordination(scope: Scope) -> bool:
    return scope.everything


ADMIN_AREAS: tuple[AdminArea, ...] = (
    AdminArea(
        "programmes:programme_list",
        _("Programme"),
        _("Programme mit Stufen, Regeln, Folgestufen, „in Arbeit“-Einstellungen und Betreuungsschlüsseln"),
        _staff,
    ),
    AdminArea(
        "measures_admin:list",
        _("Maßnahmen"),
        _("Maßnahmen mit Träger, Region, Stufen, Plätzen, Zeitraum, Einstieg und Startterminen"),
        _coordination,
    ),
    AdminArea("indicators:targets", _("Zielwerte"), _("Zielwerte (Soll) der Berichte"), _coordination),
    AdminArea(
        "organisations:organisation_list",
        areas.ORGANISATIONS_LABEL,
        areas.ORGANISATIONS_DESCRIPTION,
        areas.sees_organisations,
    ),
    AdminArea(
        "organisations:employer_list",
        areas.EMPLOYERS_LABEL,
        areas.EMPLOYERS_DESCRIPTION,
        areas.sees_employers,
    ),
    AdminArea(
        "account_admin:list",
        account_areas.ACCOUNTS_LABEL,
        account_areas.ACCOUNTS_DESCRIPTION,
        _staff,
        user_test=account_areas.manages_accounts,
    ),
)


@dataclass(frozen=True)
class AreaLink:
    url: str
    label: str
    description: str


def areas_for(user) -> list[AreaLink]:
    scope = scope_of(user)
    links = []
    for area in ADMIN_AREAS:
        if not area.visible(scope) or (area.user_test is not None and not area.user_test(user)):
            continue
        try:
            url = reverse(area.url_name)
        except NoReverseMatch:
            continue
        links.append(AreaLink(url, str(area.label), str(area.description)))
    return links


@login_required
@require_safe
def administration(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).staff:
        raise PermissionDenied
    return render(request, "web/administration.html", {"areas": areas_for(request.user)})
