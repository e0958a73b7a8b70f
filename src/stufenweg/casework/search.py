"""Name and id search that ignores case and umlaut spelling on SQLite and PostgreSQL alike.

SQLite's ``LOWER()`` does not fold non-ASCII letters and PostgreSQL's ``ILIKE`` depends on the
collation, so neither finds "Müller" when "mueller" is typed. Instead, the same normalisation
runs in Python on both sides: the stored ``PersonSearch.text`` ("nachname vorname person_id")
and the typed term. ``normalise`` casefolds (ß → ss), strips diacritics (ä → a, é → e) and maps
the transcriptions ae/oe/ue to a/o/u, so "Müller", "Mueller", "MULLER" and "müller" all become
"muller". Because both sides go through the same function, a typed prefix still matches.
"""

from __future__ import annotations

import re
import unicodedata

_DIGRAPHS = re.compile(r"(ae|oe|ue)")
_SPACE = re.compile(r"\s+")


def normalise(value: str) -> str:
    folded = unicodedata.normalize("NFKD", (value or "").casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = _DIGRAPHS.sub(lambda match: match.group(0)[0], plain)
    return _SPACE.sub(" ", plain).strip()


def search_text(*, last_name: str, first_name: str, person_id: str) -> str:
    return normalise(f"{last_name} {first_name} {person_id}")[:400]


def search_terms(query: str) -> list[str]:
    """The words of a typed search (each must occur), at most five, empty words dropped."""
    return [word for word in normalise(query).split(" ") if word][:5]
