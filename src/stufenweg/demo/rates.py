"""The demo's key rates next to the seeds' figures, computed with ORM aggregates.

Deliberately independent of the indicator engine (``stufenweg.indicators``): a cross-check of the
generated data, cumulative over the whole demo period, using the event log (effective events:
neither superseded nor retractions) and the enrolment projection. Simplifications are named in
the labels and in docs/demo.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DateField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from stufenweg.demo.context import DEMO_END
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation

EMPLOYED_Q = (
    Q(exit_event__statuses__contains="employed_svb")
    | Q(exit_event__statuses__contains="minijob")
    | Q(exit_event__statuses__contains="self_employed")
)
IN_WORK_Q = Q(exit_event__statuses__contains="employed_svb") | Q(
    exit_event__statuses__contains="self_employed"
)
DROPOUT = "early_negative"

# seed 002 (JobPerspektive Sachsen, Stand 02.05.2022)
SEED_REGIONS = {"BZ": 1970, "DD": 2148, "CMS": 848, "ERZ": 968, "Z": 978, "V": 529}
SEED_EXITS = {  # stage: (dropouts, job_seeking, employed, non-dropouts, job_seeking, employed)
    "QAB": (245, 183, 20, 348, 134, 164),
    "EZU": (183, 111, 23, 572, 111, 449),
    "S3": (451, 262, 108, 996, 673, 242),
    "S4": (581, 443, 66, 1683, 920, 251),
}


@dataclass(frozen=True)
class Rate:
    label: str
    numerator: int
    denominator: int
    seed: str = "–"
    kind: str = "share"  # share (percent) or ratio

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def shown(self) -> str:
        if self.value is None:
            return "–"
        if self.kind == "ratio":
            return f"{self.value:.3f}".replace(".", ",")
        return f"{100 * self.value:.1f} %".replace(".", ",")


def _pct(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.1f} % ({numerator}/{denominator})".replace(".", ",")


def effective_events(programme: str):
    return JourneyEvent.objects.filter(
        participation__programme__code=programme, superseded_by__isnull=True
    ).exclude(kind="void")


def jps_rates(programme: str = "JPS") -> list[Rate]:
    events = effective_events(programme)
    counts = events.aggregate(
        referrals=Count("id", filter=Q(kind="referral")),
        not_arrived=Count("id", filter=Q(kind="not_arrived")),
        entries=Count("id", filter=Q(kind__in=["assessment_start", "reactivation"])),
        first=Count("participation", filter=Q(kind__in=["assessment_start", "reactivation"]), distinct=True),
        started=Count("participation", filter=Q(kind__in=["entry", "stage_change"]), distinct=True),
    )
    rates = [
        Rate(
            "Zuweisungen je Programmeintritt",
            counts["referrals"],
            counts["entries"],
            "1,034 (7441/7196)",
            "ratio",
        ),
        Rate(
            "nicht angekommen / Zuweisungen",
            counts["not_arrived"],
            counts["referrals"],
            "„nicht alle angekommen“",
        ),
        Rate("Ersteintritte / Eintritte gesamt", counts["first"], counts["entries"], _pct(6260, 7196)),
        Rate(
            "Qualifizierung begonnen / Eintritte gesamt",
            counts["started"],
            counts["entries"],
            _pct(5546, 7196),
        ),
    ]
    by_region = dict(
        events.filter(kind="referral").values_list("region__code").annotate(n=Count("id")).order_by()
    )
    total_seed = sum(SEED_REGIONS.values())
    for code, seed in SEED_REGIONS.items():
        rates.append(
            Rate(
                f"Anteil Zuweisungen Region {code}",
                by_region.get(code, 0),
                counts["referrals"],
                _pct(seed, total_seed),
            )
        )
    rates += _exit_rates(programme)
    rates += _stage4_rates(programme)
    rates += _work_rates(programme)
    return rates


def _exits(programme: str):
    return Enrolment.objects.filter(participation__programme__code=programme, exited_on__isnull=False)


def _exit_rates(programme: str) -> list[Rate]:
    rates = []
    for stage, (d_n, d_js, d_emp, o_n, o_js, o_emp) in SEED_EXITS.items():
        c = (
            _exits(programme)
            .filter(stage__code=stage)
            .aggregate(
                all=Count("id"),
                dropout=Count("id", filter=Q(exit_kind=DROPOUT)),
                d_js=Count("id", filter=Q(exit_kind=DROPOUT, exit_event__statuses__contains="job_seeking")),
                d_emp=Count("id", filter=Q(exit_kind=DROPOUT) & EMPLOYED_Q),
                o_js=Count(
                    "id", filter=~Q(exit_kind=DROPOUT) & Q(exit_event__statuses__contains="job_seeking")
                ),
                o_emp=Count("id", filter=~Q(exit_kind=DROPOUT) & EMPLOYED_Q),
            )
        )
        others = c["all"] - c["dropout"]
        rates += [
            Rate(f"{stage}: Abbrüche / Austritte", c["dropout"], c["all"], _pct(d_n, d_n + o_n)),
            Rate(f"{stage}: Abbruch → arbeitsuchend", c["d_js"], c["dropout"], _pct(d_js, d_n)),
            Rate(f"{stage}: Abbruch → erwerbstätig", c["d_emp"], c["dropout"], _pct(d_emp, d_n)),
            Rate(f"{stage}: ohne Abbruch → arbeitsuchend", c["o_js"], others, _pct(o_js, o_n)),
            Rate(f"{stage}: ohne Abbruch → erwerbstätig", c["o_emp"], others, _pct(o_emp, o_n)),
        ]
    return rates


def _stage4_rates(programme: str) -> list[Rate]:
    enrolments = Enrolment.objects.filter(participation__programme__code=programme, stage__code="S4")
    internship = JourneyEvent.objects.filter(
        participation=OuterRef("participation"),
        kind="internship",
        first_labour_market=True,
        superseded_by__isnull=True,
        occurred_on__gte=OuterRef("entered_on"),
        occurred_on__lte=Coalesce(OuterRef("exited_on"), Value(DEMO_END, output_field=DateField())),
    )
    with_internship = (
        enrolments.annotate(has=Exists(internship))
        .filter(has=True)
        .values("participation")
        .distinct()
        .count()
    )
    participants = enrolments.values("participation").distinct().count()
    extended = enrolments.aggregate(all=Count("id"), ext=Count("id", filter=Q(extensions__gt=0)))
    return [
        Rate("S4: mind. ein Praktikum 1. Arbeitsmarkt (Personen)", with_internship, participants, "92,2 %"),
        Rate(
            "S4: Eintritte mit Verlängerung", extended["ext"], extended["all"], "„beträchtlich“ (nur Grafik)"
        ),
    ]


def _work_rates(programme: str) -> list[Rate]:
    job = JourneyEvent.objects.filter(
        participation=OuterRef("participation"),
        kind="employment_start",
        employment_kind__in=["svb", "self_employed"],
        superseded_by__isnull=True,
        occurred_on__gte=OuterRef("entered_on"),
        occurred_on__lte=ExpressionWrapper(
            OuterRef("exited_on") + dt.timedelta(days=28), output_field=DateField()
        ),
    )
    s3 = _exits(programme).filter(stage__code="S3").annotate(job=Exists(job))
    s3_work = s3.filter(IN_WORK_Q | Q(job=True)).count()
    rates = [Rate("S3: in Arbeit beim Austritt (≤ 28 Tage)", s3_work, s3.count(), "23,3 %")]
    horizon = DEMO_END - dt.timedelta(days=200)
    follow = JourneyEvent.objects.filter(
        participation=OuterRef("participation"),
        kind="follow_up",
        superseded_by__isnull=True,
        occurred_on__gt=OuterRef("exited_on"),
    )
    follow_work = follow.filter(
        Q(statuses__contains="employed_svb") | Q(statuses__contains="self_employed"), reached=True
    )
    old = (
        _exits(programme)
        .filter(exited_on__lte=horizon, exit_event__kind="exit")
        .annotate(followed=Exists(follow), working=Exists(follow_work))
    )
    covered = old.aggregate(all=Count("id"), n_followed=Count("id", filter=Q(followed=True)))
    rates.append(
        Rate(
            "Verbleibsabfrage nach Austritt erfasst",
            covered["n_followed"],
            covered["all"],
            "„für die meisten“",
        )
    )
    for stage, seed in (("QAB", "31 %"), ("EZU", "44,8 %"), ("S3", "14,6 %")):
        c = old.filter(stage__code=stage, exit_kind__in=["regular", "early_positive"]).aggregate(
            all=Count("id"), work=Count("id", filter=Q(working=True))
        )
        rates.append(
            Rate(f"{stage}: in Arbeit 6 Monate nach erfolgreichem Austritt", c["work"], c["all"], seed)
        )
    return rates


def other_rates() -> list[Rate]:
    rates = []
    integrations = effective_events("WP").filter(
        kind="employment_start", employment_kind__in=["svb", "self_employed", "vocational_training"]
    )
    c = integrations.aggregate(all=Count("id"), ended=Count("id", filter=Q(benefit_effect="ended")))
    rates.append(
        Rate("WP: Integrationen, die den Leistungsbezug beenden", c["ended"], c["all"], _pct(197, 449))
    )
    mentees = Participation.objects.filter(programme__code="AMM", enrolments__isnull=False).distinct()
    work = effective_events("AMM").filter(
        kind="employment_start", employment_kind__in=["svb", "minijob", "self_employed"]
    )
    training = effective_events("AMM").filter(kind="employment_start", employment_kind="vocational_training")
    n = mentees.count()
    rates += [
        Rate("AMM: Teilnehmende in Arbeit vermittelt", work.values("participation").distinct().count(), n,
             _pct(2480, 5300)),
        Rate("AMM: Teilnehmende in Ausbildung vermittelt", training.values("participation").distinct().count(), n,
             _pct(600, 5300)),
    ]  # fmt: skip
    sfs = (
        _exits("SFS")
        .filter(exit_event__kind="exit")
        .aggregate(all=Count("id"), edu=Count("id", filter=Q(exit_event__statuses__contains="education")))
    )
    rates.append(Rate("SFS: Austritte mit Anschlussmaßnahme", sfs["edu"], sfs["all"], "Erfolg = Anschluss"))
    households = Participation.objects.filter(programme__code="WP").aggregate(
        persons=Count("id"), households=Count("person__household", distinct=True)
    )
    rates.append(
        Rate(
            "WP: Teilnehmende je Bedarfsgemeinschaft",
            households["persons"],
            households["households"],
            "–",
            "ratio",
        )
    )
    return rates


def all_rates() -> list[Rate]:
    return jps_rates() + other_rates()


def rates_table(rates: list[Rate]) -> str:
    rows = [("Kennzahl", "Demo", "Zähler/Nenner", "Seed")]
    rows += [(r.label, r.shown(), f"{r.numerator}/{r.denominator}", r.seed) for r in rates]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


__all__ = ["Rate", "all_rates", "jps_rates", "other_rates", "rates_table"]
