"""Synthetic persons and households (pure Python; written by ``write.write_persons``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from stufenweg.core.time import add_months
from stufenweg.demo.catalogue.common import EU_CODES, POPULATIONS
from stufenweg.demo.names import FOREIGN, GERMAN_FEMALE, GERMAN_LAST, GERMAN_MALE, POSTCODES


@dataclass
class PlannedPerson:
    person_id: str
    first_name: str
    last_name: str
    birth_date: dt.date
    gender: str
    nationality: str
    foreign_background: str
    disability: str
    minority: str
    homeless: str
    rural: str
    isced: int | None
    vocational_qualification: bool | None
    single_parent: bool | None
    postcode: str
    household_id: str = ""
    household_role: str = ""
    unemployed_since: dt.date | None = None  # not a Person field: used for entry events
    # target groups (yes/no/na, "" not recorded): ``target_groups``
    returner: str = ""
    long_term_benefit: str = ""
    refugee: str = ""

    PERSON_FIELDS = (
        "person_id", "first_name", "last_name", "birth_date", "gender", "nationality", "foreign_background",
        "disability", "minority", "homeless", "rural", "isced", "vocational_qualification", "single_parent",
        "postcode", "household_role", "returner", "long_term_benefit", "refugee",
    )  # fmt: skip


@dataclass
class PlannedHousehold:
    household_id: str
    member_ids: list[str]
    adults: int
    children: int
    first_month: dt.date
    # employment spells of members: (start, end or None, benefit effect)
    spells: list[tuple[dt.date, dt.date | None, str]] = field(default_factory=list)


def weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class PersonFactory:
    """Makes persons with reproducible numbers and plausible attributes for a population profile."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counter = 0

    def next_id(self) -> str:
        self.counter += 1
        return f"DEMO-{self.counter:06d}"

    def _gender(self, female_share: float) -> str:
        r = self.rng.random()
        if r < 0.006:
            return "d"
        if r < 0.012:
            return "x"
        return "f" if self.rng.random() < female_share else "m"

    def _name(self, gender: str, nationality: str, last_name: str | None = None) -> tuple[str, str]:
        rng = self.rng
        female = gender == "f" or (gender in "dx" and rng.random() < 0.5)
        if nationality == "DE" or nationality not in FOREIGN:
            first = rng.choice(GERMAN_FEMALE if female else GERMAN_MALE)
            last = last_name or rng.choice(GERMAN_LAST)
        else:
            females, males, lasts = FOREIGN[nationality]
            first = rng.choice(females if female else males)
            last = last_name or rng.choice(lasts)
        return first, last

    def adult(
        self,
        profile_name: str,
        region: str,
        on: dt.date,
        *,
        gender: str | None = None,
        nationality: str | None = None,
        last_name: str | None = None,
        postcode: str | None = None,
        rural: str | None = None,
        min_unemployed_months: int | None = None,
    ) -> PlannedPerson:
        rng = self.rng
        profile = POPULATIONS[profile_name]
        gender = gender or self._gender(profile["female"])
        nationality = nationality or weighted(rng, profile["nationality"])
        first, last = self._name(gender, nationality, last_name)
        low, high, mode = profile["age"]
        age = int(rng.triangular(low, high + 0.999, mode))
        birth = on - dt.timedelta(days=round(age * 365.25) + rng.randint(1, 360))
        if postcode is None:
            postcode, _place, is_rural = rng.choice(POSTCODES[region])
            rural = "yes" if is_rural else "no"
        foreign = "yes" if nationality != "DE" else ("yes" if rng.random() < 0.05 else "no")
        if rng.random() < 0.02:
            foreign = "na"
        isced = weighted(rng, profile["isced"])
        vocational = rng.random() < profile["vocational"] if isced >= 3 else rng.random() < 0.15
        single_parent = gender == "f" and rng.random() < profile["single_parent"] * 1.8
        low_m, high_m, ltu_share = profile["unemployed_months"]
        if min_unemployed_months:
            months = rng.randint(min_unemployed_months + 1, max(high_m, min_unemployed_months + 24))
        elif rng.random() < ltu_share:
            months = rng.randint(max(12, low_m), high_m)
        else:
            months = rng.randint(min(low_m, 11), 11)
        person = PlannedPerson(
            person_id=self.next_id(),
            first_name=first,
            last_name=last,
            birth_date=birth,
            gender=gender,
            nationality=nationality,
            foreign_background=foreign,
            disability="yes" if rng.random() < profile["disability"] else "no",
            minority="na" if rng.random() < 0.3 else "no",
            homeless="yes" if rng.random() < profile["homeless"] else "no",
            rural=rural or "na",
            isced=isced,
            vocational_qualification=vocational,
            single_parent=single_parent,
            postcode=postcode,
            unemployed_since=add_months(on, -months) - dt.timedelta(days=rng.randint(0, 27)),
        )
        groups = target_groups(
            person.person_id, gender=gender, nationality=nationality, age=age, months=months
        )
        return dataclasses.replace(person, **groups)

    def child(self, parent: PlannedPerson, on: dt.date) -> PlannedPerson:
        rng = self.rng
        gender = "f" if rng.random() < 0.5 else "m"
        first, last = self._name(gender, parent.nationality, parent.last_name)
        age = rng.randint(0, 17)
        return PlannedPerson(
            person_id=self.next_id(),
            first_name=first,
            last_name=last,
            birth_date=on - dt.timedelta(days=round(age * 365.25) + rng.randint(1, 360)),
            gender=gender,
            nationality=parent.nationality,
            foreign_background=parent.foreign_background,
            disability="no",
            minority="na",
            homeless="no",
            rural=parent.rural,
            isced=None,
            vocational_qualification=None,
            single_parent=None,
            postcode=parent.postcode,
        )


