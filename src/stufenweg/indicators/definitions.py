"""Every indicator of INDICATORS.md, declared once: id, labels, definition, numerator, denominator,
unit and the breakdowns it allows. The engine (``engine.py``) computes them; the reports and the
definitions sheet read their texts from here.

Each text is declared as a pair, German (the product's language, stored in the report) and English
(``label_en``, ``definition_en``, ``numerator_en``, ``denominator_en``); :meth:`Indicator.text`
picks the one of the active language. The English wording follows INDICATORS.md where it has one.
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
}
AGE_BANDS = ("<18", "18-24", "25-29", "30-44", "45-54", "55+")
GENDERS = ("f", "m", "d", "x")
EXIT_GROUPS = ("successful", "dropout", "neutral")

BASE_DIMS = ("region", "stage", "measure", "provider", "change", "gender", "age_band")
EXIT_DIMS = (*BASE_DIMS, "exit_group")
FAMILY_DIMS = {
    "flow": BASE_DIMS,
    "prog": BASE_DIMS,
    "eb": BASE_DIMS,
    "exit": EXIT_DIMS,
    "esf": ("gender",),
    "sgb2": ("region", "gender", "age_band"),
}

COUNT = "count"
RATE = "rate"
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


def _count(id: str, label: Text, definition: Text, source: str, num: str, **kw) -> Indicator:
    return Indicator(id, *label, *definition, COUNT, source, num, **kw)


def _rate(
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


_EXITS = (
    "Austritte im Zeitraum (explizit und durch Stufenwechsel)",
    "exits in the period (explicit, and implicit through stage changes)",
)
_SUCC = (
    "erfolgreiche Austritte (regulär oder vorzeitig positiv)",
    "successful exits (regular or early positive)",
)
_COHORT6 = (
    "Austritte im Zeitraum, deren Verbleibszeitpunkt p (Austritt + 6 Monate) am Stichtag erreicht ist",
    "exits in the period whose day p (exit date + 6 months) is on or before the as-of date",
)

INDICATORS: list[Indicator] = [
    # --- programme flow ----------------------------------------------------------------------
    _count(
        "flow.referrals",
        ("Zuweisungen", "Referrals"),
        (
            "Zuweisungen im Zeitraum (Ereignisse, nicht Personen)",
            "referral events in the period (events, not persons)",
        ),
        "ev",
        "referrals",
    ),
    _count(
        "flow.referred_persons",
        ("zugewiesene Personen", "Referred persons"),
        (
            "verschiedene Personen mit einer Zuweisung im Zeitraum",
            "distinct persons with a referral in the period",
        ),
        "ev",
        "referred_persons",
    ),
    _count(
        "flow.not_arrived",
        ("nicht angekommen", "Not arrived"),
        ("Ereignisse „nicht angekommen“ im Zeitraum", "“not arrived” events in the period"),
        "ev",
        "not_arrived",
    ),
    _count(
        "flow.programme_entries",
        ("Eintritte gesamt", "Programme entries"),
        (
            "Beginn Eignungsfeststellung und Reaktivierungen im Zeitraum",
            "assessment starts plus reactivations in the period",
        ),
        "ev",
        "programme_entries",
    ),
    _count(
        "flow.programme_first_entries",
        ("Ersteintritte", "First programme entries"),
        (
            "Programmeintritte im Zeitraum, die der erste Eintritt der Person in das Programm sind (bis zum Stichtag)",
            "programme entries in the period that are the person’s first in this programme (up to the as-of date)",
        ),
        "ev",
        "programme_first_entries",
    ),
    _count(
        "flow.stage_entries",
        ("Eintritte in Stufen", "Stage entries"),
        ("Eintritte und Stufenwechsel im Zeitraum", "entries and stage changes in the period"),
        "ev",
        "stage_entries",
    ),
    _count(
        "flow.persons_started_stage",
        ("Qualifizierung begonnen", "Persons who started a stage"),
        (
            "verschiedene Personen mit Eintritt oder Stufenwechsel im Zeitraum",
            "distinct persons with an entry or stage change in the period",
        ),
        "ev",
        "persons_started_stage",
    ),
    _count(
        "flow.exits",
        ("Austritte", "Exits"),
        (
            "Austritte im Zeitraum, einschließlich der impliziten Austritte durch Stufenwechsel",
            "exits in the period, plus the implicit exits of stage changes",
        ),
        "x",
        "cases",
    ),
    _count(
        "flow.stage_changes",
        ("Stufenwechsel", "Stage changes"),
        (
            "Stufenwechsel im Zeitraum (nach geplant/ungeplant)",
            "stage changes in the period (by planned/unplanned)",
        ),
        "ev",
        "stage_changes",
    ),
    _count(
        "flow.extensions",
        ("Verlängerungen", "Extensions"),
        ("Verlängerungen im Zeitraum", "extensions in the period"),
        "ev",
        "extensions",
    ),
    _count(
        "flow.reactivations",
        ("Reaktivierungen", "Reactivations"),
        ("Reaktivierungen im Zeitraum", "reactivations in the period"),
        "ev",
        "reactivations",
    ),
    _count(
        "flow.active",
        ("aktive Teilnehmende", "Active participants"),
        (
            "Personen mit offener Maßnahmeteilnahme am Stichtag",
            "persons with an open (entered, not exited) enrolment on the as-of date",
        ),
        "active",
        "active",
    ),
    _count(
        "flow.waiting",
        ("Warteliste", "Waiting"),
        (
            "Personen auf der Warteliste und ohne Eintritt am Stichtag",
            "persons waitlisted and not entered on the as-of date",
        ),
        "wait",
        "waiting",
    ),
    # --- exit status -------------------------------------------------------------------------
    _count("exit.cases", ("Austritte (Fälle)", "Exit cases"), _EXITS, "x", "cases"),
    _count(
        "exit.status",
        ("Status beim Austritt", "Status on leaving"),
        (
            "Austritte im Zeitraum, die den Status nennen; ein Austritt mit zwei Status zählt bei beiden",
            "exits in the period that name the status on leaving; an exit naming two statuses counts once under each",
        ),
        "xs",
        "status_n",
        extra_dims=("status",),
    ),
    _rate(
        "exit.status_share",
        ("Anteil Status beim Austritt", "Share with status on leaving"),
        (
            "Austritte mit dem Status / Austritte derselben Gruppe",
            "exits with the status / exits of the same group",
        ),
        "xs",
        "status_n",
        "x",
        "cases",
        ("Austritte mit dem Status", "exits with the status"),
        ("Austritte der Gruppe", "exits of the group"),
        extra_dims=("status",),
    ),
    # --- programme results -------------------------------------------------------------------
    _count(
        "prog.participants",
        ("Teilnehmende", "Participants"),
        (
            "verschiedene Personen mit einer Maßnahmeteilnahme, die den Zeitraum überschneidet",
            "distinct persons with an enrolment that overlaps the period",
        ),
        "ov",
        "participants",
    ),
    _rate(
        "prog.dropout_rate",
        ("Abbruchquote", "Dropout rate"),
        ("Abbrüche (vorzeitig negativ) / alle Austritte", "dropouts (early negative exits) / all exits"),
        "x",
        "dropout",
        "x",
        "cases",
        ("Abbrüche", "dropouts"),
        _EXITS,
    ),
    _rate(
        "prog.success_rate",
        ("Erfolgsquote", "Success rate"),
        ("erfolgreiche Austritte / alle Austritte", "successful exits / all exits"),
        "x",
        "success",
        "x",
        "cases",
        _SUCC,
        _EXITS,
    ),
    _rate(
        "prog.work_after_exit_rate",
        ("Übergang in Arbeit beim Austritt", "In work upon leaving"),
        (
            "Austritte mit Status „in Arbeit“ oder Beschäftigung („in Arbeit“-Arten) in [Austritt, Austritt + 28 Tage] / alle Austritte",
            "exits with an “in work” status on leaving, or employed (“in work” kinds) within [exit, exit + 28 days] / all exits",
        ),
        "x",
        "work_leave",
        "x",
        "cases",
        ("Austritte in Arbeit", "exits in work upon leaving"),
        _EXITS,
    ),
    _rate(
        "prog.work_after_completion_rate",
        ("Übergang in Arbeit nach Abschluss", "In work after completion"),
        (
            "erfolgreiche Austritte in Arbeit / erfolgreiche Austritte",
            "successful exits in work upon leaving / successful exits",
        ),
        "x",
        "success_work",
        "x",
        "success",
        ("erfolgreiche Austritte in Arbeit", "successful exits in work upon leaving"),
        _SUCC,
    ),
    _rate(
        "prog.follow_on_rate",
        ("Anschlussperspektive", "Follow-on rate"),
        (
            "erfolgreiche Austritte mit Status Bildung oder Beschäftigung, Beschäftigung (jede Art) oder neuem Eintritt in [Austritt, Austritt + 28 Tage] / erfolgreiche Austritte",
            "successful exits with a status on leaving of education or employment, or employed (any kind) or a new entry within [exit, exit + 28 days] / successful exits",
        ),
        "x",
        "success_follow_on",
        "x",
        "success",
        ("erfolgreiche Austritte mit Anschluss", "successful exits with a follow-on"),
        _SUCC,
    ),
    _rate(
        "prog.internship_rate",
        ("Praktikumsquote", "Internship rate"),
        (
            "Teilnehmende mit einem Praktikum auf dem ersten Arbeitsmarkt, das in einer ihrer Maßnahmeteilnahmen beginnt / Teilnehmende",
            "participants with an internship on the first labour market that starts within one of their enrolments / participants",
        ),
        "ov",
        "interns",
        "ov",
        "participants",
        ("Teilnehmende mit Praktikum", "participants with an internship"),
        ("Teilnehmende", "participants"),
    ),
    _rate(
        "prog.extension_share",
        ("Verlängerungsanteil", "Extension share"),
        (
            "im Zeitraum begonnene Maßnahmeteilnahmen mit mindestens einer Verlängerung / im Zeitraum begonnene Maßnahmeteilnahmen",
            "enrolments entered in the period with at least one extension / enrolments entered in the period",
        ),
        "en",
        "extended",
        "en",
        "entered",
        ("verlängerte Maßnahmeteilnahmen", "extended enrolments"),
        ("begonnene Maßnahmeteilnahmen", "enrolments entered"),
    ),
    _rate(
        "prog.retention_6m_rate",
        ("Verbleib in Arbeit nach 6 Monaten", "In work six months after"),
        (
            "Austritte in Arbeit zum Zeitpunkt p (Beschäftigung „in Arbeit“ am Tag p oder Verbleibsabfrage für p mit Status „in Arbeit“) / "
            + _COHORT6[0],
            "exits in work at day p (employed in an “in work” kind at p, or the follow-up for p names an “in work” status) / "
            + _COHORT6[1],
        ),
        "x",
        "ret6",
        "x",
        "cohort6",
        ("Austritte in Arbeit nach 6 Monaten", "exits in work six months after"),
        _COHORT6,
    ),
    _count(
        "prog.follow_up_unreached",
        ("Verbleib unbekannt", "Follow-up not reached"),
        (
            "Austritte der Kohorte nach 6 Monaten ohne Verbleibsabfrage für p und ohne Beschäftigung am Tag p",
            "exits of the six-month cohort with no follow-up for p and not employed at day p",
        ),
        "x",
        "unreached",
    ),
    _rate(
        "prog.target_attainment",
        ("Zielerreichung", "Target attainment"),
        (
            "Istwert der Kennzahl eines Zielwerts / Zielwert (Soll)",
            "actual value of the indicator named in a target / the target",
        ),
        "targets",
        "actual",
        "targets",
        "target",
        ("Istwert", "actual value"),
        ("Soll", "target"),
    ),
    # --- ESF+ common indicators --------------------------------------------------------------
    _count(
        "esf.EECO01",
        ("EECO01 Teilnehmende gesamt", "EECO01 total participants"),
        (
            "Teilnehmende (Person × ESF-Vorhaben), deren erster Eintritt in das Vorhaben im Zeitraum liegt (= EECO02 + EECO04 + EECO05)",
            "participants (person × ESF operation) whose first entry into the operation lies in the period (= EECO02 + EECO04 + EECO05)",
        ),
        "esf_o",
        "o01",
    ),
    _count(
        "esf.EECO02",
        ("EECO02 Arbeitslose", "EECO02 unemployed"),
        ("Erwerbsstatus beim ersten Eintritt „arbeitslos“", "employment status at first entry “unemployed”"),
        "esf_o",
        "o02",
    ),
    _count(
        "esf.EECO03",
        ("EECO03 Langzeitarbeitslose", "EECO03 long-term unemployed"),
        (
            "arbeitslos und langzeitarbeitslos beim ersten Eintritt (Eintritt ≥ arbeitslos seit + 12 Monate, oder EU-Regel je nach Programm)",
            "unemployed and long-term unemployed at first entry (entry date ≥ unemployed since + 12 months, or the EU rule, depending on the programme)",
        ),
        "esf_o",
        "o03",
    ),
    _count(
        "esf.EECO04",
        ("EECO04 Nichterwerbstätige", "EECO04 inactive"),
        (
            "Erwerbsstatus beim ersten Eintritt „nicht erwerbstätig“",
            "employment status at first entry “inactive”",
        ),
        "esf_o",
        "o04",
    ),
    _count(
        "esf.EECO05",
        ("EECO05 Erwerbstätige", "EECO05 employed"),
        ("Erwerbsstatus beim ersten Eintritt „erwerbstätig“", "employment status at first entry “employed”"),
        "esf_o",
        "o05",
    ),
    _count(
        "esf.EECO06",
        ("EECO06 unter 18 Jahre", "EECO06 below 18"),
        ("Alter beim ersten Eintritt unter 18", "age at first entry under 18"),
        "esf_o",
        "o06",
    ),
    _count(
        "esf.EECO07",
        ("EECO07 18 bis 29 Jahre", "EECO07 18 to 29"),
        ("Alter beim ersten Eintritt 18 bis 29", "age at first entry 18 to 29"),
        "esf_o",
        "o07",
    ),
    _count(
        "esf.EECO08",
        ("EECO08 55 Jahre und älter", "EECO08 55 and over"),
        ("Alter beim ersten Eintritt 55 oder mehr", "age at first entry 55 and over"),
        "esf_o",
        "o08",
    ),
    _count(
        "esf.EECO09",
        ("EECO09 ISCED 0–2", "EECO09 ISCED 0-2"),
        ("höchster Abschluss ISCED 0 bis 2", "highest level of education ISCED 0 to 2"),
        "esf_o",
        "o09",
    ),
    _count(
        "esf.EECO10",
        ("EECO10 ISCED 3–4", "EECO10 ISCED 3-4"),
        ("höchster Abschluss ISCED 3 bis 4", "highest level of education ISCED 3 to 4"),
        "esf_o",
        "o10",
    ),
    _count(
        "esf.EECO11",
        ("EECO11 ISCED 5–8", "EECO11 ISCED 5-8"),
        ("höchster Abschluss ISCED 5 bis 8", "highest level of education ISCED 5 to 8"),
        "esf_o",
        "o11",
    ),
    _count(
        "esf.EECO12",
        ("EECO12 mit Behinderung", "EECO12 with disabilities"),
        ("Behinderung „ja“", "disability “yes”"),
        "esf_o",
        "o12",
    ),
    _count(
        "esf.EECO13",
        ("EECO13 Drittstaatsangehörige", "EECO13 third-country nationals"),
        (
            "Staatsangehörigkeit kein EU-Mitgliedstaat, staatenlos oder unbekannt",
            "nationality not an EU member state, or stateless, or unknown",
        ),
        "esf_o",
        "o13",
    ),
    _count(
        "esf.EECO14",
        ("EECO14 ausländische Herkunft", "EECO14 foreign background"),
        ("Migrationshintergrund „ja“", "foreign background “yes”"),
        "esf_o",
        "o14",
    ),
    _count(
        "esf.EECO15",
        ("EECO15 Minderheiten", "EECO15 minorities"),
        ("Minderheit „ja“", "minority “yes”"),
        "esf_o",
        "o15",
    ),
    _count(
        "esf.EECO16",
        ("EECO16 Obdach- oder Wohnungslose", "EECO16 homeless"),
        ("wohnungslos „ja“", "homeless “yes”"),
        "esf_o",
        "o16",
    ),
    _count(
        "esf.EECO17",
        ("EECO17 ländliche Gebiete", "EECO17 rural areas"),
        ("ländlicher Raum „ja“", "rural area “yes”"),
        "esf_o",
        "o17",
    ),
    _count(
        "esf.EECR01",
        ("EECR01 arbeitsuchend beim Austritt", "EECR01 job searching upon leaving"),
        (
            "Status „arbeitsuchend“ beim letzten Austritt oder erreichte Verbleibsabfrage beim Austritt mit diesem Status; nicht in EECR04",
            "status “job-seeking” on the last exit, or a reached follow-up dated upon leaving that names it; not counted in EECR04",
        ),
        "esf_r",
        "r01",
    ),
    _count(
        "esf.EECR02",
        ("EECR02 in Bildung beim Austritt", "EECR02 in education or training upon leaving"),
        (
            "Status „Bildung“ beim Austritt oder Berufsausbildung beim Austritt",
            "status “education” on leaving, or in vocational training upon leaving",
        ),
        "esf_r",
        "r02",
    ),
    _count(
        "esf.EECR03",
        ("EECR03 Qualifikation erlangt", "EECR03 gaining a qualification"),
        (
            "Austritt mit Qualifikation oder Qualifikation in [erster Eintritt, Austritt + 28 Tage]",
            "exit with a qualification, or a qualification within [first entry, exit + 28 days]",
        ),
        "esf_r",
        "r03",
    ),
    _count(
        "esf.EECR04",
        ("EECR04 erwerbstätig beim Austritt", "EECR04 in employment upon leaving"),
        (
            "Status erwerbstätig (SV, Minijob, selbstständig) beim Austritt oder Beschäftigung dieser Arten beim Austritt",
            "an employed status (SVB, minijob, self-employed) on leaving, or employed in one of these kinds upon leaving",
        ),
        "esf_r",
        "r04",
    ),
    _count(
        "esf.EECR05",
        ("EECR05 erwerbstätig 6 Monate nach Austritt", "EECR05 in employment six months after leaving"),
        (
            "Beschäftigung (SV, Minijob, selbstständig) am Tag p oder Verbleibsabfrage für p mit solchem Status; nur mit p ≤ Stichtag",
            "employed (SVB, minijob, self-employed) at day p, or the follow-up for p names such a status; counted only with p ≤ as-of date",
        ),
        "esf_r",
        "r05",
    ),
    # --- Eingliederungsbilanz style ----------------------------------------------------------
    _rate(
        "eb.retention_rate",
        ("Verbleibsquote", "Retention rate"),
        (
            "Fälle nicht arbeitslos am Tag p (Beschäftigung jeder Art, Maßnahme oder Verbleib Bildung/Beschäftigung) / "
            + _COHORT6[0],
            "cases not unemployed at day p (employed in any kind, enrolled in a measure, or a follow-up naming education or employment) / "
            + _COHORT6[1],
        ),
        "x",
        "eb_ret",
        "x",
        "cohort6",
        ("Fälle nicht arbeitslos", "cases not unemployed"),
        _COHORT6,
    ),
    _rate(
        "eb.integration_rate",
        ("Eingliederungsquote", "Integration rate"),
        (
            "Fälle sozialversicherungspflichtig beschäftigt am Tag p oder mit einer Verbleibsabfrage zu p, "
            "die „sozialversicherungspflichtig beschäftigt“ nennt / " + _COHORT6[0],
            "cases in employment subject to social insurance (SVB) at day p, or whose follow-up for p names "
            "“employed (SVB)” / " + _COHORT6[1],
        ),
        "x",
        "eb_int",
        "x",
        "cohort6",
        ("Fälle SV-beschäftigt", "cases in SVB employment"),
        _COHORT6,
    ),
    # --- integrations ------------------------------------------------------------------------
    _count(
        "sgb2.integrations",
        ("Integrationen", "Integrations"),
        (
            "Beschäftigungsbeginne (SV, Berufsausbildung, selbstständig) im Zeitraum, höchstens einer je Person und Kalendermonat",
            "employment starts (SVB, vocational training, self-employed) in the period, at most one per person and calendar month",
        ),
        "integ",
        "integrations",
    ),
    _count(
        "sgb2.integrations_needs_covering",
        ("bedarfsdeckende Integrationen", "Integrations ending benefit receipt"),
        (
            "Integrationen mit Wirkung „beendet“, oder ohne Angabe der Wirkung, wenn Monatsangaben zur "
            "Bedarfsgemeinschaft vorliegen und im dritten Monat nach dem Beginnmonat keine Leistung bezogen wurde",
            "integrations with benefit effect “ended”, or, where no effect is given and household months exist, "
            "no benefit in the third month after the start month",
        ),
        "integ",
        "needs_covering",
    ),
    _count(
        "sgb2.integrations_reducing",
        ("bedarfsmindernde Integrationen", "Integrations reducing benefit receipt"),
        ("Integrationen mit Wirkung „verringert“", "integrations with benefit effect “reduced”"),
        "integ",
        "reducing",
    ),
    _rate(
        "sgb2.continuous_employment_rate",
        ("kontinuierliche Beschäftigung", "Continuous employment rate"),
        (
            "SV-Integrationen mit SV-Beschäftigung am letzten Tag jedes der 6 Folgemonate / SV-Integrationen, deren sechster Monatsletzter am Stichtag erreicht ist",
            "SVB integrations in SVB employment on the last day of each of the 6 following months / SVB integrations whose sixth such month end is on or before the as-of date",
        ),
        "integ",
        "cont_num",
        "integ",
        "cont_den",
        ("durchgehend beschäftigt", "continuously employed"),
        (
            "SV-Integrationen mit erreichtem sechstem Monatsletzten",
            "SVB integrations whose sixth month end has been reached",
        ),
    ),
]

BY_ID: dict[str, Indicator] = {ind.id: ind for ind in INDICATORS}
FAMILY_LABELS = {
    "flow": _("Programmverlauf"),
    "exit": _("Status beim Austritt"),
    "prog": _("Programmergebnisse"),
    "esf": _("ESF+-Gemeinsame Indikatoren"),
    "eb": _("Eingliederungsbilanz"),
    "sgb2": _("Integrationen"),
}


def get(indicator_id: str) -> Indicator:
    return BY_ID[indicator_id]
