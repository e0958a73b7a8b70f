"""Name pools for synthetic persons and staff. Invented combinations; no real person is meant."""

from __future__ import annotations

GERMAN_FEMALE = [
    "Anja", "Andrea", "Angelika", "Anke", "Annett", "Antje", "Bärbel", "Beate", "Birgit", "Carola",
    "Christin", "Claudia", "Conny", "Dana", "Daniela", "Diana", "Doreen", "Elke", "Franziska", "Gabriele",
    "Heike", "Ines", "Jana", "Janine", "Jennifer", "Jessica", "Julia", "Karin", "Katja", "Katrin",
    "Kerstin", "Kristin", "Laura", "Lea", "Lisa", "Mandy", "Manuela", "Maria", "Marion", "Marlene",
    "Martina", "Melanie", "Michaela", "Nadine", "Nicole", "Peggy", "Petra", "Ramona", "Sabine", "Sandra",
    "Silke", "Simone", "Sophie", "Stefanie", "Susann", "Sylvia", "Tanja", "Ute", "Yvonne", "Jördis",
    "Gülsen", "Käthe", "Frauke", "Maike", "Lena", "Hannah", "Anna-Lena", "Marie", "Luise", "Constanze",
]  # fmt: skip

GERMAN_MALE = [
    "Alexander", "André", "Andreas", "Benjamin", "Bernd", "Björn", "Christian", "Daniel", "Denis",
    "Dirk", "Enrico", "Falk", "Frank", "Hagen", "Heiko", "Holger", "Jan", "Jens", "Jörg", "Jürgen",
    "Kai", "Karsten", "Kevin", "Lars", "Marcel", "Marco", "Mario", "Markus", "Martin", "Matthias",
    "Michael", "Mike", "Nico", "Norbert", "Olaf", "Patrick", "Peter", "Philipp", "Ralf", "René",
    "Rico", "Robert", "Ronny", "Sebastian", "Silvio", "Stefan", "Steffen", "Sven", "Thomas", "Thorsten",
    "Tino", "Tobias", "Torsten", "Uwe", "Volker", "Maik", "Sören", "Jörn", "Lutz", "Günter",
    "Hans-Jürgen", "Karl-Heinz", "Mirko", "Ronald", "Dennis", "Felix", "Florian", "Lukas", "Max", "Paul",
]  # fmt: skip

GERMAN_LAST = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
    "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
    "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
    "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
    "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
    "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
    "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
    "Strauß", "Meißner", "Voß", "Rößler", "Fröhlich", "Göbel", "Würfel", "Müßig", "Nößler", "Grünert",
    "Löwe", "Hänel", "Kästner", "Wünsche", "Büttner", "Kretzschmar", "Lötzsch", "Hübner", "Ehrlich", "Pätzold",
]  # fmt: skip

