"""The features of the early warning: one list, taken from the journey only.

A feature vector describes one enrolment (a stay in a stage) on one day D, from what was known by
then: missed appointments in the 90 days up to D, days since the last contact, interruptions of
the stay and whether it is interrupted on D, days in the stage, the stage itself and the age band
on D. The person's gender, nationality, disability, migration background, minority, refugee
status and the like are **never** read here (``PROTECTED_ATTRIBUTES``; a test proves it): of the
person only the birth date is used, for the age band.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stufenweg.casework.models import Appointment, Contact
from stufenweg.core.time import age_on
from stufenweg.indicators.sqlfns import AGE_BOUNDS
from stufenweg.journeys.codes import EventKind, ExitKind
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation

MISSED_WINDOW_DAYS = 90
CAP_DAYS = 365  # days without contact and days in the stage count up to a year
AGE_BANDS = tuple(band for _, band in AGE_BOUNDS) + ("55+",)

# person fields that must never be an input (the fairness audit groups by some of them)
PROTECTED_ATTRIBUTES = (
    "gender",
    "nationality",
    "disability",
    "foreign_background",
    "minority",
    "refugee",
    "homeless",
    "rural",
    "single_parent",
    "returner",
    "household",
    "postcode",
)

# the journey features, in order; stage and age band follow as one-hot columns
NUMERIC_FEATURES = (
    "missed_appointments",
    "days_without_contact",
    "interruptions",
    "interrupted_now",
    "days_in_stage",
)
STAGE_PREFIX = "stage:"
AGE_PREFIX = "age:"


def feature_names(stage_codes: list[str]) -> list[str]:
    """The model's columns for a programme with ``stage_codes`` (in stage order)."""
    return (
        list(NUMERIC_FEATURES)
        + [STAGE_PREFIX + code for code in stage_codes]
        + [AGE_PREFIX + band for band in AGE_BANDS]
    )


def age_band(birth_date: dt.date, day: dt.date) -> str:
    years = age_on(birth_date, day)
    for bound, band in AGE_BOUNDS:
        if years < bound:
            return band
    return "55+"


@dataclass(frozen=True)
class Spell:
    """One enrolment as the features see it."""

    participation_id: int
    person_id: int
    birth_date: dt.date
    stage_code: str
    entered_on: dt.date
    exited_on: dt.date | None
    exit_kind: str

    @property
    def dropout(self) -> bool:
        return self.exited_on is not None and self.exit_kind == ExitKind.EARLY_NEGATIVE


@dataclass
class Facts:
    """The dated casework and journey facts of one participation, each list sorted."""

    missed: list[dt.date] = field(default_factory=list)
    contacts: list[dt.date] = field(default_factory=list)
    interruptions: list[dt.date] = field(default_factory=list)
    resumptions: list[dt.date] = field(default_factory=list)


def _count_between(days: list[dt.date], after: dt.date, upto: dt.date) -> int:
    """How many of the sorted ``days`` lie in (after, upto]."""
    return bisect.bisect_right(days, upto) - bisect.bisect_right(days, after)


def _last_upto(days: list[dt.date], upto: dt.date) -> dt.date | None:
    i = bisect.bisect_right(days, upto)
    return days[i - 1] if i else None


def vector(spell: Spell, facts: Facts, day: dt.date, stage_codes: list[str]) -> dict[str, float]:
    """The features of ``spell`` on ``day`` (only facts dated on or before ``day``)."""
    last_contact = _last_upto(facts.contacts, day)
    since = last_contact if last_contact is not None else spell.entered_on
    last_interruption = _last_upto(facts.interruptions, day)
    last_resumption = _last_upto(facts.resumptions, day)
    interrupted = (
        last_interruption is not None
        and last_interruption >= spell.entered_on
        and (last_resumption is None or last_resumption < last_interruption)
    )
    values = {
        "missed_appointments": float(
            _count_between(facts.missed, day - dt.timedelta(days=MISSED_WINDOW_DAYS), day)
        ),
        "days_without_contact": float(min(CAP_DAYS, max(0, (day - since).days))),
        "interruptions": float(
            _count_between(facts.interruptions, spell.entered_on - dt.timedelta(days=1), day)
        ),
        "interrupted_now": 1.0 if interrupted else 0.0,
        "days_in_stage": float(min(CAP_DAYS, max(0, (day - spell.entered_on).days))),
    }
    for code in stage_codes:
        values[STAGE_PREFIX + code] = 1.0 if code == spell.stage_code else 0.0
    band = age_band(spell.birth_date, day)
    for b in AGE_BANDS:
        values[AGE_PREFIX + b] = 1.0 if b == band else 0.0
    return values


def row(values: dict[str, float], names: list[str]) -> list[float]:
    return [values.get(name, 0.0) for name in names]