REFUGEE_ORIGINS = ("UA", "SY", "AF", "ER", "IQ", "IR")


def target_groups(person_id: str, *, gender: str, nationality: str, age: int, months: int) -> dict[str, str]:
    """Returner, long-term benefit recipient and refugee for an adult, from a random stream of its
    own per person (the persons' other values, drawn from the shared stream, stay as they were):
    refugees mostly among the nationalities of asylum and flight (Ukraine, Syria, Afghanistan …),
    long-term benefit receipt mostly after 21 months or more out of work, returners mostly women
    between 25 and 50 after a family break; a few values not recorded."""
    rng = random.Random(f"target-groups-{person_id}")
    refugee = "yes" if nationality in REFUGEE_ORIGINS and rng.random() < 0.85 else "no"
    long_term = "yes" if rng.random() < (0.8 if months >= 21 else 0.25) else "no"
    returner_chance = (0.12 if gender == "f" else 0.02) if 25 <= age <= 50 else 0.0
    returner = "yes" if rng.random() < returner_chance else "no"
    values = {"returner": returner, "long_term_benefit": long_term, "refugee": refugee}
    if rng.random() < 0.04:  # not asked, or not answered
        values[rng.choice(list(values))] = rng.choice(("", "na"))
    return values


# Monthly standard needs (Regelbedarf) by year: single adult, each of two partners, child (average).
REGELBEDARF = {
    2020: (432, 389, 308),
    2021: (446, 401, 309),
    2022: (449, 404, 311),
    2023: (502, 451, 348),
    2024: (563, 506, 390),
    2025: (563, 506, 390),
    2026: (563, 506, 390),
}
KDU_BASE = {1: 420, 2: 520, 3: 610, 4: 680, 5: 750, 6: 800}


def household_months(
    household: PlannedHousehold, *, until: dt.date, rng: random.Random
) -> list[tuple[dt.date, int, Decimal, Decimal]]:
    """(month, members, LLU, KdU) per month with benefit receipt, from the first month to ``until``.

    An employment spell with benefit effect ``ended`` stops the payments from the month after its
    start (while it lasts); ``reduced`` lowers the subsistence benefit.
    """
    members = household.adults + household.children
    kdu_base = KDU_BASE[min(members, 6)] * (1 + rng.uniform(-0.1, 0.15))
    rows = []
    month = household.first_month
    while month <= until:
        single, partner, child = REGELBEDARF[min(max(month.year, 2020), 2026)]
        llu = (single if household.adults == 1 else partner * household.adults) + child * household.children
        effects = [
            effect
            for start, end, effect in household.spells
            if add_months(start.replace(day=1), 1) <= month and (end is None or end >= month)
        ]
        if "ended" not in effects:
            factor = 0.45 ** effects.count("reduced")
            kdu = kdu_base * (1.02 ** (month.year - 2020))
            if "reduced" in effects:
                kdu *= 0.85
            rows.append(
                (month, members, Decimal(round(llu * factor, 2)).quantize(Decimal("0.01")),
                 Decimal(round(kdu, 2)).quantize(Decimal("0.01")))
            )  # fmt: skip
        month = add_months(month, 1)
    return rows


def is_eu(nationality: str) -> bool:
    return nationality in EU_CODES
