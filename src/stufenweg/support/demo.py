"""Demo step: support services, barriers, phases and profile categories for a few current
participants of each programme (the first ones in a measure, so that the demo personas find them
on the participant pages). Written through the services (``by=None``: the loader), reproducible
(``ctx.rng_for("support")``); the services and courses are those of the Jobcenter Nordsachsen's
programme (seed 001): § 16a counselling, integration course, BSK and Job-BSK, recognition."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Participation
from stufenweg.support import services
from stufenweg.support.codes import BarrierKind, ProfileCategory, ServiceKind
from stufenweg.support.models import SupportPhase

PER_PROGRAMME = 6
PROVIDERS = {
    ServiceKind.DEBT: "Schuldner- und Insolvenzberatung Delitzsch",
    ServiceKind.ADDICTION: "Suchtberatungsstelle Torgau",
    ServiceKind.PSYCHOSOCIAL: "Psychosoziale Kontaktstelle Eilenburg",
    ServiceKind.CHILDCARE: "Jugendamt Landkreis Nordsachsen",
    ServiceKind.INTEGRATION_COURSE: "VHS Nordsachsen",
    ServiceKind.BSK: "Sprachkursträger Leipzig",
    ServiceKind.JOB_BSK: "Sprachkursträger Leipzig (am Arbeitsplatz)",
    ServiceKind.RECOGNITION: "IQ-Netzwerk Sachsen",
    ServiceKind.HEALTH: "Gesundheitsorientierte Beratung des Jobcenters (GKV-Bündnis)",
}
# how far each demo referral has come: the statuses after „geplant“, each a few weeks apart
PATHS = (
    ("referred", "started", "ended"),
    ("referred", "started"),
    ("referred",),
    (),
    ("referred", "declined"),
)


def add_support(ctx) -> None:
    rng = ctx.rng_for("support")
    today = timezone.localdate()
    kinds, barriers, categories = (
        list(ServiceKind.values),
        list(BarrierKind.values),
        list(ProfileCategory.values),
    )
    for programme in ctx.programmes.values():
        chosen = list(
            Participation.objects.filter(programme=programme, state=State.IN_STAGE)
            .select_related("person", "programme")
            .order_by("pk")[:PER_PROGRAMME]
        )
        if chosen:
            services.phases_ensure(programme)
            phases = SupportPhase.objects.filter(programme=programme, active=True).count()
        for p in chosen:
            start = today - dt.timedelta(days=rng.randint(120, 240))
            for kind in rng.sample(kinds, 2):
                referral = services.service_referral_plan(
                    participation=p, kind=kind, on=start, provider=PROVIDERS[kind], by=None
                )
                on = start
                for status in rng.choice(PATHS):
                    on = min(on + dt.timedelta(days=rng.randint(7, 35)), today)
                    referral = services.service_referral_advance(
                        referral=referral, status=status, on=on, by=None
                    )
            for kind in rng.sample(barriers, 2):
                services.barrier_record(participation=p, kind=kind, present=True, on=start, by=None)
                if rng.random() < 0.5:  # resolved since
                    later = start + dt.timedelta(days=rng.randint(30, 100))
                    services.barrier_record(participation=p, kind=kind, present=False, on=later, by=None)
            services.profile_record(participation=p, category=rng.choice(categories), on=start, by=None)
            for position in range(1, rng.randint(1, phases) + 1):
                services.phase_change(
                    participation=p,
                    position=position,
                    on=start + dt.timedelta(days=30 * (position - 1)),
                    by=None,
                )
