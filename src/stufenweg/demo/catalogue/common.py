"""Regions, organisations, staff, personas and population profiles shared by the demo programmes.

Everything here is data. Organisation names are invented (public bodies such as Jobcenters keep
their real place names); no real person is meant.
"""

from __future__ import annotations

REGIONS = [
    ("BZ", "Bautzen"),
    ("DD", "Dresden / Sächsische Schweiz-Osterzgebirge / Meißen"),
    ("CMS", "Chemnitz / Mittelsachsen"),
    ("ERZ", "Erzgebirge"),
    ("Z", "Zwickau"),
    ("V", "Vogtland"),
    ("NOS", "Nordsachsen"),
    ("L", "Leipzig"),
    ("DO", "Dortmund"),
]

# (code, name, kind, region code or None)
ORGANISATIONS = [
    ("REGIE", "Regiestelle JobPerspektive Sachsen", "coordination_office", None),
    ("RB-BZ", "Regionalbüro Bautzen", "regional_office", "BZ"),
    ("RB-DD", "Regionalbüro Dresden/SSOE/Meißen", "regional_office", "DD"),
    ("RB-CMS", "Regionalbüro Chemnitz/Mittelsachsen", "regional_office", "CMS"),
    ("RB-ERZ", "Regionalbüro Erzgebirge", "regional_office", "ERZ"),
    ("RB-Z", "Regionalbüro Zwickau", "regional_office", "Z"),
    ("RB-V", "Regionalbüro Vogtland", "regional_office", "V"),
    ("JC-BZ", "Jobcenter Landkreis Bautzen", "jobcenter", "BZ"),
    ("JC-GR", "Jobcenter Landkreis Görlitz", "jobcenter", "BZ"),
    ("JC-DD", "Jobcenter Dresden", "jobcenter", "DD"),
    ("JC-SSOE", "Jobcenter Sächsische Schweiz-Osterzgebirge", "jobcenter", "DD"),
    ("JC-MEI", "Jobcenter Meißen", "jobcenter", "DD"),
    ("JC-C", "Jobcenter Chemnitz", "jobcenter", "CMS"),
    ("JC-MS", "Jobcenter Mittelsachsen", "jobcenter", "CMS"),
    ("JC-ERZ", "Jobcenter Erzgebirgskreis", "jobcenter", "ERZ"),
    ("JC-Z", "Jobcenter Zwickau", "jobcenter", "Z"),
    ("JC-V", "Jobcenter Vogtlandkreis", "jobcenter", "V"),
    ("JC-NOS", "Jobcenter Nordsachsen", "jobcenter", "NOS"),
    ("JC-L", "Jobcenter Leipzig", "jobcenter", "L"),
    ("JC-DO", "Jobcenter Dortmund", "jobcenter", "DO"),
    # Training providers (Bildungsdienstleister) of the JPS-like programme
    ("BDL-LAUSITZ", "Bildungswerk Lausitz gGmbH", "provider", "BZ"),
    ("BDL-OQZ", "Oberlausitzer Qualifizierungszentrum e. V.", "provider", "BZ"),
    ("BDL-ELBTAL", "Elbtal Bildung gGmbH", "provider", "DD"),
    ("BDL-DWA", "Dresdner Werkstatt für Arbeit e. V.", "provider", "DD"),
    ("BDL-FSMEI", "Fachschule für Sozialwesen Meißen gGmbH", "provider", "DD"),
    ("BDL-CBF", "Chemnitzer Bildungsforum gGmbH", "provider", "CMS"),
    ("BDL-MLW", "Mittelsächsische Lernwerkstatt e. V.", "provider", "CMS"),
    ("BDL-EBA", "Erzgebirgische Bildungsakademie gGmbH", "provider", "ERZ"),
    ("BDL-WBZ", "Westsächsisches Bildungszentrum gGmbH", "provider", "Z"),
    ("BDL-MPV", "Muldental Perspektiven e. V.", "provider", "Z"),
    ("BDL-VQ", "Vogtland Qualifizierung gGmbH", "provider", "V"),
    ("BDL-FSE", "Sächsische Fachschule Erzieherbildung gGmbH", "provider", "CMS"),
    # Schritt für Schritt
    ("BDL-BRUECKE", "Brücke Bildung und Soziales gGmbH", "provider", "DD"),
    ("BDL-NEUSTART", "Neustart Dresden gGmbH", "provider", "DD"),
    ("BDL-FAWD", "Akademie für Wirtschaft und Arbeit, Außenstelle Delitzsch", "provider", "NOS"),
    # WENDE.PUNKT (a project team of the Jobcenter Dortmund)
    ("WP-TEAM", "Projektteam WENDE.PUNKT", "provider", "DO"),
    # Arbeitsmarktmentoren
    ("AMM-DD", "Arbeitsmarktmentoren Dresden", "mentoring_project", "DD"),
    ("AMM-L", "Arbeitsmarktmentoren Leipzig", "mentoring_project", "L"),
    ("AMM-C", "Arbeitsmarktmentoren Chemnitz", "mentoring_project", "CMS"),
    # AMIP Nordsachsen
    ("JOBFABRIK-NOS", "JOBfabrik Nordsachsen", "provider", "NOS"),
    ("BDL-TORGAU", "Bildungszentrum Torgau gGmbH", "provider", "NOS"),
    ("BDL-QWD", "Qualifizierungswerk Delitzsch e. V.", "provider", "NOS"),
]