# Non-German names by nationality code: (female first names, male first names, last names).
FOREIGN = {
    "PL": (
        ["Agnieszka", "Katarzyna", "Małgorzata", "Anna", "Joanna"],
        ["Piotr", "Tomasz", "Krzysztof", "Paweł", "Marek"],
        ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski"],
    ),
    "CZ": (
        ["Petra", "Lucie", "Jana", "Tereza"],
        ["Jiří", "Petr", "Jan", "Tomáš"],
        ["Novák", "Svoboda", "Dvořák", "Černá", "Procházka"],
    ),
    "RO": (
        ["Ioana", "Elena", "Andreea", "Maria"],
        ["Andrei", "Ionuț", "Mihai", "Florin"],
        ["Popescu", "Ionescu", "Dumitru", "Stan", "Constantin"],
    ),
    "BG": (
        ["Desislava", "Galina", "Svetla"],
        ["Georgi", "Dimitar", "Ivan"],
        ["Petrov", "Georgieva", "Dimitrov", "Ivanova"],
    ),
    "IT": (["Giulia", "Francesca"], ["Marco", "Luca"], ["Rossi", "Russo", "Esposito"]),
    "GR": (["Eleni", "Maria"], ["Giorgos", "Nikos"], ["Papadopoulos", "Georgiou"]),
    "HU": (["Katalin", "Zsófia"], ["László", "Gábor"], ["Nagy", "Kovács", "Szabó"]),
    "TR": (
        ["Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Hatice"],
        ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Emre"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan"],
    ),
    "SY": (
        ["Fatima", "Amina", "Rasha", "Hiba", "Nour", "Lina", "Rana"],
        ["Mohammad", "Ahmad", "Omar", "Khaled", "Yousef", "Hassan", "Mahmoud"],
        ["Al-Hassan", "Haddad", "Khalil", "Al-Ahmad", "Mansour", "Saleh", "Darwish", "Al-Khatib"],
    ),
    "AF": (
        ["Zahra", "Maryam", "Fereshta", "Shabnam", "Parwana"],
        ["Farid", "Hamid", "Ahmad Shah", "Jawad", "Naveed", "Sohail"],
        ["Ahmadi", "Rahimi", "Hashimi", "Sultani", "Karimi", "Haidari"],
    ),
    "UA": (
        ["Olena", "Oksana", "Iryna", "Tetiana", "Nataliia", "Yuliia", "Svitlana"],
        ["Andrii", "Mykola", "Oleksandr", "Serhii", "Dmytro", "Volodymyr"],
        ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko"],
    ),
    "ER": (
        ["Senait", "Helen", "Yordanos", "Mebrat"],
        ["Yonas", "Tesfaye", "Daniel", "Samuel", "Filmon"],
        ["Tesfamariam", "Gebremedhin", "Habte", "Kidane", "Weldemichael"],
    ),
    "IQ": (
        ["Zainab", "Noor", "Sara"],
        ["Ali", "Hussein", "Mustafa", "Karwan"],
        ["Al-Jabouri", "Hussein", "Kareem", "Barzani"],
    ),
    "IR": (["Maryam", "Shirin", "Nasrin"], ["Reza", "Mehdi", "Amir"], ["Hosseini", "Rezaei", "Mohammadi"]),
    "RU": (["Olga", "Natalia", "Jelena"], ["Sergej", "Dmitri", "Alexej"], ["Iwanow", "Smirnow", "Popow"]),
    "VN": (["Thi Lan", "Thi Hoa", "Mai"], ["Van Minh", "Duc", "Quang"], ["Nguyen", "Tran", "Pham", "Le"]),
    "MA": (["Khadija", "Samira"], ["Youssef", "Rachid"], ["El Amrani", "Benali", "Bouzid"]),
    "stateless": (
        ["Amal", "Rima"],
        ["Bilal", "Tarek"],
        ["Abu Salem", "Qasem", "Haj Ali"],
    ),
    "unknown": (["Aziza", "Nadia"], ["Karim", "Samir"], ["Noori", "Osman"]),
}

