"""Reads of the employer contact history, vacancies, internships and placements, and the figure
„Arbeitgeber unterstützt“ (docs/indicators.md ``emp.supported`` and ``emp.hosting``).

Participants appear only within the viewer's scope (``journeys.selectors.events_visible_to`` and
``participations_visible_to``); counts of employers hold no personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.authority import reads_employers
from stufenweg.organisations.models import EmployerContact, Organisation, Region, Vacancy

PLACEMENT_KINDS = (EventKind.INTERNSHIP, EventKind.EMPLOYMENT_START)
PLACEMENT_LIST_LIMIT = 50


def contacts_visible_to(user) -> QuerySet[EmployerContact]:
    """The contact history for readers of the employer register; none for anyone else."""
    if not reads_employers(user):
        return EmployerContact.objects.none()
    return EmployerContact.objects.select_related("employer", "organisation", "programme", "staff")


def vacancies_visible_to(user) -> QuerySet[Vacancy]:
    if not reads_employers(user):
        return Vacancy.objects.none()
    return Vacancy.objects.select_related("employer", "organisation")


def contacts_of(employer: Organisation, user) -> list[EmployerContact]:
    """The employer's contacts, latest first. ``contact.participant`` is the person of the
    contact's participation when ``user`` sees it, else ``None`` (the id stays hidden)."""
    from stufenweg.journeys.selectors import participations_visible_to

    contacts = list(contacts_visible_to(user).filter(employer=employer).order_by("-occurred_on", "-id"))
    ids = {c.participation_id for c in contacts if c.participation_id}
    visible = {}
    if ids:
        visible = {
            p.pk: p
            for p in participations_visible_to(user).filter(pk__in=ids).select_related("person", "programme")
        }
    for contact in contacts:
        participation = visible.get(contact.participation_id)
        contact.visible_participation = participation
        contact.participant = participation.person if participation else None
    return contacts


def effective_placements() -> QuerySet[JourneyEvent]:
    """Internship and employment-start events that are in force (not voided, not superseded)."""
    superseded = JourneyEvent.objects.filter(supersedes_id=OuterRef("pk"))
    return JourneyEvent.objects.filter(kind__in=PLACEMENT_KINDS, employer__isnull=False).exclude(
        Exists(superseded)
    )


@dataclass
class Placements:
    internships: int = 0
    first_labour_market: int = 0
    employment_starts: int = 0
    events: list[JourneyEvent] = field(default_factory=list)  # the latest, at most the limit
    total: int = 0


def placements_of(employer: Organisation, user) -> Placements:
    """Internships and employment starts naming ``employer`` within ``user``'s scope: counts and
    the latest ``PLACEMENT_LIST_LIMIT`` events. 2 queries."""
    from stufenweg.core.visibility import scope_of
    from stufenweg.journeys.selectors import participations_visible_to

    rows = effective_placements().filter(employer=employer)
    if not scope_of(user).everything:
        rows = rows.filter(participation__in=participations_visible_to(user).values("pk"))
    counts = rows.aggregate(
        internships=Count("pk", filter=Q(kind=EventKind.INTERNSHIP)),
        first=Count("pk", filter=Q(kind=EventKind.INTERNSHIP, first_labour_market=True)),
        starts=Count("pk", filter=Q(kind=EventKind.EMPLOYMENT_START)),
    )
    events = list(
        rows.select_related("participation__person", "participation__programme").order_by(
            "-occurred_on", "-recorded_at", "-id"
        )[:PLACEMENT_LIST_LIMIT]
    )
    return Placements(
        internships=counts["internships"],
        first_labour_market=counts["first"],
        employment_starts=counts["starts"],
        events=events,
        total=counts["internships"] + counts["starts"],
    )


# --- „Arbeitgeber unterstützt“ ---------------------------------------------------------------------


@dataclass
class SupportRow:
    programme: object  # Programme or None (contacts without a programme)
    region: Region | None
    supported: int = 0  # emp.supported: distinct employers with a contact in the period
    hosting: int = 0  # emp.hosting: distinct employers with an internship or employment start


@dataclass
class SupportFigures:
    date_from: dt.date
    date_to: dt.date
    rows: list[SupportRow]
    supported: int  # the total: distinct employers over all groups
    hosting: int


def support_figures(user, *, date_from: dt.date, date_to: dt.date) -> SupportFigures:
    """``emp.supported`` and ``emp.hosting`` in ``[date_from, date_to]`` per programme and region,
    and their totals (distinct employers over all groups, so the rows may add up to more). 4
    queries and 2 for the names; none for a user outside the register."""
    from stufenweg.programmes.models import Programme

    if not reads_employers(user):
        return SupportFigures(date_from, date_to, [], 0, 0)
    contacts = EmployerContact.objects.filter(occurred_on__range=(date_from, date_to))
    events = effective_placements().filter(occurred_on__range=(date_from, date_to))
    events = events.annotate(group_region=Coalesce("region_id", "participation__region_id"))
    groups: dict[tuple, SupportRow] = {}
    for row in (
        contacts.values("programme_id", "organisation__region_id")
        .annotate(n=Count("employer_id", distinct=True))
        .order_by()
    ):
        key = (row["programme_id"], row["organisation__region_id"])
        groups.setdefault(key, SupportRow(*key)).supported = row["n"]
    for row in (
        events.values("participation__programme_id", "group_region")
        .annotate(n=Count("employer_id", distinct=True))
        .order_by()
    ):
        key = (row["participation__programme_id"], row["group_region"])
        groups.setdefault(key, SupportRow(*key)).hosting = row["n"]
    programmes = Programme.objects.in_bulk({k[0] for k in groups if k[0]})
    regions = Region.objects.in_bulk({k[1] for k in groups if k[1]})
    rows = []
    for (programme_id, region_id), row in groups.items():
        row.programme, row.region = programmes.get(programme_id), regions.get(region_id)
        rows.append(row)
    rows.sort(
        key=lambda r: (r.programme is None, getattr(r.programme, "code", ""), getattr(r.region, "name", "~"))
    )
    return SupportFigures(
        date_from,
        date_to,
        rows,
        supported=contacts.aggregate(n=Count("employer_id", distinct=True))["n"],
        hosting=events.aggregate(n=Count("employer_id", distinct=True))["n"],
    )
