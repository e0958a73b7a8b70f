"""Every indicator of INDICATORS.md, declared once: id, labels, definition, numerator, denominator,
unit and the breakdowns it allows (``indicator.py`` says how one is declared; the programme's own
indicators are in ``catalogue_programme.py``, those reported to funders in
``catalogue_reporting.py``). The engine (``engine.py``) computes them; the reports and the
definitions sheet read their texts from here.

Each text is declared as a pair, German (the product's language, stored in the report) and English
(``label_en``, ``definition_en``, ``numerator_en``, ``denominator_en``); :meth:`Indicator.text`
picks the one of the active language. The English wording follows INDICATORS.md where it has one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from stufenweg.indicators.catalogue_programme import PROGRAMME_INDICATORS
from stufenweg.indicators.catalogue_reporting import REPORTING_INDICATORS
from stufenweg.indicators.catalogue_target_groups import TARGET_GROUP_INDICATORS
from stufenweg.indicators.indicator import DIMENSION_LABELS, DIMENSIONS, GENDERS, TEXTS, Indicator

# what the engine, the reports and the forms read from here
__all__ = [
    "BY_ID",
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "FAMILY_LABELS",
    "GENDERS",
    "INDICATORS",
    "TEXTS",
    "Indicator",
]

INDICATORS: list[Indicator] = [*PROGRAMME_INDICATORS, *REPORTING_INDICATORS, *TARGET_GROUP_INDICATORS]

BY_ID: dict[str, Indicator] = {ind.id: ind for ind in INDICATORS}
FAMILY_LABELS = {
    "flow": _("Programmverlauf"),
    "exit": _("Status beim Austritt"),
    "prog": _("Programmergebnisse"),
    "esf": _("ESF+-Gemeinsame Indikatoren"),
    "eb": _("Eingliederungsbilanz"),
    "sgb2": _("Integrationen"),
    "tg": _("Zielgruppenmerkmale"),
}
