"""Demo step: casework around the demo journeys (contacts, needs assessments, support plans,
appointments) and the search index. Synthetic, reproducible (``ctx.rng_for("casework")``).

Bulk inserts keep the demo fast; one audit row per participation records that the demo loader
created its casework. Upcoming appointments are placed after the later of the demo's end and
the day of loading, so the list shows "next appointment" whenever the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Max, Min, Q
from django.utils import timezone

from stufenweg.casework.models import (
    Appointment,
    Contact,
    ContactKind,
    Goal,
    KeyArea,
    NeedsAssessment,
    PlanAction,
    SupportPlan,
)
from stufenweg.casework.services import search_index_rebuild
from stufenweg.core.models import AuditEntry
from stufenweg.core.time import add_months
from stufenweg.journeys.codes import EventKind, State
from stufenweg.journeys.models import JourneyEvent, Participation

NOTES = {
    ContactKind.INITIAL_INTERVIEW: [
        "Erstgespräch: Erwartungen und Ablauf besprochen, Unterlagen mitgebracht.",
        "Erstgespräch: Interesse an Pflege und Lager, Führerschein Klasse B vorhanden.",
        "Erstgespräch: möchte wieder in den Einzelhandel, Kinderbetreuung ist geklärt.",
    ],
    ContactKind.PROFILING: [
        "Profiling: Stärken im Umgang mit Menschen, Lücken bei EDV-Grundkenntnissen.",
        "Profiling: handwerkliches Geschick, Deutsch B1, Bewerbungsunterlagen veraltet.",
        "Profiling: gute Zuverlässigkeit, Tagesstruktur noch nicht stabil.",
    ],
    ContactKind.QUARTERLY_REVIEW: [
        "Quartalsgespräch: Förderplan durchgesehen, Ziele angepasst.",
        "Quartalsgespräch: Anwesenheit gut, nächster Schritt Praktikumssuche.",
        "Quartalsgespräch: Motivation gestiegen, Bewerbungstraining abgeschlossen.",
    ],
    ContactKind.DEVELOPMENT_REPORT: ["Entwicklungsbericht an das Jobcenter übermittelt."],
    ContactKind.FINAL_INTERVIEW: [
        "Abschlussgespräch: Verlauf ausgewertet, Verbleib besprochen.",
        "Abschlussgespräch: Anschlussperspektive vereinbart.",
    ],
    ContactKind.PHONE: [
        "Telefonat: Termin verschoben, neuer Termin vereinbart.",
        "Telefonat: Rückfrage zu Fahrtkosten geklärt.",
        "Telefonat: krankgemeldet, Rückmeldung nächste Woche.",
    ],
    ContactKind.HOME_VISIT: ["Hausbesuch: Wohnsituation stabil, Unterstützung beim Antrag zugesagt."],
}
GOALS = {
    KeyArea.QUALIFICATION: [("Berufsabschluss vorbereiten", ["Anmeldung zum Kurs", "Prüfungsvorbereitung"])],
    KeyArea.CAPABILITY: [("Tagesstruktur festigen", ["Pünktlich zu allen Terminen", "Wochenplan führen"])],
    KeyArea.MOTIVATION: [
        ("Bewerbungen schreiben", ["Lebenslauf aktualisieren", "Fünf Bewerbungen im Monat"])
    ],
    KeyArea.FRAMEWORK: [("Kinderbetreuung sichern", ["Kita-Platz beantragen", "Notfallbetreuung klären"])],
}
RESPONSIBLE = ["Teilnehmende/r", "Fallverantwortliche/r", "Träger", "Jobcenter"]
ACTIVE = {State.IN_ASSESSMENT, State.SUITABLE, State.WAITING, State.IN_STAGE, State.INTERRUPTED}


def add_casework(ctx) -> None:
    rng = ctx.rng_for("casework")
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    last_day = min(ctx.end, timezone.localdate())
    upcoming_from = max(ctx.end, timezone.localdate()) + dt.timedelta(days=1)
    ids = [p.pk for p in ctx.participations.values()]
    dates = {
        row["participation_id"]: row
        for row in JourneyEvent.objects.filter(participation_id__in=ids)
        .values("participation_id")
        .annotate(
            first=Min("occurred_on"),
            entry=Min("occurred_on", filter=Q(kind=EventKind.ENTRY)),
            exit=Max("occurred_on", filter=Q(kind=EventKind.EXIT)),
        )
        .order_by()
    }
    participations = list(
        Participation.objects.filter(pk__in=ids)
        .only("pk", "person_id", "state", "caseworker_id")
        .order_by("pk")
    )
    contacts, assessments, appointments, audits = [], [], [], []
    plans: list[tuple[SupportPlan, list[tuple[Goal, list[PlanAction]]]]] = []

    def contact(p, kind, on, staff):
        if on <= last_day:
            contacts.append(
                Contact(
                    participation_id=p.pk,
                    kind=kind,
                    occurred_on=on,
                    notes=rng.choice(NOTES[kind]),
                    staff_id=staff,
                )
            )

    for p in participations:
        d = dates.get(p.pk)
        if d is None or rng.random() < 0.1:  # some journeys have no casework recorded yet
            continue
        staff = p.caseworker_id
        start = d["first"]
        contact(p, ContactKind.INITIAL_INTERVIEW, start + dt.timedelta(days=rng.randint(0, 10)), staff)
        profiled = start + dt.timedelta(days=rng.randint(12, 30))
        contact(p, ContactKind.PROFILING, profiled, staff)
        if profiled <= last_day:
            for area in KeyArea.values:
                rating = rng.randint(1, 4)
                assessments.append(
                    NeedsAssessment(
                        participation_id=p.pk,
                        key_area=area,
                        assessed_on=profiled,
                        rating=rating,
                        staff_id=staff,
                    )
                )
        end = d["exit"] or last_day
        if d["entry"]:
            review = add_months(d["entry"], 3)
            while review <= end:
                if rng.random() < 0.85:  # now and then a review is missed: the worklist shows it
                    contact(
                        p, ContactKind.QUARTERLY_REVIEW, review + dt.timedelta(days=rng.randint(-7, 7)), staff
                    )
                    if rng.random() < 0.3:
                        area = rng.choice(KeyArea.values)
                        assessments.append(
                            NeedsAssessment(
                                participation_id=p.pk,
                                key_area=area,
                                assessed_on=min(review, last_day),
                                rating=rng.randint(2, 5),
                                notes="Einschätzung nach Quartalsgespräch angepasst.",
                                staff_id=staff,
                            )
                        )
                review = add_months(review, 3)
            if rng.random() < 0.5 and add_months(d["entry"], 6) <= end:
                contact(p, ContactKind.DEVELOPMENT_REPORT, add_months(d["entry"], 6), staff)
            goals = []
            for area in rng.sample(KeyArea.values, rng.randint(1, 3)):
                title, steps = GOALS[area][0]
                due = add_months(d["entry"], rng.randint(3, 12))
                goal = Goal(title=title, key_area=area, due_on=due)
                actions = [
                    PlanAction(
                        description=step,
                        responsible=rng.choice(RESPONSIBLE),
                        due_on=due - dt.timedelta(days=30 * (len(steps) - i)),
                        progress=rng.choice([0, 25, 50, 75, 100]),
                    )
                    for i, step in enumerate(steps)
                ]
                goals.append((goal, actions))
            plans.append(
                (SupportPlan(participation_id=p.pk, created_on=profiled, created_by_id=staff), goals)
            )
        for _ in range(rng.randint(0, 3)):
            contact(
                p,
                ContactKind.PHONE,
                profiled + dt.timedelta(days=rng.randint(3, max(4, (end - profiled).days))),
                staff,
            )
        if rng.random() < 0.05:
            contact(p, ContactKind.HOME_VISIT, start + dt.timedelta(days=rng.randint(20, 60)), staff)
        if d["exit"]:
            contact(p, ContactKind.FINAL_INTERVIEW, d["exit"], staff)
        if p.state in ACTIVE and rng.random() < 0.7:
            day = upcoming_from + dt.timedelta(days=rng.randint(0, 40))
            appointments.append(
                Appointment(
                    participation_id=p.pk,
                    starts_at=dt.datetime.combine(
                        day, dt.time(rng.choice([9, 10, 11, 13, 14]), 0), tzinfo=tz
                    ),
                    kind=rng.choice([ContactKind.QUARTERLY_REVIEW, ContactKind.PHONE, ContactKind.PROFILING]),
                    place=rng.choice(["Regionalbüro", "Bildungsträger", "telefonisch"]),
                    staff_id=staff,
                )
            )
        audits.append(
            AuditEntry(
                actor_label="system",
                action=AuditEntry.Action.CREATE,
                object_type="journeys.participation",
                object_id=str(p.pk),
                person_id=p.person_id,
                summary="Fallarbeit angelegt (Demodaten)",
            )
        )

    Contact.objects.bulk_create(contacts, batch_size=2000)
    NeedsAssessment.objects.bulk_create(assessments, batch_size=2000)
    Appointment.objects.bulk_create(appointments, batch_size=2000)
    SupportPlan.objects.bulk_create([plan for plan, _goals in plans], batch_size=2000)
    goal_rows = []
    for plan, goals in plans:
        for goal, _actions in goals:
            goal.plan_id = plan.pk
            goal_rows.append(goal)
    Goal.objects.bulk_create(goal_rows, batch_size=2000)
    action_rows = []
    for _plan, goals in plans:
        for goal, actions in goals:
            for action in actions:
                action.goal_id = goal.pk
                # a finished step is done on its due day, or by today when that is still ahead
                action.done_on = min(action.due_on, last_day) if action.progress == 100 else None
                action_rows.append(action)
    PlanAction.objects.bulk_create(action_rows, batch_size=2000)
    AuditEntry.objects.bulk_create(audits, batch_size=2000)
    indexed = search_index_rebuild()
    ctx.stats["casework_contacts"] = len(contacts)
    ctx.say(
        f"Fallarbeit: {len(contacts)} Kontakte, {len(assessments)} Einschätzungen, {len(plans)} Förderpläne, "
        f"{len(appointments)} Termine; Suchindex {indexed} Personen"
    )
