"""Demo step: occupations of the measures that prepare for one (vocational training, mixed
measures, qualification, work at an employer, work opportunities) and target occupations,
availability and qualifications of a few current participants of each programme, so that the
matching page shows suggestions with reasons (JobPerspektive Sachsen's „Matching“; the AMIP's
qualification in warehouse logistics and care assistance). Through the services (``by=None``: the
loader), reproducible (``ctx.rng_for("matching")``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stufenweg.journeys.codes import State
from stufenweg.journeys.models import Participation
from stufenweg.matching import services
from stufenweg.matching.codes import QualificationKind
from stufenweg.programmes.measures_admin import measure_save
from stufenweg.programmes.models import Measure

# the last part of a measure's code → the occupations it prepares for (KldB 2010)
MEASURE_OCCUPATIONS = {
    "QAB": "29302, 63301, 51301, 82101",  # cook, restaurant service, warehouse, care assistance
    "EZU": "83112",  # educator
    "IEB": "51301, 54101, 62102",  # warehouse, cleaning, sales
    "MIX": "29201, 51301, 12101",  # food production, warehouse, gardening
    "QUAL": "51301, 82101",  # AMIP: Lager/Logistik und Pflegehilfe
    "MAG": "62102, 51301",
    "AGH": "54101, 12101",
}
# target occupations drawn for the demo participants: near the measures' and vacancies' codes
# (the same code, another level of the same group, another group of the same main group)
TARGETS = ("29302", "29301", "63302", "51301", "51311", "82101", "82102", "54101", "62102", "12101", "83112")
QUALIFICATIONS = (
    (QualificationKind.SCHOOL, "Hauptschulabschluss"),
    (QualificationKind.SCHOOL, "Realschulabschluss"),
    (QualificationKind.LICENCE, "Klasse B"),
    (QualificationKind.CERTIFICATE, "Staplerschein"),
    (QualificationKind.LANGUAGE, "Deutsch B1"),
    (QualificationKind.PARTIAL, "Teilqualifikation Fachkraft Lagerlogistik (TQ 1)"),
    (QualificationKind.VOCATIONAL, "Verkäufer/in (IHK)"),
)
PER_PROGRAMME = 8


def add_matching(ctx) -> None:
    rng = ctx.rng_for("matching")
    today = timezone.localdate()
    for measure in Measure.objects.filter(pk__in=[m.pk for m in ctx.measures.values()]).order_by("pk"):
        codes = MEASURE_OCCUPATIONS.get(measure.code.rsplit("-", 1)[-1])
        if codes:
            measure.occupations = codes
            measure_save(
                measure=measure,
                stages=list(measure.stages.all()),
                start_dates=list(measure.starts.values_list("on", flat=True)),
                by=None,
            )
    for programme in ctx.programmes.values():
        chosen = list(
            Participation.objects.filter(
                programme=programme, state__in=[State.IN_STAGE, State.SUITABLE, State.WAITING]
            )
            .select_related("person")
            .order_by("pk")[:PER_PROGRAMME]
        )
        for p in chosen:
            services.targets_set(
                participation=p,
                codes=rng.sample(TARGETS, rng.randint(1, 2)),
                hours=rng.choice((None, 20, 25, 30, 35, 39)),
                available_from=rng.choice((None, today + dt.timedelta(days=rng.randint(7, 60)))),
                by=None,
            )
            for kind, text in rng.sample(QUALIFICATIONS, rng.randint(1, 3)):
                achieved = today - dt.timedelta(days=rng.randint(400, 8000))
                services.qualification_record(
                    participation=p, kind=kind, text=text, achieved_on=achieved, by=None
                )
