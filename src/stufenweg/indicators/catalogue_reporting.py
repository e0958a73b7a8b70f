"""The indicators reported to funders: ESF+ common indicators, the Eingliederungsbilanz rates and
the SGB II integrations (INDICATORS.md, "ESF+ common indicators", "Eingliederungsbilanz",
"Integrations")."""

from __future__ import annotations

from stufenweg.indicators.indicator import COHORT6_TEXT, count_indicator, rate_indicator

REPORTING_INDICATORS = [
    # --- ESF+ common indicators --------------------------------------------------------------
    count_indicator(
        "esf.EECO01",
        ("EECO01 Teilnehmende gesamt", "EECO01 total participants"),
        (
            "Teilnehmende (Person × ESF-Vorhaben), deren erster Eintritt in das Vorhaben im Zeitraum liegt (= EECO02 + EECO04 + EECO05)",
            "participants (person × ESF operation) whose first entry into the operation lies in the period (= EECO02 + EECO04 + EECO05)",
        ),
        "esf_o",
        "o01",
    ),
    count_indicator(
        "esf.EECO02",
        ("EECO02 Arbeitslose", "EECO02 unemployed"),
        ("Erwerbsstatus beim ersten Eintritt „arbeitslos“", "employment status at first entry “unemployed”"),
        "esf_o",
        "o02",
    ),
    count_indicator(
        "esf.EECO03",
        ("EECO03 Langzeitarbeitslose", "EECO03 long-term unemployed"),
        (
            "arbeitslos und langzeitarbeitslos beim ersten Eintritt (Eintritt ≥ arbeitslos seit + 12 Monate, oder EU-Regel je nach Programm)",
            "unemployed and long-term unemployed at first entry (entry date ≥ unemployed since + 12 months, or the EU rule, depending on the programme)",
        ),
        "esf_o",
        "o03",
    ),
    count_indicator(
        "esf.EECO04",
        ("EECO04 Nichterwerbstätige", "EECO04 inactive"),
        (
            "Erwerbsstatus beim ersten Eintritt „nicht erwerbstätig“",
            "employment status at first entry “inactive”",
        ),
        "esf_o",
        "o04",
    ),
    count_indicator(
        "esf.EECO05",
        ("EECO05 Erwerbstätige", "EECO05 employed"),
        ("Erwerbsstatus beim ersten Eintritt „erwerbstätig“", "employment status at first entry “employed”"),
        "esf_o",
        "o05",
    ),
    count_indicator(
        "esf.EECO06",
        ("EECO06 unter 18 Jahre", "EECO06 below 18"),
        ("Alter beim ersten Eintritt unter 18", "age at first entry under 18"),
        "esf_o",
        "o06",
    ),
    count_indicator(
        "esf.EECO07",
        ("EECO07 18 bis 29 Jahre", "EECO07 18 to 29"),
        ("Alter beim ersten Eintritt 18 bis 29", "age at first entry 18 to 29"),
        "esf_o",
        "o07",
    ),
    count_indicator(
        "esf.EECO08",
        ("EECO08 55 Jahre und älter", "EECO08 55 and over"),
        ("Alter beim ersten Eintritt 55 oder mehr", "age at first entry 55 and over"),
        "esf_o",
        "o08",
    ),
    count_indicator(
        "esf.EECO09",
        ("EECO09 ISCED 0–2", "EECO09 ISCED 0-2"),
        ("höchster Abschluss ISCED 0 bis 2", "highest level of education ISCED 0 to 2"),
        "esf_o",
        "o09",
    ),
    count_indicator(
        "esf.EECO10",
        ("EECO10 ISCED 3–4", "EECO10 ISCED 3-4"),
        ("höchster Abschluss ISCED 3 bis 4", "highest level of education ISCED 3 to 4"),
        "esf_o",
        "o10",
    ),
    count_indicator(
        "esf.EECO11",
        ("EECO11 ISCED 5–8", "EECO11 ISCED 5-8"),
        ("höchster Abschluss ISCED 5 bis 8", "highest level of education ISCED 5 to 8"),
        "esf_o",
        "o11",
    ),
    count_indicator(
        "esf.EECO12",
        ("EECO12 mit Behinderung", "EECO12 with disabilities"),
        ("Behinderung „ja“", "disability “yes”"),
        "esf_o",
        "o12",
    ),
    count_indicator(
        "esf.EECO13",
        ("EECO13 Drittstaatsangehörige", "EECO13 third-country nationals"),
        (
            "Staatsangehörigkeit kein EU-Mitgliedstaat, staatenlos oder unbekannt",
            "nationality not an EU member state, or stateless, or unknown",
        ),
        "esf_o",
        "o13",
    ),
    count_indicator(
        "esf.EECO14",
        ("EECO14 ausländische Herkunft", "EECO14 foreign background"),
        ("Migrationshintergrund „ja“", "foreign background “yes”"),
        "esf_o",
        "o14",
    ),
    count_indicator(
        "esf.EECO15",
        ("EECO15 Minderheiten", "EECO15 minorities"),
        ("Minderheit „ja“", "minority “yes”"),
        "esf_o",
        "o15",
    ),
    count_indicator(
        "esf.EECO16",
        ("EECO16 Obdach- oder Wohnungslose", "EECO16 homeless"),
        ("wohnungslos „ja“", "homeless “yes”"),
        "esf_o",
        "o16",
    ),
    count_indicator(
        "esf.EECO17",
        ("EECO17 ländliche Gebiete", "EECO17 rural areas"),
        ("ländlicher Raum „ja“", "rural area “yes”"),
        "esf_o",
        "o17",
    ),
    count_indicator(
        "esf.EECR01",
        ("EECR01 arbeitsuchend beim Austritt", "EECR01 job searching upon leaving"),
        (
            "Status „arbeitsuchend“ beim letzten Austritt oder erreichte Verbleibsabfrage beim Austritt mit diesem Status; nicht in EECR04",
            "status “job-seeking” on the last exit, or a reached follow-up dated upon leaving that names it; not counted in EECR04",
        ),
        "esf_r",
        "r01",
    ),
    count_indicator(
        "esf.EECR02",
        ("EECR02 in Bildung beim Austritt", "EECR02 in education or training upon leaving"),
        (
            "Status „Bildung“ beim Austritt oder Berufsausbildung beim Austritt",
            "status “education” on leaving, or in vocational training upon leaving",
        ),
        "esf_r",
        "r02",
    ),
    count_indicator(
        "esf.EECR03",
        ("EECR03 Qualifikation erlangt", "EECR03 gaining a qualification"),
        (
            "Austritt mit Qualifikation oder Qualifikation in [erster Eintritt, Austritt + 28 Tage]",
            "exit with a qualification, or a qualification within [first entry, exit + 28 days]",
        ),
        "esf_r",
        "r03",
    ),
    count_indicator(
        "esf.EECR04",
        ("EECR04 erwerbstätig beim Austritt", "EECR04 in employment upon leaving"),
        (
            "Status erwerbstätig (SV, Minijob, selbstständig) beim Austritt oder Beschäftigung dieser Arten beim Austritt",
            "an employed status (SVB, minijob, self-employed) on leaving, or employed in one of these kinds upon leaving",
        ),
        "esf_r",
        "r04",
    ),
    count_indicator(
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
    rate_indicator(
        "eb.retention_rate",
        ("Verbleibsquote", "Retention rate"),
        (
            "Fälle nicht arbeitslos am Tag p (Beschäftigung jeder Art, Maßnahme oder Verbleib Bildung/Beschäftigung) / "
            + COHORT6_TEXT[0],
            "cases not unemployed at day p (employed in any kind, enrolled in a measure, or a follow-up naming education or employment) / "
            + COHORT6_TEXT[1],
        ),
        "x",
        "eb_ret",
        "x",
        "cohort6",
        ("Fälle nicht arbeitslos", "cases not unemployed"),
        COHORT6_TEXT,
    ),
    rate_indicator(
        "eb.integration_rate",
        ("Eingliederungsquote", "Integration rate"),
        (
            "Fälle sozialversicherungspflichtig beschäftigt am Tag p oder mit einer Verbleibsabfrage zu p, "
            "die „sozialversicherungspflichtig beschäftigt“ nennt / " + COHORT6_TEXT[0],
            "cases in employment subject to social insurance (SVB) at day p, or whose follow-up for p names "
            "“employed (SVB)” / " + COHORT6_TEXT[1],
        ),
        "x",
        "eb_int",
        "x",
        "cohort6",
        ("Fälle SV-beschäftigt", "cases in SVB employment"),
        COHORT6_TEXT,
    ),
    # --- integrations ------------------------------------------------------------------------
    count_indicator(
        "sgb2.integrations",
        ("Integrationen", "Integrations"),
        (
            "Beschäftigungsbeginne (SV, Berufsausbildung, selbstständig) im Zeitraum, höchstens einer je Person und Kalendermonat",
            "employment starts (SVB, vocational training, self-employed) in the period, at most one per person and calendar month",
        ),
        "integ",
        "integrations",
    ),
    count_indicator(
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
    count_indicator(
        "sgb2.integrations_reducing",
        ("bedarfsmindernde Integrationen", "Integrations reducing benefit receipt"),
        ("Integrationen mit Wirkung „verringert“", "integrations with benefit effect “reduced”"),
        "integ",
        "reducing",
    ),
    rate_indicator(
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
