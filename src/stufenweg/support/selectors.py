"""Reads of support services, barriers, phases and profile categories, always within what the
user sees (``journeys.selectors.participations_visible_to``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.programmes.models import Programme
from stufenweg.support.codes import DEFAULT_PHASES, NEXT
from stufenweg.support.models import (
    Barrier,
    PhaseChange,
    ProfileRating,
    ServiceReferral,
    ServiceReferralStep,
    SupportPhase,
)


@dataclass
class SupportFile:
    """What the participant page shows of one participation."""

    referrals: list[ServiceReferral]
    barriers_current: list[Barrier]  # the newest row per kind
    barriers_history: list[Barrier]
    current_phase: PhaseChange | None
    phase_history: list[PhaseChange]
    profile: ProfileRating | None
    profile_history: list[ProfileRating]


def phase_names(programme: Programme) -> list[str]:
    """The phases in use of ``programme``: its own, else the default phases of the 4PM."""
    names = list(
        SupportPhase.objects.filter(programme=programme, active=True)
        .order_by("position")
        .values_list("name", flat=True)
    )
    return names or list(DEFAULT_PHASES)


def phases_of(programmes) -> list[SupportPhase]:
    """All phases (in use or not) of each of ``programmes`` in order; a programme without its own
    has the default phases of the 4PM (unsaved rows: ``phases_ensure`` writes them on first use)."""
    programmes = list(programmes)
    saved: dict[int, list[SupportPhase]] = {}
    for phase in SupportPhase.objects.filter(programme__in=programmes).order_by("position"):
        saved.setdefault(phase.programme_id, []).append(phase)
    result = []
    for programme in programmes:
        phases = saved.get(programme.pk) or [
            SupportPhase(programme=programme, position=i, name=name)
            for i, name in enumerate(DEFAULT_PHASES, start=1)
        ]
        for phase in phases:
            phase.programme = programme
        result.extend(phases)
    return result


def support_file(participation: Participation) -> SupportFile:
    referrals = list(
        participation.service_referrals.prefetch_related(
            Prefetch(
                "steps",
                queryset=ServiceReferralStep.objects.select_related("recorded_by").order_by(
                    "recorded_at", "id"
                ),
            )
        ).order_by("-planned_on", "-id")
    )
    for referral in referrals:
        referral.next_statuses = NEXT[referral.status]
    barriers = list(participation.barriers.select_related("staff").order_by("kind", "-assessed_on", "-id"))
    current: dict[str, Barrier] = {}
    for row in barriers:
        current.setdefault(row.kind, row)
    phases = list(participation.phase_changes.select_related("phase", "recorded_by").order_by("-on", "-id"))
    profiles = list(participation.profile_ratings.select_related("staff").order_by("-assessed_on", "-id"))
    return SupportFile(
        referrals=referrals,
        barriers_current=list(current.values()),
        barriers_history=barriers,
        current_phase=phases[0] if phases else None,
        phase_history=phases,
        profile=profiles[0] if profiles else None,
        profile_history=profiles,
    )


def referral_for(user, pk: int) -> ServiceReferral:
    """The referral ``pk`` if its participation is visible to ``user``, else ``DoesNotExist``."""
    return ServiceReferral.objects.select_related("participation").get(
        pk=pk, participation__in=participations_visible_to(user).values("pk")
    )
