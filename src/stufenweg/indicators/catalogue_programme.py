"""The programme's own indicators: flow through the programme, status at exit, programme results
(INDICATORS.md, "Programme flow", "Exit status", "Programme results")."""

from __future__ import annotations

from stufenweg.indicators.indicator import (
    COHORT6_TEXT,
    EXITS_TEXT,
    SUCCESS_TEXT,
    count_indicator,
    rate_indicator,
)

PROGRAMME_INDICATORS = [
    # --- programme flow ----------------------------------------------------------------------
    count_indicator(
        "flow.referrals",
        ("Zuweisungen", "Referrals"),
        (
            "Zuweisungen im Zeitraum (Ereignisse, nicht Personen)",
            "referral events in the period (events, not persons)",
        ),
        "ev",
        "referrals",
    ),
    count_indicator(
        "flow.referred_persons",
        ("zugewiesene Personen", "Referred persons"),
        (
            "verschiedene Personen mit einer Zuweisung im Zeitraum",
            "distinct persons with a referral in the period",
        ),
        "ev",
        "referred_persons",
    ),
    count_indicator(
        "flow.not_arrived",
        ("nicht angekommen", "Not arrived"),
        ("Ereignisse „nicht angekommen“ im Zeitraum", "“not arrived” events in the period"),
        "ev",
        "not_arrived",
        lower_is_better=True,
    ),
    count_indicator(
        "flow.programme_entries",
        ("Eintritte gesamt", "Programme entries"),
        (
            "Beginn Eignungsfeststellung und Reaktivierungen im Zeitraum",
            "assessment starts plus reactivations in the period",
        ),
        "ev",
        "programme_entries",
    ),
    count_indicator(
        "flow.programme_first_entries",
        ("Ersteintritte", "First programme entries"),
        (
            "Programmeintritte im Zeitraum, die der erste Eintritt der Person in das Programm sind (bis zum Stichtag)",
            "programme entries in the period that are the person’s first in this programme (up to the as-of date)",
        ),
        "ev",
        "programme_first_entries",
    ),
    count_indicator(
        "flow.stage_entries",
        ("Eintritte in Stufen", "Stage entries"),
        ("Eintritte und Stufenwechsel im Zeitraum", "entries and stage changes in the period"),
        "ev",
        "stage_entries",
    ),
    count_indicator(
        "flow.persons_started_stage",
        ("Qualifizierung begonnen", "Persons who started a stage"),
        (
            "verschiedene Personen mit Eintritt oder Stufenwechsel im Zeitraum",
            "distinct persons with an entry or stage change in the period",
        ),
        "ev",
        "persons_started_stage",
    ),
    count_indicator(
        "flow.exits",
        ("Austritte", "Exits"),
        (
            "Austritte im Zeitraum, einschließlich der impliziten Austritte durch Stufenwechsel",
            "exits in the period, plus the implicit exits of stage changes",
        ),
        "x",
        "cases",
    ),
    count_indicator(
        "flow.stage_changes",
        ("Stufenwechsel", "Stage changes"),
        (
            "Stufenwechsel im Zeitraum (nach geplant/ungeplant)",
            "stage changes in the period (by planned/unplanned)",
        ),
        "ev",
        "stage_changes",
    ),
    count_indicator(
        "flow.extensions",
        ("Verlängerungen", "Extensions"),
        ("Verlängerungen im Zeitraum", "extensions in the period"),
        "ev",
        "extensions",
    ),
    count_indicator(
        "flow.reactivations",
        ("Reaktivierungen", "Reactivations"),
        ("Reaktivierungen im Zeitraum", "reactivations in the period"),
        "ev",
        "reactivations",
    ),
    count_indicator(
        "flow.closures_before_entry",
        ("Abschlüsse vor Eintritt", "Closures before entry"),
        (
            "Austritte im Zeitraum ohne offene Maßnahmeteilnahme: Teilnahmen, die vor einem Eintritt "
            "enden (zurückgezogen, verzogen, nicht erreichbar, in Arbeit oder Ausbildung aus der "
            "Eignungsfeststellung oder von der Warteliste); keine Austritte aus einer Maßnahme",
            "exit events in the period with no enrolment open: participations ending before an entry "
            "(withdrawn, moved, not reachable, into work or training from the assessment or the waiting "
            "list); not exits from a measure",
        ),
        "ev",
        "closures_before_entry",
    ),
    count_indicator(
        "flow.active",
        ("aktive Teilnehmende", "Active participants"),
        (
            "Personen mit offener Maßnahmeteilnahme am Stichtag",
            "persons with an open (entered, not exited) enrolment on the as-of date",
        ),
        "active",
        "active",
    ),
    count_indicator(
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
    count_indicator("exit.cases", ("Austritte (Fälle)", "Exit cases"), EXITS_TEXT, "x", "cases"),
    count_indicator(
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
    rate_indicator(
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
    count_indicator(
        "prog.participants",
        ("Teilnehmende", "Participants"),
        (
            "verschiedene Personen mit einer Maßnahmeteilnahme, die den Zeitraum überschneidet",
            "distinct persons with an enrolment that overlaps the period",
        ),
        "ov",
        "participants",
    ),
    rate_indicator(
        "prog.dropout_rate",
        ("Abbruchquote", "Dropout rate"),
        ("Abbrüche (vorzeitig negativ) / alle Austritte", "dropouts (early negative exits) / all exits"),
        "x",
        "dropout",
        "x",
        "cases",
        ("Abbrüche", "dropouts"),
        EXITS_TEXT,
        lower_is_better=True,
    ),
    rate_indicator(
        "prog.success_rate",
        ("Erfolgsquote", "Success rate"),
        ("erfolgreiche Austritte / alle Austritte", "successful exits / all exits"),
        "x",
        "success",
        "x",
        "cases",
        SUCCESS_TEXT,
        EXITS_TEXT,
    ),
    rate_indicator(
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
        EXITS_TEXT,
    ),
    rate_indicator(
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
        SUCCESS_TEXT,
    ),
    rate_indicator(
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
        SUCCESS_TEXT,
    ),
    rate_indicator(
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
    rate_indicator(
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
    rate_indicator(
        "prog.retention_6m_rate",
        ("Verbleib in Arbeit nach 6 Monaten", "In work six months after"),
        (
            "Austritte in Arbeit zum Zeitpunkt p (Beschäftigung „in Arbeit“ am Tag p oder Verbleibsabfrage für p mit Status „in Arbeit“) / "
            + COHORT6_TEXT[0],
            "exits in work at day p (employed in an “in work” kind at p, or the follow-up for p names an “in work” status) / "
            + COHORT6_TEXT[1],
        ),
        "x",
        "ret6",
        "x",
        "cohort6",
        ("Austritte in Arbeit nach 6 Monaten", "exits in work six months after"),
        COHORT6_TEXT,
    ),
    count_indicator(
        "prog.follow_up_unreached",
        ("Verbleib unbekannt", "Follow-up not reached"),
        (
            "Austritte der Kohorte nach 6 Monaten ohne Verbleibsabfrage für p und ohne Beschäftigung am Tag p",
            "exits of the six-month cohort with no follow-up for p and not employed at day p",
        ),
        "x",
        "unreached",
        lower_is_better=True,
    ),
    rate_indicator(
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
]
