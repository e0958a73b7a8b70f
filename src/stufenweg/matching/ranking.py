"""The ranking of suggestions, pure Python over small records (no database), so that it can be
tested on hand-made data.

A candidate (a measure with free places or an open vacancy) fits a participant when one of its
occupations shares at least the main occupational group (Berufshauptgruppe, two digits) with one of
the participant's target occupations. Ranked by, in this order:

1. the occupation: the same five-digit code, then the same occupational group (three digits),
   then the same main group (two digits);
2. the region: the participation's own region first;
3. the start: a measure with rolling entry or a start date, a vacancy whose start is not before
   the participant is available;
4. the weekly hours: a vacancy within the hours the participant can work;
5. more free places first, then the title.

Each suggestion carries its reasons in German, in that order („gleiche Berufsgruppe 293
Speisenzubereitung“, „Region Bautzen“, „3 freie Plätze“).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stufenweg.core.time import format_date
from stufenweg.organisations.kldb import GROUPS, MAIN_GROUPS
from stufenweg.organisations.kldb import label as kldb_label

SAME_CODE, SAME_GROUP, SAME_MAIN_GROUP, NO_FIT = 3, 2, 1, 0
MEASURE, VACANCY = "measure", "vacancy"


@dataclass(frozen=True)
class Wish:
    """What the participant wants and can: target occupations, region, hours, from when."""

    targets: tuple[str, ...]
    region_id: int | None = None
    hours: int | None = None  # at most, per week
    available_from: dt.date | None = None


@dataclass(frozen=True)
class Candidate:
    kind: str  # MEASURE or VACANCY
    pk: int
    title: str
    organisation: str
    occupations: tuple[str, ...]
    region_id: int | None = None
    region_name: str = ""
    free_places: int | None = None  # a measure's free places today; a vacancy's places
    rolling_entry: bool = True  # measures
    starts_on: dt.date | None = None  # a measure's next start date, a vacancy's start
    hours: Decimal | None = None  # vacancies


@dataclass
class Suggestion:
    candidate: Candidate
    level: int
    region_fit: bool
    start_fit: bool
    hours_fit: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        c = self.candidate
        return (
            -self.level,
            not self.region_fit,
            not self.start_fit,
            not self.hours_fit,
            -(c.free_places or 0),
            c.title.casefold(),
            c.kind,
            c.pk,
        )

    @property
    def reasons_text(self) -> str:
        return "; ".join(self.reasons)


def occupation_level(target: str, code: str) -> int:
    if target == code:
        return SAME_CODE
    if target[:3] == code[:3]:
        return SAME_GROUP
    if target[:2] == code[:2]:
        return SAME_MAIN_GROUP
    return NO_FIT


def best_fit(targets: tuple[str, ...], codes: tuple[str, ...]) -> tuple[int, str]:
    """The best level over every pair of target and candidate occupation, with the candidate's
    code that reaches it (``(NO_FIT, "")`` when none shares the main group)."""
    best, best_code = NO_FIT, ""
    for code in codes:
        for target in targets:
            level = occupation_level(target, code)
            if level > best:
                best, best_code = level, code
    return best, best_code


def occupation_reason(level: int, code: str) -> str:
    if level == SAME_CODE:
        return _("gleicher Beruf %(label)s") % {"label": kldb_label(code).replace(" – ", " ", 1)}
    if level == SAME_GROUP:
        return _("gleiche Berufsgruppe %(code)s %(name)s") % {
            "code": code[:3],
            "name": GROUPS.get(code[:3], ""),
        }
    return _("gleiche Berufshauptgruppe %(code)s %(name)s") % {
        "code": code[:2],
        "name": MAIN_GROUPS.get(code[:2], ""),
    }


def judge(wish: Wish, candidate: Candidate, *, today: dt.date) -> Suggestion | None:
    """The suggestion ``candidate`` makes for ``wish``, or ``None`` when no occupation fits."""
    level, code = best_fit(wish.targets, candidate.occupations)
    if level == NO_FIT:
        return None
    reasons = [occupation_reason(level, code)]
    region_fit = candidate.region_id is not None and candidate.region_id == wish.region_id
    if candidate.region_name:
        reasons.append(
            (_("Region %(name)s") if region_fit else _("andere Region: %(name)s"))
            % {"name": candidate.region_name}
        )
    ready = max(today, wish.available_from or today)
    if candidate.kind == MEASURE:
        if candidate.rolling_entry:
            start_fit = True
            reasons.append(_("laufender Einstieg"))
        elif candidate.starts_on is not None:
            start_fit = True
            reasons.append(_("nächster Starttermin %(date)s") % {"date": format_date(candidate.starts_on)})
        else:
            start_fit = False
            reasons.append(_("kein weiterer Starttermin"))
        places = candidate.free_places or 0
        reasons.append(ngettext("%(n)s freier Platz", "%(n)s freie Plätze", places) % {"n": places})
    else:
        start = candidate.starts_on
        start_fit = start is None or start >= ready
        if start is None:
            reasons.append(_("Beginn sofort"))
        elif start_fit:
            reasons.append(_("Beginn %(date)s") % {"date": format_date(start)})
        else:
            reasons.append(
                _("Beginn %(date)s, vor der Verfügbarkeit ab %(from)s")
                % {"date": format_date(start), "from": format_date(ready)}
            )
        places = candidate.free_places or 1
        reasons.append(ngettext("%(n)s Platz", "%(n)s Plätze", places) % {"n": places})
    hours_fit = True
    if candidate.hours is not None and wish.hours is not None:
        hours = f"{Decimal(candidate.hours).normalize():f}".replace(".", ",")
        hours_fit = candidate.hours <= wish.hours
        reasons.append(
            (
                _("%(hours)s Wochenstunden, passend (höchstens %(max)s)")
                if hours_fit
                else _("%(hours)s Wochenstunden, mehr als die möglichen %(max)s")
            )
            % {"hours": hours, "max": wish.hours}
        )
    return Suggestion(candidate, level, region_fit, start_fit, hours_fit, reasons)


def rank(wish: Wish, candidates: list[Candidate], *, today: dt.date) -> list[Suggestion]:
    """The candidates that fit ``wish``, best first (see the module's order)."""
    if not wish.targets:
        return []
    suggestions = [s for c in candidates if (s := judge(wish, c, today=today)) is not None]
    return sorted(suggestions, key=lambda s: s.key)
