"""Demo data of the employer register beyond the details (``demo.master``): a contact history
and vacancies.

* Support after a placement: for each employer, its latest internships and employment starts
  (at most three) get a follow-up contact of the participant's regional office two weeks later
  (topic „Begleitung nach Praktikums- oder Arbeitsbeginn“, naming the participation).
* The mentoring projects (Arbeitsmarktmentoren, seed 003: mentors also support employers)
  contact the employers of their region about places and funding.
* Vacancies: one per employer (a third of them filled, some withdrawn), occupation by sector.

Written through the services with the staff of the recording organisation, so the rules and the
audit are those of the web. Dates lie on or before the demo's last day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.organisations import employer_services as services
from stufenweg.organisations.employer_selectors import effective_placements
from stufenweg.organisations.models import EmployerProfile, Organisation

PLACEMENTS_PER_EMPLOYER = 3
# WZ section -> (vacancy title, KldB 2010 code, weekly hours)
VACANCY_BY_SECTOR = {
    "Q": ("Pflegefachkraft (m/w/d)", "82102", 35),
    "H": ("Lagerhelfer/in", "51301", 40),
    "F": ("Maurer/in", "32112", 40),
    "C": ("Produktionshelfer/in", "29201", 38),
    "I": ("Servicekraft Restaurant", "63301", 30),
    "P": ("Erzieher/in", "83112", 32),
    "G": ("Verkäufer/in", "62102", 30),
    "N": ("Reinigungskraft", "54101", 25),
    "A": ("Erntehelfer/in", "11101", 40),
}
DEFAULT_VACANCY = ("Helfer/in im Betrieb", "51301", 30)
NOTES = (
    "Rückmeldung zum Einsatz eingeholt; Betrieb zufrieden.",
    "Fragen zur Einarbeitung besprochen, nächster Kontakt in vier Wochen.",
    "Betrieb bittet um Unterstützung beim Antrag auf Eingliederungszuschuss.",
)


def _last_day(ctx) -> dt.date:
    return min(timezone.localdate(), ctx.end)


def _writer(ctx, org: Organisation):
    names = ctx.staff.get(org.code) or []
    return ctx.users.get(names[0]) if names else None


def add_employer_contacts(ctx) -> None:
    rng = ctx.rng_for("employer-contacts")
    last = _last_day(ctx)
    employers = [o for o in ctx.organisations.values() if o.kind == Organisation.Kind.EMPLOYER]
    offices = {
        o.region_id: o for o in ctx.organisations.values() if o.kind == Organisation.Kind.REGIONAL_OFFICE
    }
    contacts = vacancies = 0
    for employer in employers:
        events = (
            effective_placements()
            .filter(employer=employer, occurred_on__lte=last - dt.timedelta(days=14))
            .select_related("participation")
            .order_by("-occurred_on", "-id")[:PLACEMENTS_PER_EMPLOYER]
        )
        for number, event in enumerate(events):
            office = offices.get(event.participation.region_id)
            by = _writer(ctx, office) if office else None
            if by is None:
                continue
            services.employer_contact_record(
                employer=employer,
                occurred_on=event.occurred_on + dt.timedelta(days=14),
                kind=("phone", "visit")[number % 2],
                topic="support",
                participation=event.participation,
                notes=NOTES[rng.randrange(len(NOTES))],
                organisation=office,
                by=by,
            )
            contacts += 1
    for project in (o for o in ctx.organisations.values() if o.kind == Organisation.Kind.MENTORING_PROJECT):
        by = _writer(ctx, project)
        programme = ctx.programmes.get("AMM")
        if by is None:
            continue
        for employer in (e for e in employers if e.region_id == project.region_id):
            for _ in range(rng.randint(1, 2)):
                services.employer_contact_record(
                    employer=employer,
                    occurred_on=last - dt.timedelta(days=rng.randint(5, 300)),
                    kind=rng.choice(("visit", "phone", "email", "event")),
                    topic=rng.choice(("acquisition", "funding", "placement")),
                    programme=programme,
                    notes="Ausbildungs- und Arbeitsplätze für Mentees besprochen.",
                    organisation=project,
                    by=by,
                )
                contacts += 1
    sectors = dict(
        EmployerProfile.objects.filter(organisation__in=employers).values_list("organisation_id", "sector")
    )
    for number, employer in enumerate(employers):
        office = offices.get(employer.region_id)
        by = _writer(ctx, office) if office else None
        if by is None:
            continue
        title, occupation, hours = VACANCY_BY_SECTOR.get(sectors.get(employer.pk, ""), DEFAULT_VACANCY)
        published = last - dt.timedelta(days=rng.randint(20, 200))
        status = ("open", "open", "filled", "open", "withdrawn", "filled")[number % 6]
        services.vacancy_create(
            employer=employer,
            title=title,
            occupation=occupation,
            hours=hours,
            starts_on=published + dt.timedelta(days=rng.randint(20, 60)),
            places=rng.randint(1, 3),
            status=status,
            published_on=published,
            closed_on=None
            if status == "open"
            else min(last, published + dt.timedelta(days=rng.randint(10, 40))),
            organisation=office,
            by=by,
        )
        vacancies += 1
    ctx.stats["employer_contacts"] = contacts
    ctx.stats["vacancies"] = vacancies
    ctx.say(f"Arbeitgeber: {contacts} Kontakte, {vacancies} Stellen")
