"""The fairness audit of a model on held-out data: per group of a protected characteristic the
calibration (mean predicted risk against the observed dropout share) and the error rates at the
warning threshold (false-positive rate: warned though no dropout followed; false-negative rate:
dropout without a warning). The characteristics are read here for the audit only; the model never
sees them (``features.PROTECTED_ATTRIBUTES``).

Small groups are suppressed: a group of fewer than ``MIN_PERSONS`` persons shows ``*`` for every
figure; if that leaves one hidden group in a dimension, the counts (persons, samples) of the next
smallest are hidden too (secondary suppression, as in ``indicators.results.suppress``), so that
the total cannot reveal the hidden group's size. Its rates stay: without the counts they reveal
nothing about the hidden group.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from stufenweg.indicators.build import EU_COUNTRIES
from stufenweg.indicators.results import SUPPRESSED

MIN_PERSONS = 5

# dimension code → German title (stored untranslated, shown through gettext)
DIMENSIONS = {
    "gender": gettext_noop("Geschlecht"),
    "age_band": gettext_noop("Altersgruppe"),
    "nationality": gettext_noop("Staatsangehörigkeit"),
    "disability": gettext_noop("Behinderung"),
}
GENDER = {
    "f": gettext_noop("weiblich"),
    "m": gettext_noop("männlich"),
    "d": gettext_noop("divers"),
    "x": gettext_noop("keine Angabe"),
}
NATIONALITY = {
    "de": gettext_noop("deutsch"),
    "eu": gettext_noop("anderer EU-Staat"),
    "non_eu": gettext_noop("Drittstaat oder staatenlos"),
    "unknown": gettext_noop("unbekannt"),
}
DISABILITY = {
    "yes": gettext_noop("ja"),
    "no": gettext_noop("nein"),
    "": gettext_noop("keine Angabe"),
}


def nationality_group(code: str) -> str:
    code = (code or "").strip()
    if code.upper() == "DE":
        return "de"
    if code.upper() in EU_COUNTRIES:
        return "eu"
    if not code or code == "unknown":
        return "unknown"
    return "non_eu"


@dataclass(frozen=True)
class Case:
    """One held-out snapshot: who (for grouping and counting persons), prediction and outcome."""

    person_id: int
    groups: dict[str, str]  # dimension → group code
    risk: float
    dropout: bool


def _rates(cases: list[Case], threshold: float) -> dict:
    n = len(cases)
    positives = [c for c in cases if c.dropout]
    negatives = [c for c in cases if not c.dropout]
    fp = sum(1 for c in negatives if c.risk >= threshold)
    fn = sum(1 for c in positives if c.risk < threshold)
    return {
        "persons": len({c.person_id for c in cases}),
        "n": n,
        "observed": round(len(positives) / n, 4) if n else None,
        "predicted": round(sum(c.risk for c in cases) / n, 4) if n else None,
        "fpr": round(fp / len(negatives), 4) if negatives else None,
        "fnr": round(fn / len(positives), 4) if positives else None,
    }


FIGURES = ("persons", "n", "observed", "predicted", "fpr", "fnr")


def audit(cases: list[Case], threshold: float, *, min_persons: int = MIN_PERSONS) -> dict:
    """``{"total": figures, "dimensions": {dim: [{"group": code, **figures}, …]}}`` with small
    groups suppressed."""
    out = {"total": _rates(cases, threshold), "dimensions": {}, "min_persons": min_persons}
    for dim in DIMENSIONS:
        by_group: dict[str, list[Case]] = {}
        for case in cases:
            by_group.setdefault(case.groups.get(dim, ""), []).append(case)
        rows = [{"group": code, **_rates(group, threshold)} for code, group in sorted(by_group.items())]
        hidden = [r for r in rows if r["persons"] < min_persons]
        if len(hidden) == 1 and len(rows) > 1:
            # the total minus the other groups' counts would reveal the hidden group's size
            rest = sorted((r for r in rows if r not in hidden), key=lambda r: r["persons"])
            rest[0]["persons"] = rest[0]["n"] = SUPPRESSED
        for r in hidden:
            for figure in FIGURES:
                r[figure] = SUPPRESSED
        out["dimensions"][dim] = rows
    return out


def group_label(dim: str, code: str) -> str:
    """The untranslated label of a group (the caller translates)."""
    if dim == "gender":
        return GENDER.get(code, code)
    if dim == "nationality":
        return NATIONALITY.get(code, code)
    if dim == "disability":
        return DISABILITY.get(code, code)
    return code
