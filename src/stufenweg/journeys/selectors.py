"""Reads of journeys, always through the user's visibility scope (ARCHITECTURE.md habit 2)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from stufenweg.core.visibility import Scope, scope_of
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation


def participation_visibility_q(user) -> Q | None:
    """A filter on ``Participation`` for ``user``; ``None`` means no restriction."""
    return scope_visibility_q(scope_of(user))


def scope_visibility_q(scope: Scope) -> Q | None:
    """A filter on ``Participation`` for a visibility scope; ``None`` means no restriction."""
    if scope.everything:
        return None
    condition = Q(pk__in=[])
    if scope.region_ids:
        condition |= Q(region_id__in=scope.region_ids)
    if scope.provider_org_ids:
        condition |= Exists(
            Enrolment.objects.filter(
                participation_id=OuterRef("pk"), measure__provider_id__in=scope.provider_org_ids
            )
        )
    if scope.referrer_org_ids:
        condition |= Exists(
            JourneyEvent.objects.filter(
                participation_id=OuterRef("pk"),
                kind=EventKind.REFERRAL,
                referrer_id__in=scope.referrer_org_ids,
            )
        )
    return condition


def participations_visible_to(user) -> QuerySet[Participation]:
    return participations_in_scope(scope_of(user))


def participations_writable_by(user) -> QuerySet[Participation]:
    """Participations ``user`` may act on: visible through a membership with a writing role."""
    return participations_in_scope(scope_of(user, writing=True))


def participations_in_scope(scope: Scope) -> QuerySet[Participation]:
    condition = scope_visibility_q(scope)
    queryset = Participation.objects.all()
    return queryset if condition is None else queryset.filter(condition)


def events_visible_to(user) -> QuerySet[JourneyEvent]:
    if scope_of(user).everything:
        return JourneyEvent.objects.all()
    return JourneyEvent.objects.filter(participation__in=participations_visible_to(user).values("pk"))


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    if scope_of(user).everything:
        return Enrolment.objects.all()
    return Enrolment.objects.filter(participation__in=participations_visible_to(user).values("pk"))


def participation_timeline(participation: Participation) -> list[JourneyEvent]:
    """All events of a participation (effective and superseded) in journey order, for display."""
    return list(
        participation.events.select_related(
            "recorded_by", "measure", "stage", "supersedes", "referrer", "employer"
        )
        .prefetch_related("superseded_by")
        .order_by("occurred_on", "recorded_at", "id")
    )


def has_exit(timeline: list[JourneyEvent]) -> bool:
    """Whether a participation's events (``participation_timeline``) hold a current exit (from a
    measure or before entry): a reactivation after a re-referral and a follow-up in a later state
    need one (``spec.KindSpec.after_an_exit``)."""
    replaced = {e.supersedes_id for e in timeline if e.supersedes_id}
    return any(e.kind == EventKind.EXIT and e.pk not in replaced for e in timeline)
