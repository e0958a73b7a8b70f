"""Reads of the matching: a participation's target occupations, availability, qualifications and
choices, and the candidates for suggestions (measures with free places of the participation's
programme, open vacancies the user sees), ranked by ``matching.ranking``.

Participations are read through ``journeys.selectors.participations_visible_to`` (by the views);
vacancies through ``organisations.employer_selectors.vacancies_visible_to`` (only readers of the
employer register see them). Measures are master data, their occupancy a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q

from stufenweg.journeys.models import Enrolment, Participation
from stufenweg.matching.models import Availability, MatchChoice, Qualification, TargetOccupation
from stufenweg.matching.ranking import MEASURE, VACANCY, Candidate, Suggestion, Wish, rank
from stufenweg.organisations.codes import VacancyStatus
from stufenweg.organisations.employer_selectors import vacancies_visible_to
from stufenweg.programmes.entry_dates import next_start_date
from stufenweg.programmes.models import Measure


@dataclass
class MatchingFile:
    targets: list[TargetOccupation]
    ended_targets: list[TargetOccupation]
    availability: Availability | None
    qualifications: list[Qualification]
    choices: list[MatchChoice]


def current_targets(participation: Participation) -> list[TargetOccupation]:
    return list(participation.target_occupations.filter(ended_on__isnull=True).order_by("since", "id"))


def availability_of(participation: Participation) -> Availability | None:
    return Availability.objects.filter(participation=participation).first()


def matching_file(participation: Participation) -> MatchingFile:
    rows = list(participation.target_occupations.select_related("recorded_by", "ended_by"))
    return MatchingFile(
        targets=[t for t in rows if t.ended_on is None],
        ended_targets=sorted((t for t in rows if t.ended_on), key=lambda t: (t.ended_on, t.pk), reverse=True),
        availability=availability_of(participation),
        qualifications=list(
            participation.qualifications.filter(withdrawn_at__isnull=True).order_by(
                "kind", "-achieved_on", "id"
            )
        ),
        choices=list(
            participation.match_choices.select_related(
                "measure", "vacancy__employer", "chosen_by", "plan_action"
            ).order_by("-chosen_on", "-id")
        ),
    )


def wish_of(participation: Participation) -> Wish:
    availability = availability_of(participation)
    return Wish(
        targets=tuple(t.code for t in current_targets(participation)),
        region_id=participation.region_id,
        hours=availability.hours if availability else None,
        available_from=availability.available_from if availability else None,
    )


def _main_groups_q(field: str, targets: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(**{f"{field}__startswith": code[:2]}) for code in sorted(set(targets))))


def measure_candidates(participation: Participation, wish: Wish, *, today: dt.date) -> list[Candidate]:
    """Measures of the participation's programme that have not ended, serve a stage, name
    occupations and have a free place today (the participation's own place not counted); the
    ranking keeps those whose occupations fit (a programme has some dozen measures)."""
    if not wish.targets:
        return []
    measures = list(
        Measure.objects.filter(programme_id=participation.programme_id)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .filter(stages__isnull=False)
        .exclude(occupations="")
        .distinct()
        .select_related("provider", "region")
        .prefetch_related("starts")
    )
    taken = dict(
        Enrolment.objects.filter(measure__in=measures, entered_on__lte=today)
        .exclude(exited_on__lte=today)
        .exclude(participation_id=participation.pk)
        .values("measure_id")
        .annotate(count=Count("pk"))
        .values_list("measure_id", "count")
        .order_by()
    )
    ready = max(today, wish.available_from or today)
    result = []
    for m in measures:
        free = m.places - taken.get(m.pk, 0)
        if free <= 0:
            continue
        result.append(
            Candidate(
                kind=MEASURE,
                pk=m.pk,
                title=f"{m.code} – {m.name}",
                organisation=m.provider.name,
                occupations=tuple(m.occupation_codes),
                region_id=m.region_id,
                region_name=m.region.name,
                free_places=free,
                rolling_entry=m.rolling_entry,
                starts_on=None if m.rolling_entry else next_start_date(m, ready),
            )
        )
    return result


def vacancy_candidates(user, wish: Wish) -> list[Candidate]:
    """Open vacancies the user sees whose occupation shares a target's main group."""
    if not wish.targets:
        return []
    rows = (
        vacancies_visible_to(user)
        .filter(status=VacancyStatus.OPEN)
        .filter(_main_groups_q("occupation", wish.targets))
        .select_related("employer__region")
    )
    return [
        Candidate(
            kind=VACANCY,
            pk=v.pk,
            title=v.title,
            organisation=v.employer.name,
            occupations=(v.occupation,),
            region_id=v.employer.region_id,
            region_name=v.employer.region.name if v.employer.region_id else "",
            free_places=v.places,
            starts_on=v.starts_on,
            hours=v.hours,
        )
        for v in rows
    ]


def suggestions_for(user, participation: Participation, *, today: dt.date) -> list[Suggestion]:
    """Ranked suggestions of measures and vacancies for ``participation`` as ``user`` sees them."""
    wish = wish_of(participation)
    candidates = measure_candidates(participation, wish, today=today) + vacancy_candidates(user, wish)
    return rank(wish, candidates, today=today)


def suggestion_for(
    user, participation: Participation, *, kind: str, pk: int, today: dt.date
) -> Suggestion | None:
    """The suggestion of one candidate (``None``: not among the suggestions)."""
    return next(
        (
            s
            for s in suggestions_for(user, participation, today=today)
            if s.candidate.kind == kind and s.candidate.pk == pk
        ),
        None,
    )