# Host employers for internships and jobs: (code, name, region code)
EMPLOYERS = [
    ("AG-LICHTBLICKE", "Pflegedienst Lichtblicke", "DD"),
    ("AG-SPREE-LOG", "Spree Logistik GmbH", "BZ"),
    ("AG-LAUSITZ-BAU", "Lausitzer Hochbau GmbH", "BZ"),
    ("AG-SORBEN-BAECK", "Bäckerei Nowak & Söhne", "BZ"),
    ("AG-ELBE-HOTEL", "Hotel Elbterrassen", "DD"),
    ("AG-DD-KITA", "Kita-Verbund Dresden-Nord", "DD"),
    ("AG-PIRNA-METALL", "Metallbau Pirna GmbH", "DD"),
    ("AG-MEI-PORZ", "Meißner Keramikwerkstätten", "DD"),
    ("AG-C-MASCH", "Chemnitzer Maschinenbau AG", "CMS"),
    ("AG-FG-HANDEL", "Freiberger Einzelhandel GmbH", "CMS"),
    ("AG-MW-PFLEGE", "Seniorenresidenz Mittweida", "CMS"),
    ("AG-ERZ-HOLZ", "Erzgebirgische Holzkunst GmbH", "ERZ"),
    ("AG-AUE-KLINIK", "Klinikum Aue-Service GmbH", "ERZ"),
    ("AG-Z-AUTO", "Autozulieferer Westsachsen GmbH", "Z"),
    ("AG-Z-REINIG", "Gebäudereinigung Glanz & Co.", "Z"),
    ("AG-V-TEXTIL", "Vogtland Textil GmbH", "V"),
    ("AG-V-GASTRO", "Gasthof zum Musikwinkel", "V"),
    ("AG-NOS-LOG", "Flughafen-Logistik Schkeuditz GmbH", "NOS"),
    ("AG-NOS-GLAS", "Glaswerk Torgau GmbH", "NOS"),
    ("AG-NOS-OBST", "Obsthof Oschatz", "NOS"),
    ("AG-L-LAGER", "Leipziger Lagerlogistik GmbH", "L"),
    ("AG-L-GASTRO", "Gastronomie am Markt Leipzig", "L"),
    ("AG-L-PFLEGE", "Ambulante Pflege Leipzig-Ost", "L"),
    ("AG-DO-HAFEN", "Hafenlogistik Dortmund GmbH", "DO"),
    ("AG-DO-EINZEL", "Einzelhandel Westfalenpark GmbH", "DO"),
    ("AG-DO-PFLEGE", "Pflegezentrum Dortmund-Nord", "DO"),
    ("AG-DO-REINIG", "Ruhr Gebäudeservice GmbH", "DO"),
    ("AG-DO-SICHER", "Sicherheitsdienst Phoenix GmbH", "DO"),
]

# Staff per organisation (besides the personas): number of caseworkers by organisation kind.
STAFF_PER_KIND = {
    "coordination_office": 2,
    "regional_office": 3,
    "jobcenter": 1,
    "provider": 2,
    "mentoring_project": 2,
}
STAFF_OVERRIDES = {"WP-TEAM": 6, "JC-NOS": 3, "RB-DD": 4}

# The fixed demo password of every demo login (synthetic data only; documented in docs/demo.md).
DEMO_PASSWORD = "Stufenweg-Demo-2026"  # noqa: S105

