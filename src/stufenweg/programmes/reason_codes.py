"""Coded reasons of extensions and exits: the default lists, which event kind uses which list, and
the one check every write path makes (web form, API and import: ``reason_code_problem``).

A programme has its own lists (``ReasonCode``); a new programme starts with the defaults below,
taken from the reasons the JobPerspektive Sachsen programme reports for extensions (Gründe für
Verlängerungen) and for the early exits (Status bei vorzeitigem Abbruch, Hinderungsgründe). The
coordination office renames, adds and deactivates codes in the programme administration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.journeys.codes import EventKind
from stufenweg.programmes.models import ReasonCode

P = ReasonCode.Purpose

# event kind -> the list its reason code comes from (other kinds carry no reason code)
PURPOSE_OF_KIND: dict[str, str] = {"extension": P.EXTENSION, "exit": P.EXIT}

PURPOSE_LABELS = {P.EXTENSION: gettext_lazy("Verlängerung"), P.EXIT: gettext_lazy("Austritt")}

# (code, label) in the order of the list
DEFAULTS: dict[str, tuple[tuple[str, str], ...]] = {
    P.EXTENSION: (
        ("ziele_offen", "Ziele noch nicht erreicht (z. B. noch kein Praktikum auf dem ersten Arbeitsmarkt)"),
        ("problemlagen", "multiple Problemlagen"),
        ("gesundheit", "psychische oder gesundheitliche Einschränkungen, Sucht"),
        ("unterbrechung", "Ausgleich einer Unterbrechung (Krankheit, Familie)"),
        ("sonstiges", "Sonstiges"),
    ),
    P.EXIT: (
        ("arbeit", "Arbeitsaufnahme (Minijob, selbstständig, erwerbstätig)"),
        ("bildung", "weiterführende Maßnahme, schulische oder berufliche Bildung"),
        ("elternzeit", "Elternzeit / Mutterschutz"),
        ("gesundheit", "Krankheit, psychische oder persönliche Hinderungsgründe"),
        ("familie", "Familienzeiten, Pflege von Angehörigen, fehlende Kinderbetreuung"),
        ("mobilitaet", "fehlende Mobilität"),
        ("mitwirkung", "fehlende Mitwirkung, Konflikte"),
        ("reha_rente", "Reha / Rente"),
        ("sonstiges", "Sonstiges"),
    ),
}


def seed_defaults(programme_ids: Iterable[int]) -> int:
    """Give each programme without codes of a purpose the default list of that purpose; the number
    of codes created. Programmes that have codes of a purpose keep them as they are."""
    ids = set(programme_ids)
    if not ids:
        return 0
    have = set(
        ReasonCode.objects.filter(programme_id__in=ids).values_list("programme_id", "purpose").distinct()
    )
    new = [
        ReasonCode(programme_id=pk, purpose=purpose, code=code, label=label, position=position)
        for pk in sorted(ids)
        for purpose, items in DEFAULTS.items()
        if (pk, purpose) not in have
        for position, (code, label) in enumerate(items, start=1)
    ]
    ReasonCode.objects.bulk_create(new)
    return len(new)


def active_codes(programme_ids: Iterable[int]) -> dict[int, dict[str, frozenset[str]]]:
    """programme pk -> purpose -> its active codes (one query)."""
    found: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pk, purpose, code in ReasonCode.objects.filter(
        programme_id__in=set(programme_ids), active=True
    ).values_list("programme_id", "purpose", "code"):
        found[pk][purpose].add(code)
    return {pk: {p: frozenset(c) for p, c in by.items()} for pk, by in found.items()}


def choices_for(programme_id: int, kind: str) -> list[tuple[str, str]]:
    """The active codes a new event of ``kind`` may name, as form choices (code, label)."""
    purpose = PURPOSE_OF_KIND.get(kind)
    if purpose is None:
        return []
    return list(
        ReasonCode.objects.filter(programme_id=programme_id, purpose=purpose, active=True)
        .order_by("position", "code")
        .values_list("code", "label")
    )


def reason_code_problem(
    kind: str, code: str, allowed: Mapping[str, frozenset[str]], *, kept: str = ""
) -> str | None:
    """The German message when ``code`` may not stand on a new event of ``kind`` in a programme
    whose active codes are ``allowed`` (purpose -> codes), else None. An empty code is always
    fine (the code is optional); ``kept``: the code of the event a correction supersedes, which
    the correction may keep even when it has been deactivated since."""
    if not code or code == kept:
        return None
    purpose = PURPOSE_OF_KIND.get(kind)
    if purpose is None:
        label = EventKind(kind).label if kind in EventKind.values else kind
        return _("Einen Grund-Code gibt es nur bei Verlängerung und Austritt, nicht bei „%(kind)s“.") % {
            "kind": label
        }
    if code not in allowed.get(purpose, frozenset()):
        return _(
            "Der Grund-Code „%(code)s“ steht nicht in der Liste der aktiven Gründe (%(purpose)s) des Programms."
        ) % {"code": code, "purpose": PURPOSE_LABELS[purpose]}
    return None


def reason_lists(programme) -> list[dict]:
    """The programme's two lists for its administration page: each code with the number of events
    that name it (two queries)."""
    from django.db.models import Count

    from stufenweg.journeys.models import JourneyEvent

    uses = {
        (PURPOSE_OF_KIND[kind], code): n
        for kind, code, n in JourneyEvent.objects.filter(
            participation__programme=programme, kind__in=list(PURPOSE_OF_KIND)
        )
        .exclude(reason_code="")
        .values_list("kind", "reason_code")
        .annotate(n=Count("id"))
        .order_by()
    }
    codes = list(ReasonCode.objects.filter(programme=programme).order_by("purpose", "position", "code"))
    for code in codes:
        code.uses = uses.get((code.purpose, code.code), 0)
    titles = {
        P.EXTENSION: gettext_lazy("Gründe für Verlängerungen"),
        P.EXIT: gettext_lazy("Gründe für Austritte"),
    }
    return [
        {"purpose": purpose, "title": titles[purpose], "codes": [c for c in codes if c.purpose == purpose]}
        for purpose in (P.EXTENSION, P.EXIT)
    ]