# --- loading ---------------------------------------------------------------------------------------


def spells(enrolments: QuerySet[Enrolment]) -> list[Spell]:
    """``enrolments`` as spells (the person's birth date only, nothing else of the person)."""
    rows = enrolments.values_list(
        "participation_id",
        "participation__person_id",
        "participation__person__birth_date",
        "stage__code",
        "entered_on",
        "exited_on",
        "exit_kind",
    ).order_by("participation_id", "entered_on", "pk")
    return [Spell(*r) for r in rows]


def facts_of(participations: QuerySet[Participation]) -> dict[int, Facts]:
    """The facts of ``participations`` (a queryset, used as a subquery): four queries in all."""
    out: dict[int, Facts] = {}

    def get(pid: int) -> Facts:
        facts = out.get(pid)
        if facts is None:
            facts = out[pid] = Facts()
        return facts

    for pid, starts_at in (
        Appointment.objects.filter(participation__in=participations, status=Appointment.Status.MISSED)
        .values_list("participation_id", "starts_at")
        .order_by("starts_at")
    ):
        get(pid).missed.append(_local_date(starts_at))
    for pid, on in (
        Contact.objects.filter(participation__in=participations)
        .values_list("participation_id", "occurred_on")
        .order_by("occurred_on")
    ):
        get(pid).contacts.append(on)
    for pid, kind, on in (
        JourneyEvent.objects.filter(
            participation__in=participations,
            kind__in=(EventKind.INTERRUPTION, EventKind.RESUMPTION),
            superseded_by__isnull=True,
        )
        .values_list("participation_id", "kind", "occurred_on")
        .order_by("occurred_on")
    ):
        (get(pid).interruptions if kind == EventKind.INTERRUPTION else get(pid).resumptions).append(on)
    for facts in out.values():
        facts.missed.sort()
    return out


def _local_date(moment: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


# --- the reasons, in words -------------------------------------------------------------------------


def reason_text(name: str, value: float, stage_names: dict[str, str], *, below_average: bool = False) -> str:
    """A feature's value as a German phrase for the worklist („3 versäumte Termine …“).
    ``below_average``: the value raises the risk by being lower than usual („erst seit …“)."""
    n = int(value)
    if below_average and name == "days_in_stage":
        return ngettext("erst seit %(n)d Tag in der Stufe", "erst seit %(n)d Tagen in der Stufe", n) % {
            "n": n
        }
    if below_average and name == "days_without_contact":
        return ngettext("letzter Kontakt erst vor %(n)d Tag", "letzter Kontakt erst vor %(n)d Tagen", n) % {
            "n": n
        }
    if name == "missed_appointments":
        return ngettext(
            "%(n)d versäumter Termin in den letzten 90 Tagen",
            "%(n)d versäumte Termine in den letzten 90 Tagen",
            n,
        ) % {"n": n}
    if name == "days_without_contact":
        return ngettext("seit %(n)d Tag kein Kontakt", "seit %(n)d Tagen kein Kontakt", n) % {"n": n}
    if name == "interruptions":
        return ngettext("%(n)d Unterbrechung in dieser Stufe", "%(n)d Unterbrechungen in dieser Stufe", n) % {
            "n": n
        }
    if name == "interrupted_now":
        return _("derzeit unterbrochen") if n else _("derzeit nicht unterbrochen")
    if name == "days_in_stage":
        return ngettext("seit %(n)d Tag in der Stufe", "seit %(n)d Tagen in der Stufe", n) % {"n": n}
    if name.startswith(STAGE_PREFIX):
        code = name[len(STAGE_PREFIX) :]
        return _("Stufe „%(stage)s“") % {"stage": stage_names.get(code, code)}
    if name.startswith(AGE_PREFIX):
        return _("Altersgruppe %(band)s") % {"band": name[len(AGE_PREFIX) :]}
    return name


def feature_label(name: str, stage_names: dict[str, str]) -> str:
    """The name of a model column for the model page."""
    labels = {
        "missed_appointments": _("versäumte Termine (letzte 90 Tage)"),
        "days_without_contact": _("Tage seit dem letzten Kontakt"),
        "interruptions": _("Unterbrechungen in der Stufe"),
        "interrupted_now": _("derzeit unterbrochen (ja = 1)"),
        "days_in_stage": _("Tage in der Stufe"),
    }
    if name in labels:
        return labels[name]
    if name.startswith(STAGE_PREFIX):
        code = name[len(STAGE_PREFIX) :]
        return _("Stufe „%(stage)s“") % {"stage": stage_names.get(code, code)}
    if name.startswith(AGE_PREFIX):
        return _("Altersgruppe %(band)s") % {"band": name[len(AGE_PREFIX) :]}
    return name
