"""Target-group characteristics per stage, length of stay and repeated measures (docs/indicators.md,
„Zielgruppenmerkmale je Stufe“), the section of the JobPerspektive Sachsen reports. Computed by
``target_groups.py`` from the engine's enrolments (``sw_enr``).

Population of the characteristics (``tg_in``): per stage, the persons with an entry into the stage
(``entry`` or ``stage_change``) in the period, each counted once per stage, with the values at
their first such entry. Every share has that population as its denominator; an unknown value
(not recorded, or ``na``) is in the denominator and not in the numerator.
"""

from __future__ import annotations

from stufenweg.indicators.indicator import MEAN, MEDIAN, Indicator, Text, count_indicator, rate_indicator

ENTRANTS_TEXT = (
    "Personen mit einem Eintritt in die Stufe im Zeitraum (je Stufe einmal gezählt)",
    "persons with an entry into the stage in the period (counted once per stage)",
)
CLOSED_TEXT = (
    "Teilnahmen der Stufe, die im Zeitraum endeten (Austritt oder Stufenwechsel)",
    "enrolments of the stage that ended in the period (exit or stage change)",
)


def _measure(id, unit, label: Text, definition: Text, source, num, den=""):
    """A mean (numerator sum / denominator number) or a median: the value only in the contract rows."""
    return Indicator(
        f"tg.{id}",
        *label,
        *definition,
        unit,
        source,
        num,
        den_source=source if den else "",
        den=den,
    )


def _share(id, label, what, num_name, numerator):
    return rate_indicator(
        f"tg.{id}",
        label,
        (f"Anteil {what[0]}", f"share {what[1]}"),
        "tg_in",
        num_name,
        "tg_in",
        "entrants",
        numerator,
        ENTRANTS_TEXT,
    )


