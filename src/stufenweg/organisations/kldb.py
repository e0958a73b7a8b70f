"""The German classification of occupations (Klassifikation der Berufe 2010, KldB 2010, revised
version 2020, Bundesagentur für Arbeit), vendored as a compact code list: the 144 occupational
groups (Berufsgruppen, the first three digits of a code) and the 37 main groups
(Berufshauptgruppen, the first two digits) with German labels, and the four requirement levels
(Anforderungsniveau, the fifth digit).

A vacancy's occupation is a five-digit KldB code (Berufsgattung), e.g. ``29302`` = cooking
occupations (group 293), skilled level (2). The list is not loaded from anywhere at run time; the
full list of five-digit codes is not shipped: a code is accepted when it has five digits, its
group is one of these and its last digit is a requirement level.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LEVELS = {
    "1": "Helfer- und Anlerntätigkeiten",
    "2": "fachlich ausgerichtete Tätigkeiten",
    "3": "komplexe Spezialistentätigkeiten",
    "4": "hoch komplexe Tätigkeiten",
}

# Berufsbereiche (first digit)
AREAS = {
    "0": "Militär",
    "1": "Land-, Forst- und Tierwirtschaft und Gartenbau",
    "2": "Rohstoffgewinnung, Produktion und Fertigung",
    "3": "Bau, Architektur, Vermessung und Gebäudetechnik",
    "4": "Naturwissenschaft, Geografie und Informatik",
    "5": "Verkehr, Logistik, Schutz und Sicherheit",
    "6": "Kaufmännische Dienstleistungen, Warenhandel, Vertrieb, Hotel und Tourismus",
    "7": "Unternehmensorganisation, Buchhaltung, Recht und Verwaltung",
    "8": "Gesundheit, Soziales, Lehre und Erziehung",
    "9": "Sprach-, Literatur-, Geistes-, Gesellschafts- und Wirtschaftswissenschaften, Medien, Kunst, Kultur und Gestaltung",
}

# Berufshauptgruppen (first two digits)
MAIN_GROUPS = {
    "01": "Angehörige der regulären Streitkräfte",
    "11": "Land-, Tier- und Forstwirtschaftsberufe",
    "12": "Gartenbauberufe und Floristik",
    "21": "Rohstoffgewinnung und -aufbereitung, Glas- und Keramikherstellung und -verarbeitung",
    "22": "Kunststoffherstellung und -verarbeitung, Holzbe- und -verarbeitung",
    "23": "Papier- und Druckberufe, technische Mediengestaltung",
    "24": "Metallerzeugung und -bearbeitung, Metallbauberufe",
    "25": "Maschinen- und Fahrzeugtechnikberufe",
    "26": "Mechatronik-, Energie- und Elektroberufe",
    "27": "Technische Forschungs-, Entwicklungs-, Konstruktions- und Produktionssteuerungsberufe",
    "28": "Textil- und Lederberufe",
    "29": "Lebensmittelherstellung und -verarbeitung",
    "31": "Bauplanungs-, Architektur- und Vermessungsberufe",
    "32": "Hoch- und Tiefbauberufe",
    "33": "(Innen-)Ausbauberufe",
    "34": "Gebäude- und versorgungstechnische Berufe",
    "41": "Mathematik-, Biologie-, Chemie- und Physikberufe",
    "42": "Geologie-, Geografie- und Umweltschutzberufe",
    "43": "Informatik-, Informations- und Kommunikationstechnologieberufe",
    "51": "Verkehrs- und Logistikberufe (außer Fahrzeugführung)",
    "52": "Führer/innen von Fahrzeug- und Transportgeräten",
    "53": "Schutz-, Sicherheits- und Überwachungsberufe",
    "54": "Reinigungsberufe",
    "61": "Einkaufs-, Vertriebs- und Handelsberufe",
    "62": "Verkaufsberufe",
    "63": "Tourismus-, Hotel- und Gaststättenberufe",
    "71": "Berufe in Unternehmensführung und -organisation",
    "72": "Finanzdienstleistungs-, Rechnungswesen- und Steuerberatungsberufe",
    "73": "Berufe in Recht und Verwaltung",
    "81": "Medizinische Gesundheitsberufe",
    "82": "Nichtmedizinische Gesundheits-, Körperpflege- und Wellnessberufe, Medizintechnik",
    "83": "Erziehung, soziale und hauswirtschaftliche Berufe, Theologie",
    "84": "Lehrende und ausbildende Berufe",
    "91": "Sprach-, literatur-, geistes-, gesellschafts- und wirtschaftswissenschaftliche Berufe",
    "92": "Werbung, Marketing, kaufmännische und redaktionelle Medienberufe",
    "93": "Produktdesign und kunsthandwerkliche Berufe, bildende Kunst, Musikinstrumentenbau",
    "94": "Darstellende und unterhaltende Berufe",
}

# Berufsgruppen (first three digits)
GROUPS = {
    "011": "Offiziere",
    "012": "Unteroffiziere mit Portepee",
    "013": "Unteroffiziere ohne Portepee",
    "014": "Angehörige der regulären Streitkräfte in sonstigen Rängen",
    "111": "Landwirtschaft",
    "112": "Tierwirtschaft",
    "113": "Pferdewirtschaft",
    "114": "Fischwirtschaft",
    "115": "Tierpflege",
    "116": "Weinbau",
    "117": "Forst- und Jagdwirtschaft, Landschaftspflege",
    "121": "Gartenbau",
    "122": "Floristik",
    "211": "Berg-, Tagebau und Sprengtechnik",
    "212": "Naturstein- und Mineralaufbereitung, Baustoffherstellung",
    "213": "Industrielle Glasherstellung und -verarbeitung",
    "214": "Industrielle Keramikherstellung und -verarbeitung",
    "221": "Kunststoff- und Kautschukherstellung und -verarbeitung",
    "222": "Farb- und Lacktechnik",
    "223": "Holzbe- und -verarbeitung",
    "231": "Papier- und Verpackungstechnik",
    "232": "Technische Mediengestaltung",
    "233": "Fototechnik und Fotografie",
    "234": "Drucktechnik und -weiterverarbeitung, Buchbinderei",
    "241": "Metallerzeugung",
    "242": "Metallbearbeitung",
    "243": "Metalloberflächenbehandlung",
    "244": "Metallbau und Schweißtechnik",
    "245": "Feinwerk- und Werkzeugtechnik",
    "251": "Maschinenbau- und Betriebstechnik",
    "252": "Fahrzeug-, Luft-, Raumfahrt- und Schiffbautechnik",
    "261": "Mechatronik und Automatisierungstechnik",
    "262": "Energietechnik",
    "263": "Elektrotechnik",
    "271": "Technische Forschung und Entwicklung",
    "272": "Technisches Zeichnen, Konstruktion und Modellbau",
    "273": "Technische Produktionsplanung und -steuerung",
    "281": "Textiltechnik und -produktion",
    "282": "Textilverarbeitung",
    "283": "Leder-, Pelzherstellung und -verarbeitung",
    "291": "Getränkeherstellung",
    "292": "Lebensmittel- und Genussmittelherstellung",
    "293": "Speisenzubereitung",
    "311": "Bauplanung und -überwachung, Architektur",
    "312": "Vermessung und Kartografie",
    "321": "Hochbau",
    "322": "Tiefbau",
    "331": "Bodenverlegung",
    "332": "Maler- und Lackierer-, Stuckateurarbeiten, Bauwerksabdichtung, Holz- und Bautenschutz",
    "333": "Aus- und Trockenbau, Isolierung, Zimmerei, Glaserei, Rollladen- und Jalousiebau",
    "341": "Gebäudetechnik",
    "342": "Klempnerei, Sanitär-, Heizungs- und Klimatechnik",
    "343": "Ver- und Entsorgung",
    "411": "Mathematik und Statistik",
    "412": "Biologie",
    "413": "Chemie",
    "414": "Physik",
    "421": "Geologie, Geografie und Meteorologie",
    "422": "Umweltschutztechnik",
    "423": "Umweltmanagement und -beratung",
    "431": "Informatik",
    "432": "IT-Systemanalyse, Anwenderberatung und IT-Vertrieb",
    "433": "IT-Netzwerktechnik, -Koordination, -Administration und -Organisation",
    "434": "Softwareentwicklung und Programmierung",
    "511": "Technischer Betrieb des Eisenbahn-, Luft- und Schiffsverkehrs",
    "512": "Überwachung und Wartung der Verkehrsinfrastruktur",
    "513": "Lagerwirtschaft, Post und Zustellung, Güterumschlag",
    "514": "Servicekräfte im Personenverkehr",
    "515": "Überwachung und Steuerung des Verkehrsbetriebs",
    "516": "Kaufleute – Verkehr und Logistik",
    "521": "Fahrzeugführung im Straßenverkehr",
    "522": "Fahrzeugführung im Eisenbahnverkehr",
    "523": "Fahrzeugführung im Flugverkehr",
    "524": "Fahrzeugführung im Schiffsverkehr",
    "525": "Bau- und Transportgeräteführung",
    "531": "Objekt-, Personen-, Brandschutz, Arbeitssicherheit",
    "532": "Polizeivollzugs- und Kriminaldienst, Gerichts- und Justizvollzug",
    "533": "Gewerbe, Gesundheitsaufsicht, Desinfektion",
    "541": "Reinigung",
    "611": "Einkauf und Vertrieb",
    "612": "Handel",
    "613": "Immobilienwirtschaft und Facility-Management",
    "621": "Verkauf (ohne Produktspezialisierung)",
    "622": "Verkauf von Bekleidung, Elektronik, Kraftfahrzeugen und Hartwaren",
    "623": "Verkauf von Lebensmitteln",
    "624": "Verkauf von drogerie- und apothekenüblichen Waren, Sanitäts- und Medizinbedarf",
    "625": "Buch-, Kunst-, Antiquitäten- und Musikfachhandel",
    "631": "Tourismus und Sport",
    "632": "Hotellerie",
    "633": "Gastronomie",
    "634": "Veranstaltungsservice und -management",
    "711": "Geschäftsführung und Vorstand",
    "712": "Angehörige gesetzgebender Körperschaften und leitende Bedienstete von Interessenorganisationen",
    "713": "Unternehmensorganisation und -strategie",
    "714": "Büro und Sekretariat",
    "715": "Personalwesen und -dienstleistung",
    "721": "Versicherungs- und Finanzdienstleistungen",
    "722": "Rechnungswesen, Controlling und Revision",
    "723": "Steuerberatung",
    "731": "Rechtsberatung, -sprechung und -ordnung",
    "732": "Verwaltung",
    "733": "Medien-, Dokumentations- und Informationsdienste",
    "811": "Arzt- und Praxishilfe",
    "812": "Medizinisches Laboratorium",
    "813": "Gesundheits- und Krankenpflege, Rettungsdienst und Geburtshilfe",
    "814": "Human- und Zahnmedizin",
    "815": "Tiermedizin und Tierheilkunde",
    "816": "Psychologie und nichtärztliche Psychotherapie",
    "817": "Nichtärztliche Therapie und Heilkunde",
    "818": "Pharmazie",
    "821": "Altenpflege",
    "822": "Ernährungs- und Gesundheitsberatung, Wellness",
    "823": "Körperpflege",
    "824": "Bestattungswesen",
    "825": "Medizin-, Orthopädie- und Rehatechnik",
    "831": "Erziehung, Sozialarbeit, Heilerziehungspflege",
    "832": "Hauswirtschaft und Verbraucherberatung",
    "833": "Theologie und Gemeindearbeit",
    "841": "Lehrtätigkeit an allgemeinbildenden Schulen",
    "842": "Lehrtätigkeit für berufsbildende Fächer, betriebliche Ausbildung und Betriebspädagogik",
    "843": "Lehr- und Forschungstätigkeit an Hochschulen",
    "844": "Lehrtätigkeit an außerschulischen Bildungseinrichtungen",
    "845": "Fahr-, Flug- und Sportlehrer/innen an außerschulischen Bildungseinrichtungen",
    "911": "Sprach- und Literaturwissenschaften",
    "912": "Geisteswissenschaften",
    "913": "Gesellschaftswissenschaften",
    "914": "Wirtschaftswissenschaften",
    "921": "Werbung und Marketing",
    "922": "Öffentlichkeitsarbeit",
    "923": "Verlags- und Medienwirtschaft",
    "924": "Redaktion und Journalismus",
    "931": "Produkt- und Industriedesign",
    "932": "Innenarchitektur, visuelles Marketing, Raumausstattung",
    "933": "Kunsthandwerk und bildende Kunst",
    "934": "Kunsthandwerkliche Keramik- und Glasgestaltung",
    "935": "Kunsthandwerkliche Metallgestaltung",
    "936": "Musikinstrumentenbau",
    "941": "Musik-, Gesangs- und Dirigententätigkeiten",
    "942": "Schauspiel, Tanz und Bewegungskunst",
    "943": "Moderation und Unterhaltung",
    "944": "Theater-, Film- und Fernsehproduktion",
    "945": "Veranstaltungs-, Kamera- und Tontechnik",
    "946": "Bühnen- und Kostümbildnerei, Requisite",
    "947": "Museumstechnik und -management",
}

CODE_RE = re.compile(r"^[0-9]{5}$")


def group_of(code: str) -> str:
    """The occupational group (first three digits) of a five-digit code."""
    return code[:3]


def main_group_of(code: str) -> str:
    """The main occupational group (Berufshauptgruppe, first two digits) of a code."""
    return code[:2]


def label(code: str) -> str:
    """„29302 – Speisenzubereitung (fachlich ausgerichtete Tätigkeiten)“; the code alone when unknown."""
    group = GROUPS.get(code[:3])
    if not group:
        return code
    level = LEVELS.get(code[4:5])
    return f"{code} – {group}" + (f" ({level})" if level else "")


def validate_kldb(code: str) -> None:
    """A five-digit KldB 2010 code of a known occupational group with a requirement level 1–4."""
    if not CODE_RE.match(code or ""):
        raise ValidationError(
            _("Der Beruf ist ein fünfstelliger Schlüssel der KldB 2010 (z. B. 29302)."), code="kldb_format"
        )
    if code[:3] not in GROUPS:
        raise ValidationError(
            _("%(group)s ist keine Berufsgruppe der KldB 2010.") % {"group": code[:3]}, code="kldb_group"
        )
    if code[4] not in LEVELS:
        raise ValidationError(
            _("Die fünfte Stelle (Anforderungsniveau) ist 1, 2, 3 oder 4."), code="kldb_level"
        )


def group_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} – {name}") for code, name in GROUPS.items()]


def parse_codes(text: str) -> list[str]:
    """The codes of a list written with commas, semicolons or spaces („29302, 29301“), each
    validated (``validate_kldb``), in order and without repeats."""
    codes: list[str] = []
    for item in re.split(r"[\s,;]+", text or ""):
        if not item:
            continue
        try:
            validate_kldb(item)
        except ValidationError as exc:
            raise ValidationError(
                _("„%(code)s“: %(problem)s") % {"code": item[:12], "problem": exc.messages[0]}, code=exc.code
            ) from None
        if item not in codes:
            codes.append(item)
    return codes


def validate_kldb_list(text: str) -> None:
    parse_codes(text)
