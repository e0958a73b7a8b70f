"""How an indicator is declared: the breakdown dimensions, the ``Indicator`` record with its
German/English texts, the two constructors (a count, a rate) and the texts several definitions
share. The catalogue itself is in ``catalogue_programme.py`` and ``catalogue_reporting.py``;
``definitions.py`` puts it together.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

DIMENSIONS = (
    "region",
    "stage",
    "measure",
    "provider",
    "gender",
    "age_band",
    "status",
    "exit_group",
    "change",
    # person attributes and target groups (``target_groups.py``; docs/indicators.md, Zielgruppen)
    "vocational_qualification",
    "single_parent",
    "target_group",
)
DIMENSION_LABELS = {
    "region": _("Region"),
    "stage": _("Stufe"),
    "measure": _("Maßnahme"),
    "provider": _("Träger"),
    "gender": _("Geschlecht"),
    "age_band": _("Altersgruppe"),
    "status": _("Status beim Austritt"),
    "exit_group": _("Austrittsgruppe"),
    "change": _("Art des Stufenwechsels"),
    "vocational_qualification": _("Berufsabschluss"),
    "single_parent": _("alleinerziehend"),
    "target_group": _("Zielgruppe"),
}
GENDERS = ("f", "m", "d", "x")

# a person's attributes, resolved for every source that has the participation (``target_groups.resolve``)
PERSON_DIMS = ("vocational_qualification", "single_parent", "target_group")
BASE_DIMS = ("region", "stage", "measure", "provider", "change", "gender", "age_band", *PERSON_DIMS)
EXIT_DIMS = (*BASE_DIMS, "exit_group")
FAMILY_DIMS = {
    "flow": BASE_DIMS,
    "prog": BASE_DIMS,
    "eb": BASE_DIMS,
    "exit": EXIT_DIMS,
    "esf": ("gender",),
    "sgb2": ("region", "gender", "age_band", *PERSON_DIMS),
    "tg": BASE_DIMS,
}

COUNT = "count"
RATE = "rate"
# a mean (sum / number, the value only) and a median (``target_groups.indicator_rows``)
MEAN = "mean"
MEDIAN = "median"
TEXTS = ("label", "definition", "numerator", "denominator")


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str  # German (the product's language)
    label_en: str
    definition: str  # German
    definition_en: str
    unit: str  # COUNT or RATE
    source: str  # engine source of the numerator (or of the count)
    num: str  # aggregate name in that source
    den_source: str = ""
    den: str = ""
    numerator: str = ""  # German; a count has none
    numerator_en: str = ""
    denominator: str = ""  # German; a count has none
    denominator_en: str = ""
    extra_dims: tuple[str, ...] = ()
    # the direction of a target: for a dropout rate, less than the Soll is the goal
    lower_is_better: bool = False

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def dims(self) -> tuple[str, ...]:
        return (*FAMILY_DIMS[self.family], *self.extra_dims)

    @property
    def is_rate(self) -> bool:
        return self.unit == RATE

    def text(self, name: str) -> str:
        """The label, definition, numerator or denominator (``name``) in the active language:
        English when English is active, German otherwise."""
        if name not in TEXTS:
            raise ValueError(name)
        return getattr(self, f"{name}_en" if translation.get_language() == "en" else name)


Text = tuple[str, str]  # (German, English)


def count_indicator(id: str, label: Text, definition: Text, source: str, num: str, **kw) -> Indicator:
    return Indicator(id, *label, *definition, COUNT, source, num, **kw)


def rate_indicator(
    id: str,
    label: Text,
    definition: Text,
    source: str,
    num: str,
    den_source: str,
    den: str,
    numerator: Text,
    denominator: Text,
    **kw,
) -> Indicator:
    return Indicator(
        id,
        *label,
        *definition,
        RATE,
        source,
        num,
        den_source=den_source,
        den=den,
        numerator=numerator[0],
        numerator_en=numerator[1],
        denominator=denominator[0],
        denominator_en=denominator[1],
        **kw,
    )


EXITS_TEXT = (
    "Austritte im Zeitraum (explizit und durch Stufenwechsel)",
    "exits in the period (explicit, and implicit through stage changes)",
)
SUCCESS_TEXT = (
    "erfolgreiche Austritte (regulär oder vorzeitig positiv)",
    "successful exits (regular or early positive)",
)
COHORT6_TEXT = (
    "Austritte im Zeitraum, deren Verbleibszeitpunkt p (Austritt + 6 Monate) am Stichtag erreicht ist",
    "exits in the period whose day p (exit date + 6 months) is on or before the as-of date",
)
