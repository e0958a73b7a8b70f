"""Participant list benchmark: 100k participants on PostgreSQL, list view timed in process.

    .venv/bin/python bench/participant_list_bench.py
    .venv/bin/python bench/participant_list_bench.py --participants 100000 \\
        --postgres-url postgres://postgres@127.0.0.1:5432/sw_case_bench --requests 30

Generates (bulk inserts, plausible but not rule-checked) regions, organisations, one programme
with three stages, measures, caseworkers, persons with German names (umlauts included), one
participation each with its projection fields, three to five journey events, an enrolment for
those in a stage, contacts, appointments and the search index. Then it times the participant
list view (``casework:participant_list``) through Django's test client, for several users and
filter/search combinations: median and 90th percentile over ``--requests`` requests after two
warm-up requests. The view's own work is measured in full: the scoped queryset, the count, the
page of 25 with next appointment and last contact, the filter choices, the template and the
bulk read-audit insert. ``--keep`` reuses the data of an earlier run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
        "Köhler", "Weiß", "Jäger", "Böhm", "Günther", "Öztürk", "Yılmaz", "Kowalski", "Nowak", "Haddad"]  # fmt: skip
FIRST = ["Jürgen", "Anna", "Jörg", "Lena", "Uwe", "Käthe", "Björn", "Sören", "Maria", "Thomas", "Ayşe", "Mehmet",
         "Olga", "Peter", "Sabine", "Günter", "Heike", "Kevin", "Mandy", "René", "Zoë", "Ines", "Paul", "Hannah"]  # fmt: skip


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stufenweg.config.settings.test")
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n: int, seed: int = 11) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from stufenweg.casework.models import Appointment, Contact
    from stufenweg.casework.services import search_index_update
    from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
    from stufenweg.organisations.models import Membership, Organisation, Region, User
    from stufenweg.people.models import Person
    from stufenweg.programmes.models import CaseloadRatio, Measure, Programme, Stage

    rng = random.Random(seed)
    today = timezone.localdate()
    started = time.monotonic()
    K = Organisation.Kind
    regions = [Region.objects.create(code=f"R{i:02d}", name=f"Region {i:02d}") for i in range(1, 9)]
    regie = Organisation.objects.create(code="REGIE", name="Regiestelle", kind=K.COORDINATION_OFFICE)
    offices = {r.pk: Organisation.objects.create(code=f"RB-{r.code}", name=f"Regionalbüro {r.code}",
                                                  kind=K.REGIONAL_OFFICE, region=r) for r in regions}  # fmt: skip
    jobcenters = [Organisation.objects.create(code=f"JC-{r.code}", name=f"Jobcenter {r.code}", kind=K.JOBCENTER,
                                              region=r) for r in regions]  # fmt: skip
    programme = Programme.objects.create(code="JPS", name="JobPerspektive (Bench)")
    CaseloadRatio.objects.create(programme=programme, valid_from=dt.date(2020, 1, 1), ratio=50)
    stages = [Stage.objects.create(programme=programme, code=c, name=f"Stufe {c}", position=i + 1, max_months=24)
              for i, c in enumerate(["S2", "S3", "S4"])]  # fmt: skip
    measures = []
    by_region_stage = {}
    for r in regions:
        provider = Organisation.objects.create(
            code=f"BDL-{r.code}", name=f"Träger {r.code}", kind=K.PROVIDER, region=r
        )
        for stage in stages:
            m = Measure.objects.create(code=f"M-{r.code}-{stage.code}", name=f"Maßnahme {stage.code}",
                                       programme=programme, provider=provider, region=r, places=5000,
                                       start=dt.date(2015, 1, 1))  # fmt: skip
            m.stages.set([stage])
            measures.append(m)
            by_region_stage[(r.pk, stage.pk)] = m
    password = make_password("Bench-Passwort-2026")
    User.objects.create(username="bench.regie", password=password)
    Membership.objects.create(user=User.objects.get(username="bench.regie"), organisation=regie)
    caseworkers: dict[int, list] = {}
    for r in regions:
        caseworkers[r.pk] = []
        for i in range(5):
            user = User.objects.create(username=f"bench.{r.code}.{i}", first_name="Fach", last_name=f"Kraft {r.code}/{i}",
                                       password=password)  # fmt: skip
            Membership.objects.create(user=user, organisation=offices[r.pk])
            caseworkers[r.pk].append(user)

    persons = [
        Person(person_id=f"B-{i:06d}", last_name=rng.choice(LAST), first_name=rng.choice(FIRST),
               birth_date=dt.date(1965, 1, 1) + dt.timedelta(days=rng.randint(0, 12000)), gender=rng.choice("fmdx"))
        for i in range(n)
    ]  # fmt: skip
    Person.objects.bulk_create(persons, batch_size=5000)
    search_index_update(persons=persons)
    print(f"  {n} Personen + Suchindex: {time.monotonic() - started:.1f} s", flush=True)

    states = (
        ["in_stage"] * 40 + ["exited"] * 20 + ["followed_up"] * 15 + ["waiting"] * 8 + ["in_assessment"] * 7
    )
    states += ["referred"] * 4 + ["interrupted"] * 3 + ["not_suitable"] * 3
    participations = []
    for person in persons:
        region = rng.choice(regions)
        state = rng.choice(states)
        start = today - dt.timedelta(days=rng.randint(30, 1500))
        stage = rng.choice(stages) if state in ("in_stage", "interrupted") else None
        measure = by_region_stage[(region.pk, stage.pk)] if stage else None
        participations.append(Participation(
            person=person, programme=programme, region=region, state=state, caseworker=rng.choice(caseworkers[region.pk]),
            state_since=start + dt.timedelta(days=rng.randint(0, 25)), current_stage=stage, current_measure=measure,
            waiting_stage=rng.choice(stages) if state == "waiting" else None,
            planned_end=start + dt.timedelta(days=rng.randint(200, 700)) if stage else None,
            last_event_on=start + dt.timedelta(days=25),
        ))  # fmt: skip
    Participation.objects.bulk_create(participations, batch_size=5000)
    print(f"  Teilnahmen: {time.monotonic() - started:.1f} s", flush=True)

    events, enrol_entries, contacts, appointments = [], [], [], []
    now = timezone.now()
    for p in participations:
        region = p.region
        jc = jobcenters[regions.index(region)]
        start = p.state_since - dt.timedelta(days=25)
        events.append(
            JourneyEvent(
                participation=p,
                kind="referral",
                occurred_on=start,
                recorded_at=now,
                region=region,
                referrer=jc,
            )
        )
        events.append(
            JourneyEvent(
                participation=p,
                kind="assessment_start",
                occurred_on=start + dt.timedelta(days=7),
                recorded_at=now,
            )
        )
        if p.current_stage_id:
            entry = JourneyEvent(participation=p, kind="entry", occurred_on=p.state_since, recorded_at=now,
                                 measure=p.current_measure, stage=p.current_stage, planned_end=p.planned_end,
                                 employment_status="unemployed", benefit="sgb2")  # fmt: skip
            events.append(entry)
            enrol_entries.append((p, entry))
        for _ in range(rng.randint(0, 3)):
            contacts.append(Contact(participation=p, kind=rng.choice(["phone", "quarterly_review", "profiling"]),
                                    occurred_on=start + dt.timedelta(days=rng.randint(0, max(1, (today - start).days)))))  # fmt: skip
        if p.state in ("in_stage", "waiting", "in_assessment") and rng.random() < 0.4:
            appointments.append(Appointment(participation=p, kind="phone",
                                            starts_at=now + dt.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8))))  # fmt: skip
    JourneyEvent.objects.bulk_create(events, batch_size=5000)
    Enrolment.objects.bulk_create(
        [Enrolment(participation=p, entry_event=e, measure_id=e.measure_id, stage_id=e.stage_id,
                   entered_on=e.occurred_on, planned_end=e.planned_end) for p, e in enrol_entries],
        batch_size=5000,
    )  # fmt: skip
    Contact.objects.bulk_create(contacts, batch_size=5000)
    Appointment.objects.bulk_create(appointments, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  {len(events)} Ereignisse, {len(contacts)} Kontakte, {len(appointments)} Termine: "
          f"{time.monotonic() - started:.1f} s", flush=True)  # fmt: skip


def time_requests(username: str, params: dict, requests: int) -> tuple[float, float, int]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from stufenweg.casework.forms import ListFilterForm
    from stufenweg.casework.selectors import participant_list
    from stufenweg.organisations.models import Region, User
    from stufenweg.programmes.models import Measure, Programme

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(username=username))
    url = reverse("casework:participant_list")
    for _ in range(2):
        client.get(url, params)
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    user = User.objects.get(username=username)
    form = ListFilterForm(
        {k: str(v) for k, v in params.items()} or None,
        programmes=Programme.objects.all(),
        regions=Region.objects.all(),
        measures=Measure.objects.all(),
        caseworkers=User.objects.all(),
    )
    total = participant_list(user, form.filters()).count()
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/sw_case_bench")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="Daten eines früheren Laufs wiederverwenden")
    args = parser.parse_args()
    setup(args.postgres_url)
    from stufenweg.journeys.models import Participation

    existing = Participation.objects.count()
    if not (args.keep and existing):
        if existing:
            sys.exit("Die Datenbank enthält schon Daten: --keep angeben oder eine leere Datenbank nennen.")
        print(f"Erzeuge {args.participants} Teilnahmen …", flush=True)
        generate(args.participants)
    from stufenweg.organisations.models import Region, User

    region = Region.objects.get(code="R03").pk
    stage = (
        Participation.objects.exclude(current_stage=None).values_list("current_stage_id", flat=True).first()
    )
    caseworker = User.objects.get(username="bench.R03.2").pk
    User.objects.get_or_create(username="bench.aussen")  # no organisation: an empty list
    cases = [
        ("Basislinie: leere Liste (ohne Organisation)", "bench.aussen", {}),
        ("Regiestelle, Standardliste (laufende, nach Name)", "bench.regie", {}),
        ("Regiestelle, alle Status", "bench.regie", {"status": ""}),
        ("Regiestelle, Region + Stufe + in Stufe", "bench.regie", {"region": region, "stage": stage, "status": "in_stage"}),
        ("Regiestelle, Suche „mueller“", "bench.regie", {"q": "mueller"}),
        ("Regiestelle, Suche „Jörg Weiss“", "bench.regie", {"q": "Jörg Weiss", "status": ""}),
        ("Regiestelle, Suche Personen-ID", "bench.regie", {"q": "B-012345", "status": ""}),
        ("Regiestelle, Seite 200", "bench.regie", {"page": 200}),
        ("Regiestelle, Fallverantwortliche/r", "bench.regie", {"caseworker": caseworker}),
        ("Regiestelle, Warteliste", "bench.regie", {"waiting": "on", "status": ""}),
        ("Regionalbüro R03, Standardliste", "bench.R03.0", {}),
        ("Regionalbüro R03, Suche „schröder“", "bench.R03.0", {"q": "schröder"}),
        ("Regionalbüro R03, Quartalsgespräch überfällig", "bench.R03.0", {"overdue": "on"}),
        ("Regiestelle, sortiert nach letztem Kontakt", "bench.regie", {"sort": "last_contact"}),
    ]  # fmt: skip
    print(
        f"\n{Participation.objects.count()} Teilnahmen; je Fall {args.requests} Anfragen nach 2 Aufwärmanfragen\n"
    )
    print(f"{'Fall':52} {'Treffer':>8} {'Median ms':>10} {'p90 ms':>8}")
    medians = []
    for label, username, params in cases:
        median, p90, total = time_requests(username, params, args.requests)
        medians.append(median)
        print(f"{label:52} {total:>8} {median:>10.1f} {p90:>8.1f}", flush=True)
    print(
        f"\nMedian über alle Fälle: {statistics.median(medians):.1f} ms; schlechtester Fall: {max(medians):.1f} ms"
    )


if __name__ == "__main__":
    main()