TARGET_GROUP_INDICATORS = [
    count_indicator(
        "tg.entrants",
        ("Teilnehmende (Eintritte in die Stufe)", "Participants (entries into the stage)"),
        ENTRANTS_TEXT,
        "tg_in",
        "entrants",
    ),
    _share(
        "women_share",
        ("Frauenanteil", "Share of women"),
        ("der Frauen (Geschlecht weiblich)", "of women (gender female)"),
        "women",
        ("Personen mit Geschlecht „weiblich“", "persons with gender “female”"),
    ),
    _share(
        "long_term_unemployed_share",
        ("Anteil Langzeitarbeitslose", "Share of long-term unemployed"),
        (
            "der beim Eintritt Langzeitarbeitslosen (arbeitslos seit mindestens 12 Monaten)",
            "of persons long-term unemployed at entry (unemployed for 12 months or more)",
        ),
        "ltu",
        (
            "Personen mit Erwerbsstatus „arbeitslos“ beim Eintritt und Eintrittsdatum ≥ arbeitslos seit + 12 Monate "
            "(Angaben des Eintritts, sonst des letzten früheren Eintritts, der sie nennt)",
            "persons with employment status “unemployed” at entry and entry date ≥ unemployed_since + 12 months "
            "(values of the entry, else of the latest earlier entry that gives them)",
        ),
    ),
    _share(
        "without_vocational_qualification_share",
        ("Anteil ohne Berufsabschluss", "Share without vocational qualification"),
        ("ohne Berufsabschluss", "without vocational qualification"),
        "no_voc",
        ("Personen mit Berufsabschluss „nein“", "persons with vocational_qualification “no”"),
    ),
    _share(
        "single_parent_share",
        ("Anteil Alleinerziehende", "Share of single parents"),
        ("der Alleinerziehenden", "of single parents"),
        "single_parent",
        ("Personen mit „alleinerziehend: ja“", "persons with single_parent “yes”"),
    ),
    _share(
        "disability_share",
        ("Anteil mit Behinderung", "Share with disability"),
        ("mit Behinderung", "with a disability"),
        "disability",
        ("Personen mit Behinderung „ja“", "persons with disability “yes”"),
    ),
    _share(
        "foreign_background_share",
        ("Anteil mit Migrationshintergrund", "Share with migration background"),
        ("mit Migrationshintergrund", "with a migration background"),
        "foreign_background",
        ("Personen mit Migrationshintergrund „ja“", "persons with foreign_background “yes”"),
    ),
    _share(
        "under_25_share",
        ("Anteil unter 25 Jahre", "Share under 25"),
        ("der beim Eintritt unter 25-Jährigen", "of persons under 25 at entry"),
        "under_25",
        (
            "Personen, die am Eintrittstag jünger als 25 Jahre sind",
            "persons younger than 25 on the day of entry",
        ),
    ),
    _share(
        "returner_share",
        ("Anteil Berufsrückkehrer/innen", "Share of returners"),
        ("der Berufsrückkehrer/innen", "of returners"),
        "returner",
        ("Personen mit Berufsrückkehrer/in „ja“", "persons with returner “yes”"),
    ),
    _share(
        "refugee_share",
        ("Anteil Geflüchtete", "Share of refugees"),
        ("der Geflüchteten", "of refugees"),
        "refugee",
        ("Personen mit geflüchtet „ja“", "persons with refugee “yes”"),
    ),
    _share(
        "long_term_benefit_share",
        ("Anteil Langzeitleistungsbeziehende", "Share of long-term benefit recipients"),
        ("der Langzeitleistungsbeziehenden", "of long-term benefit recipients"),
        "long_term_benefit",
        ("Personen mit Langzeitleistungsbezug „ja“", "persons with long_term_benefit “yes”"),
    ),
    _measure(
        "mean_age",
        MEAN,
        ("Durchschnittsalter beim Eintritt", "Mean age at entry"),
        (
            "Summe der Alter (vollendete Jahre am Eintrittstag) / Teilnehmende",
            "sum of the ages (completed years on the day of entry) / participants",
        ),
        "tg_in",
        "age_sum",
        "entrants",
    ),
    _share(
        "repeated_programme_share",
        ("Anteil mit mehreren Teilnahmen im Programm", "Share with more than one enrolment in the programme"),
        (
            "der Personen mit mehr als einer Teilnahme (Eintritt) im Programm bis zum Stichtag",
            "of persons with more than one enrolment (entry) in the programme up to the as-of date",
        ),
        "repeated_programme",
        (
            "Personen mit mindestens zwei Eintritten oder Stufenwechseln im Programm bis zum Stichtag",
            "persons with at least two entries or stage changes in the programme up to the as-of date",
        ),
    ),
    _share(
        "repeated_stage_share",
        ("Anteil mit mehreren Teilnahmen in der Stufe", "Share with more than one enrolment in the stage"),
        (
            "der Personen mit mehr als einer Teilnahme in derselben Stufe bis zum Stichtag",
            "of persons with more than one enrolment in the same stage up to the as-of date",
        ),
        "repeated_stage",
        (
            "Personen mit mindestens zwei Eintritten oder Stufenwechseln in diese Stufe bis zum Stichtag",
            "persons with at least two entries or stage changes into this stage up to the as-of date",
        ),
    ),
    count_indicator(
        "tg.closed_enrolments",
        ("beendete Teilnahmen", "Ended enrolments"),
        CLOSED_TEXT,
        "tg_x",
        "closed",
    ),
    _measure(
        "stay_mean_days",
        MEAN,
        ("Verweildauer, Mittelwert (Tage)", "Length of stay, mean (days)"),
        (
            "Summe der Verweildauern (Austrittsdatum − Eintrittsdatum in Tagen; Unterbrechungen zählen mit) "
            "/ beendete Teilnahmen",
            "sum of the lengths of stay (exit date − entry date in days; interruptions included) / ended enrolments",
        ),
        "tg_x",
        "days_sum",
        "closed",
    ),
    _measure(
        "stay_median_days",
        MEDIAN,
        ("Verweildauer, Median (Tage)", "Length of stay, median (days)"),
        (
            "Median der Verweildauern der beendeten Teilnahmen (bei gerader Anzahl der Mittelwert der beiden mittleren)",
            "median of the lengths of stay of the ended enrolments (for an even number the mean of the middle two)",
        ),
        "tg_x",
        "closed",
    ),
]
