"""Name and id search that ignores case and umlaut spelling on SQLite and PostgreSQL alike.

SQLite's ``LOWER()`` does not fold non-ASCII letters and PostgreSQL's ``ILIKE`` depends on the
collation, so neither finds "Müller" when "mueller" is typed. Instead, the same normalisation
runs in Python on both sides: the stored ``PersonSearch.text`` ("nachname vorname person_id")
and the typed term. ``normalise`` casefolds (ß → ss), strips diacritics (ä → a, é → e) and maps
the transcriptions ae/oe/ue to a/o/u, so "Müller", "Mueller", "MULLER" and "müller" all become
"muller". Because both sides go through the same function, a typed prefix still matches.

``name_sort_key`` is the German alphabetical order of names built on the same folding. Lists
sorted in the database use the same keys, stored per person (``PersonSearch.last_key`` and
``first_key``, written from ``search_values``): ordering by them, then by the stored spellings,
gives the order of ``name_sort_key`` on SQLite and PostgreSQL alike, whatever the collation.
"""

from __future__ import annotations

import re
import unicodedata

KEY_LENGTH = 200  # stored sort keys are cut here (a folded name can be longer than the name)
_DIGRAPHS = re.compile(r"(ae|oe|ue)")
_SPACE = re.compile(r"\s+")


def fold(value: str) -> str:
    """Casefolded (ß → ss) without diacritics (ä → a, é → e): DIN 5007-1 for comparing names."""
    folded = unicodedata.normalize("NFKD", (value or "").casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def normalise(value: str) -> str:
    plain = _DIGRAPHS.sub(lambda match: match.group(0)[0], fold(value))
    return _SPACE.sub(" ", plain).strip()


def sort_key(name: str) -> str:
    """The stored sort key of one name part (``fold``, cut to ``KEY_LENGTH``)."""
    return fold(name)[:KEY_LENGTH]


def name_sort_key(last_name: str, first_name: str) -> tuple[str, str, str, str]:
    """German alphabetical order of names (DIN 5007-1: "Kästner" before "Kuhn", "ß" as "ss", case
    ignored); the spellings as stored break ties, so the order is stable. Unlike ``normalise`` the
    transcriptions ae/oe/ue stay two letters ("Bauer" before "Baum")."""
    return (sort_key(last_name), sort_key(first_name), last_name or "", first_name or "")


def search_text(*, last_name: str, first_name: str, person_id: str) -> str:
    return normalise(f"{last_name} {first_name} {person_id}")[:400]


def name_order(path: str = "") -> tuple[str, str, str, str]:
    """The German name order (``name_sort_key``) for ``order_by`` on the person at ``path`` (e.g.
    ``"person__"``; ``""`` for ``Person`` itself): the stored keys of its search-index row, then
    the spellings as stored. A person without an index row sorts after the others (NULL keys)."""
    return (f"{path}search__last_key", f"{path}search__first_key", f"{path}last_name", f"{path}first_name")


def search_values(*, last_name: str, first_name: str, person_id: str) -> dict[str, str]:
    """Every column of a person's ``PersonSearch`` row: the search text and the sort keys."""
    return {
        "text": search_text(last_name=last_name, first_name=first_name, person_id=person_id),
        "last_key": sort_key(last_name),
        "first_key": sort_key(first_name),
    }


def search_terms(query: str) -> list[str]:
    """The words of a typed search (each must occur), at most five, empty words dropped."""
    return [word for word in normalise(query).split(" ") if word][:5]