# One login per persona: (persona, username, first, last, organisation code, role, what they see)
PERSONAS = [
    ("Regiestelle (Koordination)", "regie", "Silke", "Lorenz", "REGIE", "caseworker",
     "alle Programme, Regionen und Teilnehmenden"),
    ("Regionalbüro Bautzen", "rb.bautzen", "Katrin", "Hänel", "RB-BZ", "caseworker",
     "Teilnehmende der Region Bautzen"),
    ("Regionalbüro Dresden", "rb.dresden", "Thomas", "Kästner", "RB-DD", "caseworker",
     "Teilnehmende der Region Dresden/SSOE/Meißen"),
    ("Regionalbüro Chemnitz/Mittelsachsen", "rb.chemnitz", "Ines", "Rößler", "RB-CMS", "caseworker",
     "Teilnehmende der Region Chemnitz/Mittelsachsen"),
    ("Regionalbüro Erzgebirge", "rb.erzgebirge", "Sören", "Fröhlich", "RB-ERZ", "caseworker",
     "Teilnehmende der Region Erzgebirge"),
    ("Regionalbüro Zwickau", "rb.zwickau", "Peggy", "Groß", "RB-Z", "caseworker",
     "Teilnehmende der Region Zwickau"),
    ("Regionalbüro Vogtland", "rb.vogtland", "Lutz", "Würfel", "RB-V", "caseworker",
     "Teilnehmende der Region Vogtland"),
    ("Bildungsträger (Trainerin)", "traeger", "Anja", "Wünsche", "BDL-LAUSITZ", "caseworker",
     "Teilnehmende in Maßnahmen des Bildungswerks Lausitz"),
    ("Jobcenter (Zuweisung)", "jobcenter", "Marco", "Pätzold", "JC-BZ", "caseworker",
     "vom Jobcenter Bautzen zugewiesene Personen"),
    ("Arbeitsmarktmentorin", "mentor", "Rasha", "Haddad", "AMM-DD", "caseworker",
     "Mentees der Arbeitsmarktmentoren Dresden"),
    ("WENDE.PUNKT-Coach", "wendepunkt", "Ayşe", "Yılmaz", "WP-TEAM", "caseworker",
     "Teilnehmende und Bedarfsgemeinschaften im WENDE.PUNKT"),
    ("Lesezugriff (Fachaufsicht)", "lesend", "Jürgen", "Voß", "REGIE", "read_only",
     "alles lesend, keine Änderungen"),
    ("Datenschutzbeauftragte", "datenschutz", "Beate", "Strauß", "REGIE", "dpo",
     "nur das Protokoll (Audit-Trail), keine Falldaten"),
    ("Organisationsverwaltung", "orgadmin", "Frank", "Meißner", "REGIE", "org_admin",
     "Verwaltung: Programme, Stufen, Maßnahmen, Organisationen, Arbeitgeber, Zielwerte und Konten"),
]  # fmt: skip

# Population profiles: who the persons of a programme are.
POPULATIONS = {
    "saxony": {
        "female": 0.45,
        "age": (25, 57, 41),
        "nationality": {"DE": 90.0, "PL": 1.5, "CZ": 1.0, "RO": 1.0, "BG": 0.5, "UA": 2.0, "SY": 1.5,
                        "AF": 0.8, "RU": 0.7, "VN": 0.5, "stateless": 0.3, "unknown": 0.2},
        "isced": {1: 4, 2: 28, 3: 58, 4: 5, 5: 2, 6: 3},
        "vocational": 0.62,
        "disability": 0.06,
        "homeless": 0.01,
        "single_parent": 0.13,
        "unemployed_months": (3, 120, 0.95),
    },
    "longterm": {
        "female": 0.42,
        "age": (25, 57, 45),
        "nationality": {"DE": 92.0, "PL": 1.0, "RO": 1.0, "UA": 2.0, "SY": 2.0, "AF": 1.0, "RU": 1.0,
                        "stateless": 0.5, "unknown": 0.5},
        "isced": {0: 3, 1: 8, 2: 40, 3: 45, 4: 4},
        "vocational": 0.45,
        "disability": 0.12,
        "homeless": 0.04,
        "single_parent": 0.1,
        "unemployed_months": (37, 160, 1.0),
    },
    "dortmund": {
        "female": 0.47,
        "age": (25, 57, 40),
        "nationality": {"DE": 70.0, "TR": 8.0, "PL": 3.0, "RO": 2.5, "BG": 2.5, "IT": 1.0, "GR": 1.0,
                        "SY": 5.0, "IQ": 2.0, "MA": 2.0, "AF": 1.0, "stateless": 1.0, "unknown": 1.0},
        "isced": {0: 4, 1: 10, 2: 36, 3: 42, 4: 4, 6: 4},
        "vocational": 0.5,
        "disability": 0.06,
        "homeless": 0.01,
        "single_parent": 0.15,
        "unemployed_months": (12, 120, 0.98),
    },
    "refugees": {
        "female": 0.5,
        "age": (25, 55, 34),
        "nationality": {"SY": 30.0, "AF": 20.0, "UA": 20.0, "ER": 8.0, "IQ": 8.0, "IR": 6.0,
                        "stateless": 4.0, "unknown": 4.0},
        "isced": {0: 8, 1: 15, 2: 27, 3: 30, 4: 5, 6: 15},
        "vocational": 0.3,
        "disability": 0.02,
        "homeless": 0.03,
        "single_parent": 0.12,
        "unemployed_months": (3, 48, 0.6),
    },
    "nordsachsen": {
        "female": 0.46,
        "age": (25, 57, 44),
        "nationality": {"DE": 86.0, "UA": 5.0, "SY": 3.0, "AF": 1.5, "PL": 1.5, "RO": 1.0, "CZ": 1.0,
                        "stateless": 0.5, "unknown": 0.5},
        "isced": {1: 6, 2: 32, 3: 55, 4: 4, 6: 3},
        "vocational": 0.55,
        "disability": 0.08,
        "homeless": 0.01,
        "single_parent": 0.14,
        "unemployed_months": (6, 120, 0.85),
    },
}  # fmt: skip

EU_CODES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
