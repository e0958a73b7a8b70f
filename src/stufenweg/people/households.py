"""The household page (Bedarfsgemeinschaft): members as far as the viewer sees them, their
journeys and employment spells, the benefit months over time with the outcome per month, and the
recording of a benefit month (docs/casework.md, „Bedarfsgemeinschaften“; the outcome rule:
docs/indicators.md, „Leistungsbezug der Bedarfsgemeinschaft“).

Visibility: ``people.selectors.households_visible_to`` (a member's participation in the scope).
Writing a benefit month: ``may_record_months`` — the coordination office and the writing members
of the organisations that see a member's participation (``households_writable_by``); checked in
``month_record`` itself, so that web, API and import behave alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stufenweg.casework.search import name_order
from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.people.models import Household, HouseholdMonth, Person
from stufenweg.people.selectors import households_visible_to, households_writable_by, persons_visible_to

ENDED = "ended"
REDUCED = "reduced"
UNCHANGED = "unchanged"
# one source for the outcome labels (page, chart legend, docs)
OUTCOME_LABELS = {
    ENDED: gettext_lazy("Leistungsbezug beendet"),
    REDUCED: gettext_lazy("Leistungsbezug verringert"),
    UNCHANGED: gettext_lazy("nicht verringert"),
}


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


# --- selectors --------------------------------------------------------------------------------


def household_for(user, pk: int) -> Household:
    """The household ``pk`` if ``user`` sees it; ``Household.DoesNotExist`` otherwise."""
    return households_visible_to(user).get(pk=pk)


def may_record_months(user, household: Household) -> bool:
    return households_writable_by(user).filter(pk=household.pk).exists()


def _effective(events: list[JourneyEvent]) -> list[JourneyEvent]:
    """Events neither superseded (corrected or voided) nor voids themselves, in journey order."""
    replaced = {e.supersedes_id for e in events if e.supersedes_id}
    return [e for e in events if e.pk not in replaced and e.kind != EventKind.VOID]


@dataclass
class Spell:
    start: dt.date
    kind: str  # label of the employment kind
    end: dt.date | None = None
    employer: str = ""


@dataclass
class Journey:
    participation: Participation
    entry: dt.date | None
    spells: list[Spell] = field(default_factory=list)


@dataclass
class Member:
    person: Person
    journeys: list[Journey]


def journey_of(participation: Participation) -> Journey:
    events = _effective(
        list(participation.events.select_related("employer").order_by("occurred_on", "recorded_at", "id"))
    )
    entries = [e.occurred_on for e in events if e.kind == EventKind.ENTRY]
    journey = Journey(participation, min(entries) if entries else None)
    for event in events:
        if event.kind == EventKind.EMPLOYMENT_START:
            journey.spells.append(
                Spell(
                    start=event.occurred_on,
                    kind=event.get_employment_kind_display(),
                    end=event.end_date,
                    employer=event.employer.name if event.employer_id else "",
                )
            )
        elif event.kind == EventKind.EMPLOYMENT_END:
            open_spells = [s for s in journey.spells if s.end is None or s.end > event.occurred_on]
            if open_spells:
                open_spells[-1].end = event.occurred_on
    return journey


def members_seen_by(user, household: Household) -> tuple[list[Member], int]:
    """The members ``user`` sees, each with the participations ``user`` sees; and how many other
    members there are (counted, never named)."""
    persons = list(
        persons_visible_to(user).filter(household=household).order_by("household_role", *name_order(), "pk")
    )
    total = Person.objects.filter(household=household).count()
    visible = participations_visible_to(user)
    members = [
        Member(
            person,
            [
                journey_of(p)
                for p in visible.filter(person=person).select_related("programme", "current_stage")
            ],
        )
        for person in persons
    ]
    return members, total - len(persons)


def first_entry(household: Household) -> dt.date | None:
    """The earliest effective entry of any member of the household (all members, seen or not: the
    outcome is a fact of the household, the same for every viewer; the page shows only the month
    before it, never whose entry it was)."""
    entries = []
    for participation in Participation.objects.filter(person__household=household):
        events = _effective(list(participation.events.filter(kind__in=[EventKind.ENTRY, EventKind.VOID])))
        entries += [e.occurred_on for e in events if e.kind == EventKind.ENTRY]
    return min(entries) if entries else None


def data_month(today: dt.date | None = None) -> dt.date | None:
    """The month up to which benefit data is held: the latest month recorded for any household,
    never after the current month."""
    latest = HouseholdMonth.objects.aggregate(m=Max("month"))["m"]
    if latest is None:
        return None
    return min(latest, month_start(today or timezone.localdate()))


@dataclass(frozen=True)
class BenefitMonth:
    month: dt.date
    recorded: bool  # a row exists; without one the household received no benefit that month
    members: int | None
    llu: Decimal
    kdu: Decimal
    outcome: str | None  # ENDED, REDUCED, UNCHANGED or None (on or before the comparison month)

    @property
    def total(self) -> Decimal:
        return self.llu + self.kdu

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome]) if self.outcome else ""


@dataclass(frozen=True)
class Benefits:
    months: list[BenefitMonth]
    baseline_month: dt.date | None  # the month before the first entry of a member
    baseline_total: Decimal | None  # LLU + KdU then; None when no benefit was paid that month

    def count(self, outcome: str) -> int:
        return sum(1 for m in self.months if m.outcome == outcome)


def classify(total: Decimal, baseline: Decimal) -> str:
    """The outcome of one month against the comparison month (docs/indicators.md)."""
    if total <= 0:
        return ENDED
    if total < baseline:
        return REDUCED
    return UNCHANGED


def benefits_of(household: Household, *, today: dt.date | None = None) -> Benefits:
    """Every month from the first recorded month to the data month (``data_month``), a month
    without a row being a month without benefit; the outcome of each month after the comparison
    month (the month before the first member's entry), when a benefit was paid in that month."""
    rows = {r.month: r for r in HouseholdMonth.objects.filter(household=household).order_by("month")}
    entry = first_entry(household)
    baseline_month = add_months(month_start(entry), -1) if entry else None
    baseline_row = rows.get(baseline_month) if baseline_month else None
    baseline_total = baseline_row.llu + baseline_row.kdu if baseline_row else None
    if baseline_total is not None and baseline_total <= 0:
        baseline_total = None
    if not rows:
        return Benefits([], baseline_month, baseline_total)
    first = min(rows)
    last = max(max(rows), data_month(today) or first)
    months = []
    month = first
    while month <= last:
        row = rows.get(month)
        llu = row.llu if row else Decimal("0.00")
        kdu = row.kdu if row else Decimal("0.00")
        outcome = None
        if baseline_total is not None and month > baseline_month:
            outcome = classify(llu + kdu, baseline_total)
        months.append(BenefitMonth(month, row is not None, row.members if row else None, llu, kdu, outcome))
        month = add_months(month, 1)
    return Benefits(months, baseline_month, baseline_total)


def rows_of(household: Household) -> QuerySet[HouseholdMonth]:
    return HouseholdMonth.objects.filter(household=household).order_by("month")


# --- service ----------------------------------------------------------------------------------


@transaction.atomic
def month_record(
    *, household: Household, month: dt.date, members: int, llu: Decimal, kdu: Decimal, by
) -> HouseholdMonth:
    """Record the benefits of ``household`` in ``month`` (one row per month: an existing row is
    replaced). ``by=None`` is the system (command line, demo). Raises ``PermissionDenied`` when
    ``by`` may not record for the household, ``ValidationError`` (nothing written) on a bad value."""
    if by is not None and not may_record_months(by, household):
        raise PermissionDenied(_("Sie können für diese Bedarfsgemeinschaft keine Leistungsmonate erfassen."))
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if month.day != 1:
        month = month_start(month)
    if month > month_start(today):
        errors.setdefault("month", []).append(_("Der Monat darf nicht in der Zukunft liegen."))
    if members is None or members < 1:
        errors.setdefault("members", []).append(_("Die Bedarfsgemeinschaft hat mindestens eine Person."))
    for name, value in (("llu", llu), ("kdu", kdu)):
        if value is None or value < 0:
            errors.setdefault(name, []).append(_("Der Betrag darf nicht negativ sein."))
    if errors:
        raise ValidationError(errors)
    row = HouseholdMonth.objects.select_for_update().filter(household=household, month=month).first()
    before = snapshot(row, ["members", "llu", "kdu"]) if row else None
    if row is None:
        row = HouseholdMonth(household=household, month=month)
    row.members, row.llu, row.kdu = members, llu, kdu
    row.full_clean()
    row.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        object_type="people.householdmonth",
        object_id=str(row.pk),
        summary=f"Leistungsmonat {month:%Y-%m} der Bedarfsgemeinschaft {household.pk}",
        before=before,
        after=snapshot(row, ["members", "llu", "kdu"]),
    )
    return row


# --- chart ------------------------------------------------------------------------------------


def chart_png(benefits: Benefits, *, dpi: int = 110) -> bytes:
    """Stacked bars LLU + KdU per month (``indicators.charts.month_chart_png``), the comparison
    month marked. The page's table is the accessible equivalent."""
    from stufenweg.indicators import charts

    months = [m.month for m in benefits.months]

    def draw(ax, x):
        llu = [float(m.llu) for m in benefits.months]
        kdu = [float(m.kdu) for m in benefits.months]
        ax.bar(x, llu, color=charts.PALETTE[0], label=_("Regelbedarf (LLU)"))
        ax.bar(x, kdu, bottom=llu, color=charts.PALETTE[1], label=_("Unterkunft und Heizung (KdU)"))
        if benefits.baseline_month and benefits.baseline_month in months:
            ax.axvline(months.index(benefits.baseline_month) + 0.5, color="#555555", linestyle="--")

    return charts.month_chart_png(
        title=_("Leistungen je Monat (EUR)"),
        months=months,
        empty=_("Keine Leistungsmonate erfasst."),
        draw=draw,
        dpi=dpi,
    )
