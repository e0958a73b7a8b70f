"""The write path of the early warning: the programme switch, a training request, a decision.

Each checks its authority (``earlywarning.authority``) for every caller and writes its audit row in
the same transaction. Nothing here acts on a participant: a decision records what a person
decided."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.earlywarning import authority
from stufenweg.earlywarning.models import Decision, ProgrammeSetting, RiskModel
from stufenweg.journeys.models import Participation

NOTE_MAX = 2000


def setting_of(programme) -> ProgrammeSetting:
    """The programme's setting (unsaved default when none is stored: switched off)."""
    try:
        return programme.early_warning_setting
    except ProgrammeSetting.DoesNotExist:
        return ProgrammeSetting(programme=programme)


@transaction.atomic
def setting_change(*, programme, enabled: bool, horizon_days: int, by) -> ProgrammeSetting:
    authority.require_configurer(by)
    setting, _created = ProgrammeSetting.objects.select_for_update().get_or_create(programme=programme)
    before = snapshot(setting, ["enabled", "horizon_days"])
    setting.enabled = bool(enabled)
    setting.horizon_days = horizon_days
    setting.changed_at = timezone.now()
    setting.changed_by = by
    try:
        setting.full_clean()
    except ValidationError as exc:
        if "horizon_days" in exc.message_dict or "__all__" in exc.message_dict:
            raise ValidationError(
                {"horizon_days": _("Der Vorhersagezeitraum muss zwischen 14 und 365 Tagen liegen.")}
            ) from None
        raise
    setting.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=setting,
        summary=f"Frühwarnung {programme.code}: {'an' if setting.enabled else 'aus'}",
        before=before,
        after=snapshot(setting, ["enabled", "horizon_days"]),
    )
    return setting


@transaction.atomic
def training_request(*, programme, by, as_of: dt.date | None = None) -> RiskModel:
    """Queue a training of ``programme``'s model; the worker trains it (``tasks.train_model``)."""
    from stufenweg.earlywarning.tasks import train_model

    authority.require_configurer(by)
    if RiskModel.objects.filter(
        programme=programme, status__in=(RiskModel.Status.QUEUED, RiskModel.Status.RUNNING)
    ).exists():
        raise ValidationError({"programme": _("Für dieses Programm läuft bereits ein Training.")})
    model = RiskModel.objects.create(
        programme=programme, requested_by=by, horizon_days=setting_of(programme).horizon_days
    )
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=model,
        summary=f"Training des Frühwarnmodells angefordert ({programme.code})",
    )
    transaction.on_commit(lambda: train_model.enqueue(model.pk))
    return model


@transaction.atomic
def decision_record(
    *, participation: Participation, outcome: str, note: str = "", by, on: dt.date | None = None
) -> Decision:
    """Record ``by``'s decision on the current warning of ``participation``: the risk and its
    reasons at this moment are kept with it."""
    from stufenweg.earlywarning.selectors import risk_for

    authority.require_decider(by, participation)
    if outcome not in Decision.Outcome.values:
        raise ValidationError({"outcome": _("Bitte „bestätigt“ oder „verworfen“ wählen.")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Die Notiz darf höchstens 2.000 Zeichen lang sein.")})
    found = risk_for(participation, day=on)
    if found is None:
        raise ValidationError(
            {"outcome": _("Für diese Teilnahme gibt es derzeit keine Einschätzung der Frühwarnung.")}
        )
    model, risk = found
    decision = Decision(
        participation=participation,
        model=model,
        outcome=outcome,
        risk=round(risk.risk, 4),
        reasons=[{"feature": r.name, "text": r.text, "contribution": r.contribution} for r in risk.reasons],
        note=note,
        decided_on=on or timezone.localdate(),
        decided_by=by,
    )
    decision.full_clean()
    decision.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=decision,
        person=participation.person,
        summary=f"Frühwarnung {outcome}",
        after=snapshot(decision, ["participation_id", "model_id", "outcome", "risk", "decided_on"]),
    )
    return decision