# Postcodes and places per region code: (postcode, place, rural).
POSTCODES = {
    "BZ": [
        ("02625", "Bautzen", False), ("02977", "Hoyerswerda", False), ("01877", "Bischofswerda", True),
        ("02943", "Weißwasser/O.L.", True), ("02826", "Görlitz", False), ("02763", "Zittau", True),
        ("02699", "Königswartha", True), ("01917", "Kamenz", True),
    ],
    "DD": [
        ("01067", "Dresden", False), ("01127", "Dresden", False), ("01239", "Dresden", False),
        ("01307", "Dresden", False), ("01159", "Dresden", False), ("01796", "Pirna", False),
        ("01662", "Meißen", False), ("01558", "Großenhain", True), ("01744", "Dippoldiswalde", True),
        ("01705", "Freital", False), ("01814", "Bad Schandau", True),
    ],
    "CMS": [
        ("09111", "Chemnitz", False), ("09126", "Chemnitz", False), ("09130", "Chemnitz", False),
        ("09599", "Freiberg", False), ("09648", "Mittweida", True), ("04720", "Döbeln", True),
        ("09306", "Rochlitz", True),
    ],
    "ERZ": [
        ("09456", "Annaberg-Buchholz", True), ("08280", "Aue-Bad Schlema", True), ("09496", "Marienberg", True),
        ("09366", "Stollberg/Erzgeb.", True), ("08340", "Schwarzenberg", True), ("09405", "Zschopau", True),
    ],
    "Z": [
        ("08056", "Zwickau", False), ("08066", "Zwickau", False), ("08371", "Glauchau", False),
        ("08412", "Werdau", True), ("09337", "Hohenstein-Ernstthal", True), ("08393", "Meerane", True),
    ],
    "V": [
        ("08523", "Plauen", False), ("08525", "Plauen", False), ("08209", "Auerbach/Vogtl.", True),
        ("08468", "Reichenbach im Vogtland", True), ("08258", "Markneukirchen", True), ("08606", "Oelsnitz/Vogtl.", True),
    ],
    "NOS": [
        ("04509", "Delitzsch", True), ("04860", "Torgau", True), ("04838", "Eilenburg", True),
        ("04758", "Oschatz", True), ("04808", "Wurzen", True), ("04435", "Schkeuditz", False),
    ],
    "L": [
        ("04103", "Leipzig", False), ("04315", "Leipzig", False), ("04177", "Leipzig", False),
        ("04229", "Leipzig", False), ("04357", "Leipzig", False), ("04277", "Leipzig", False),
    ],
    "DO": [
        ("44135", "Dortmund", False), ("44137", "Dortmund", False), ("44145", "Dortmund", False),
        ("44147", "Dortmund", False), ("44149", "Dortmund", False), ("44287", "Dortmund", False),
        ("44328", "Dortmund", False), ("44339", "Dortmund", False), ("44357", "Dortmund", False),
        ("44379", "Dortmund", False),
    ],
}  # fmt: skip

DROPOUT_REASONS = [
    "Motivation",
    "wiederholte unentschuldigte Fehlzeiten",
    "Ausschluss wegen Verhaltens",
    "keine Rückmeldung mehr",
    "Abbruch auf eigenen Wunsch",
]
NEUTRAL_REASONS = [
    "Krankheit",
    "Elternzeit",
    "Umzug",
    "Umsteuerung durch das Jobcenter",
    "Pflege Angehöriger",
]
EXTENSION_REASONS = [
    "Stufenziel noch nicht erreicht",
    "mind. ein Praktikum auf dem ersten Arbeitsmarkt steht noch aus",
    "multiple Problemlagen, weitere Stabilisierung nötig",
    "Prüfungsvorbereitung",
    "Krankheitszeiten ausgleichen",
]
# the coded reason of each demo reason (``programmes.reason_codes.DEFAULTS``), per purpose
REASON_CODES = {
    "extension": {
        "Stufenziel noch nicht erreicht": "ziele_offen",
        "mind. ein Praktikum auf dem ersten Arbeitsmarkt steht noch aus": "ziele_offen",
        "multiple Problemlagen, weitere Stabilisierung nötig": "problemlagen",
        "Prüfungsvorbereitung": "ziele_offen",
        "Krankheitszeiten ausgleichen": "unterbrechung",
    },
    "exit": {
        "Motivation": "mitwirkung",
        "wiederholte unentschuldigte Fehlzeiten": "mitwirkung",
        "Ausschluss wegen Verhaltens": "mitwirkung",
        "keine Rückmeldung mehr": "sonstiges",
        "Abbruch auf eigenen Wunsch": "sonstiges",
        "Krankheit": "gesundheit",
        "Elternzeit": "elternzeit",
        "Umzug": "sonstiges",
        "Umsteuerung durch das Jobcenter": "sonstiges",
        "Pflege Angehöriger": "familie",
    },
}
INTERRUPTION_REASONS = ["Krankheit", "Reha-Maßnahme", "Kinderbetreuung nicht gesichert", "Pflege Angehöriger"]
