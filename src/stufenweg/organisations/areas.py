"""Labels and predicates for the links to the organisations pages (the „Verwaltung“ hub in
``web.views.administration`` and the main navigation in ``web.navigation``), kept here so that
their texts live in this app's catalogue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from stufenweg.core.visibility import Scope

ORGANISATIONS_LABEL = _("Organisationen")
ORGANISATIONS_DESCRIPTION = _("Organisationen mit Art, Region und Status (aktiv oder deaktiviert); Regionen")
EMPLOYERS_LABEL = _("Arbeitgeber")
EMPLOYERS_DESCRIPTION = _("Arbeitgeber mit Branche, Anschrift und Ansprechperson")


def sees_organisations(scope: Scope) -> bool:
    """The administration list: members of the coordination office."""
    return scope.everything


def sees_employers(scope: Scope) -> bool:
    """The employer register: members of the offices, providers and mentoring projects
    (``organisations.authority.reads_employers``)."""
    return bool(scope.everything or scope.region_ids or scope.provider_org_ids)
