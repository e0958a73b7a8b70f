"""At a small scale the demo's rates lie in bands around the seed's figures (seed 002, JPS).

The bands are wide because the sample is small, but each would fail if the behaviour behind it
were missing (no dropouts, no reactivations, no internships, no follow-ups …).
"""

from __future__ import annotations

import io

from django.core.management import call_command

from stufenweg.demo.rates import jps_rates, other_rates

BANDS = {  # label: (low, high, minimum denominator); seed value in the comment
    "Zuweisungen je Programmeintritt": (1.0, 1.12, 200),  # 1.034
    "nicht angekommen / Zuweisungen": (0.02, 0.16, 200),
    "Ersteintritte / Eintritte gesamt": (0.78, 0.95, 200),  # 0.870
    "Qualifizierung begonnen / Eintritte gesamt": (0.62, 0.88, 200),  # 0.771
    "Anteil Zuweisungen Region BZ": (0.17, 0.36, 200),  # 0.265
    "Anteil Zuweisungen Region DD": (0.19, 0.39, 200),  # 0.289
    "Anteil Zuweisungen Region V": (0.02, 0.14, 200),  # 0.071
    "QAB: Abbrüche / Austritte": (0.2, 0.65, 10),  # 0.413
    "EZU: Abbrüche / Austritte": (0.06, 0.45, 20),  # 0.242
    "S3: Abbrüche / Austritte": (0.12, 0.5, 30),  # 0.312
    "S4: Abbrüche / Austritte": (0.1, 0.42, 50),  # 0.257
    "S4: Abbruch → arbeitsuchend": (0.5, 0.95, 8),  # 0.762
    "EZU: ohne Abbruch → erwerbstätig": (0.55, 0.95, 15),  # 0.785
    "S4: mind. ein Praktikum 1. Arbeitsmarkt (Personen)": (0.8, 1.0, 50),  # 0.922
    "S4: Eintritte mit Verlängerung": (0.1, 0.6, 50),
    "S3: in Arbeit beim Austritt (≤ 28 Tage)": (0.08, 0.4, 30),  # 0.233
    "Verbleibsabfrage nach Austritt erfasst": (0.6, 0.98, 50),
}


def test_jps_rates_lie_near_the_seed(rates_demo, db):
    rates = {rate.label: rate for rate in jps_rates()}
    for label, (low, high, minimum) in BANDS.items():
        rate = rates[label]
        assert rate.denominator >= minimum, (label, rate.denominator)
        assert low <= rate.value <= high, (label, rate.numerator, rate.denominator)


def test_other_programmes_have_their_outcomes(rates_demo, db):
    rates = {rate.label: rate for rate in other_rates()}
    ended = rates["WP: Integrationen, die den Leistungsbezug beenden"]
    assert ended.denominator >= 5 and 0.1 <= ended.value <= 0.8  # seed 004: 197 of 449
    work = rates["AMM: Teilnehmende in Arbeit vermittelt"]
    assert work.denominator >= 15 and 0.2 <= work.value <= 0.75  # seed 003: 2480 of 5300
    assert rates["WP: Teilnehmende je Bedarfsgemeinschaft"].value > 1  # partners take part too


def test_demo_rates_command_prints_demo_next_to_seed(rates_demo, db):
    out = io.StringIO()
    call_command("demo_rates", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["Kennzahl", "Demo", "Zähler/Nenner", "Seed"]
    dropout = next(line for line in lines if line.startswith("S4: Abbrüche / Austritte"))
    assert "25,7 % (581/2264)" in dropout  # the seed's figure next to the demo's
