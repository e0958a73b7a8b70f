"""Employer contacts and vacancies in the security test worlds (the permission matrix's and the
write-authority test's): per case a contact recorded by the case's regional office with the case's
employer, concerning the case's participation, and a vacancy at that employer."""

from __future__ import annotations

import datetime as dt

from stufenweg.organisations.employer_services import employer_contact_record, vacancy_create


def employer_objects(world, case, *, office, employer) -> None:
    """``case.employer_contact`` (recorded by ``office``, naming the case's participation) and
    ``case.vacancy`` at ``employer``."""
    case.employer_contact = employer_contact_record(
        employer=employer,
        occurred_on=dt.date(2024, 3, 1),
        kind="visit",
        topic="placement",
        participation=case.participation,
        notes="Vorstellungsgespräch vereinbart",
        organisation=office,
        by=None,
    )
    case.vacancy = vacancy_create(
        employer=employer,
        title="Lagerhelfer/in",
        occupation="51301",
        hours=30,
        organisation=office,
        by=None,
    )


# --- the write-authority test --------------------------------------------------------------------


def write_objects(ww) -> None:
    """A contact and a vacancy per case: the visible case's at the world's employer, recorded by
    regional office A; the hidden case's at the same employer, recorded by regional office B."""
    w = ww.world
    for which, office in (("visible", w.regional_a), ("hidden", w.regional_b)):
        employer_objects(w, ww.cases[which], office=office, employer=w.employer)


def contact_new(ww, which, persona):
    from django.urls import reverse

    return reverse("organisations:employer_contact_create", args=[ww.world.employer.pk]), {
        "occurred_on": "2024-04-02",
        "kind": "phone",
        "topic": "acquisition",
        "notes": "Zwei Praktikumsplätze im Lager",
    }


def contact_edit(ww, which, persona):
    from django.urls import reverse

    contact = ww.cases[which].employer_contact
    return reverse("organisations:employer_contact_edit", args=[contact.pk]), {
        "occurred_on": "2024-03-01",
        "kind": "phone",
        "topic": "support",
        "notes": "Rückruf",
    }


def vacancy_new(ww, which, persona):
    from django.urls import reverse

    return reverse("organisations:vacancy_create", args=[ww.world.employer.pk]), {
        "title": "Koch/Köchin",
        "occupation": "29302",
        "hours": "38,5",
        "places": "2",
        "status": "open",
    }


def vacancy_edit(ww, which, persona):
    from django.urls import reverse

    vacancy = ww.cases[which].vacancy
    return reverse("organisations:vacancy_edit", args=[vacancy.pk]), {
        "title": "Lagerhelfer/in",
        "occupation": "51301",
        "hours": "30",
        "places": "3",
        "status": "open",
    }


# --- the rule of a contact's changes ---------------------------------------------------------------

REGISTER_READERS = frozenset(
    {"coordinator", "coord_readonly", "regional", "readonly", "provider", "mentor", "mixed"}
)
CHANGERS = {"visible": frozenset({"coordinator", "regional"}), "hidden": frozenset({"coordinator", "mixed"})}


def contact_changers(which: str) -> frozenset[str]:
    """Who changes the case's contact: the coordination office's writers and the writers of the
    recording office (regional office A for the visible case, B for the hidden one; ``mixed`` is a
    caseworker at B)."""
    return CHANGERS[which]


def contact_rule():
    from dataclasses import dataclass

    from tests.security.write_rules import ALLOW, FORBID, LOGIN, REFUSE, Rule

    @dataclass(frozen=True)
    class RecordedBy(Rule):
        def outcome(self, persona, which):
            if persona == "anonymous":
                return LOGIN
            if persona in contact_changers(which):
                return ALLOW
            return FORBID if persona in REGISTER_READERS else REFUSE

    return RecordedBy()


# --- the same through the API ------------------------------------------------------------------------


def api_contact_new(ww, which, persona):
    from django.urls import reverse

    body = {"employer": ww.world.employer.code, "date": "2024-04-02", "kind": "phone", "topic": "acquisition"}
    return reverse("api:employer-contact-list"), body


def api_contact_edit(ww, which, persona):
    from django.urls import reverse

    contact = ww.cases[which].employer_contact
    body = {"employer": ww.world.employer.code, "date": "2024-03-01", "kind": "phone", "topic": "support"}
    return reverse("api:employer-contact-detail", args=[contact.pk]), body


def api_vacancy_new(ww, which, persona):
    from django.urls import reverse

    body = {"employer": ww.world.employer.code, "title": "Koch/Köchin", "occupation": "29302", "places": 2}
    return reverse("api:vacancy-list"), body


def api_vacancy_edit(ww, which, persona):
    from django.urls import reverse

    vacancy = ww.cases[which].vacancy
    body = {"employer": ww.world.employer.code, "title": "Lagerhelfer/in", "occupation": "51301", "places": 3}
    return reverse("api:vacancy-detail", args=[vacancy.pk]), body
