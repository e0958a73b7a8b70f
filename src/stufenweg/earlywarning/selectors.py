"""Reads of the early warning. Every read of participants starts from
``participations_visible_to(user)``; the caller records the reads (``core.audit``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from stufenweg.earlywarning.models import Decision, ProgrammeSetting, RiskModel
from stufenweg.earlywarning.scoring import Risk, current_model, risks
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to


def enabled_programme_ids() -> list[int]:
    return list(ProgrammeSetting.objects.filter(enabled=True).values_list("programme_id", flat=True))


def enabled_models(programme_ids: list[int] | None = None) -> dict[int, RiskModel]:
    """Programme id → its current model, for the programmes with the early warning switched on."""
    ids = enabled_programme_ids()
    if programme_ids is not None:
        ids = [pk for pk in ids if pk in set(programme_ids)]
    out = {}
    for pk in ids:
        model = current_model(pk)
        if model is not None:
            out[pk] = model
    return out


def risk_for(participation: Participation, *, day: dt.date | None = None) -> tuple[RiskModel, Risk] | None:
    """The current risk of one participation, or None (feature off, no model, not in a stage)."""
    models = enabled_models([participation.programme_id])
    if not models:
        return None
    found = risks(Participation.objects.filter(pk=participation.pk), models, day or timezone.localdate())
    risk = found.get(participation.pk)
    return (models[participation.programme_id], risk) if risk else None


def latest_decisions(participation_ids: list[int]) -> dict[int, Decision]:
    out: dict[int, Decision] = {}
    for decision in (
        Decision.objects.filter(participation_id__in=participation_ids)
        .select_related("decided_by")
        .order_by("participation_id", "-decided_at", "-pk")
    ):
        out.setdefault(decision.participation_id, decision)
    return out


@dataclass
class WorkItem:
    participation: Participation
    risk: Risk
    decision: Decision | None
    model: RiskModel

    @property
    def open(self) -> bool:
        """No decision on this model's warning yet."""
        return self.decision is None or self.decision.model_id != self.model.pk


def worklist_queryset(
    user, *, mine: bool = False, programme_id: int | None = None
) -> QuerySet[Participation]:
    qs = participations_visible_to(user)
    if mine:
        qs = qs.filter(caseworker=user)
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    return qs


def worklist(
    user, *, mine: bool = False, programme_id: int | None = None, open_only: bool = False, day=None
) -> list[WorkItem]:
    """The warned participants ``user`` sees, highest risk first."""
    models = enabled_models()
    if not models:
        return []
    day = day or timezone.localdate()
    found = risks(worklist_queryset(user, mine=mine, programme_id=programme_id), models, day)
    warned = {pk: r for pk, r in found.items() if r.warned}
    rows = {
        p.pk: p
        for p in Participation.objects.filter(pk__in=list(warned)).select_related(
            "person", "programme", "current_stage", "caseworker"
        )
    }
    decisions = latest_decisions(list(warned))
    items = [
        WorkItem(rows[pk], risk, decisions.get(pk), models[rows[pk].programme_id])
        for pk, risk in warned.items()
        if pk in rows
    ]
    if open_only:
        items = [item for item in items if item.open]
    items.sort(key=lambda item: (-item.risk.risk, item.participation.pk))
    return items
