"""Writes of programme configuration (programmes, stages and their rules, next stages, caseload
ratios, targets), with an audit row each; only the coordination office's writing members (or the
system) may."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.authority import require_coordination_writer
from stufenweg.core.models import AuditEntry
from stufenweg.core.time import format_date
from stufenweg.journeys.codes import EmploymentKind, ExitStatus
from stufenweg.organisations.models import User
from stufenweg.programmes.models import CaseloadRatio, Programme, ReasonCode, Stage, Target
from stufenweg.programmes.reason_codes import PURPOSE_OF_KIND, seed_defaults


def target_refusal() -> str:
    return _(
        "Zielwerte dürfen nur Mitglieder der Regiestelle mit schreibender Rolle (Fallbearbeitung oder "
        "Organisationsverwaltung) erfassen."
    )


@transaction.atomic
def target_save(*, target: Target, by: User | None) -> Target:
    """Create or change a target value (Soll); validated, saved and audited together. Only a
    writing member of the coordination office (``core.authority``) or the system (``by=None``)
    may; anyone else gets ``PermissionDenied`` and nothing is written."""
    require_coordination_writer(by, message=target_refusal())
    before = snapshot(Target.objects.get(pk=target.pk)) if target.pk else None
    target.full_clean()
    target.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=target,
        summary=f"Zielwert {target.indicator} {target.period_from}–{target.period_to}",
        before=before,
        after=snapshot(target),
    )
    return target


# --- programme administration (coordination office) ----------------------------------------------


def programme_refusal() -> str:
    return _(
        "Programme, Stufen und Betreuungsschlüssel dürfen nur Mitglieder der Regiestelle mit "
        "schreibender Rolle (Fallbearbeitung oder Organisationsverwaltung) ändern."
    )


def _programme_snapshot(programme: Programme) -> dict:
    return snapshot(programme)


def _stage_snapshot(stage: Stage, next_ids: list[int] | None = None) -> dict:
    data = snapshot(stage)
    if next_ids is None:
        next_ids = sorted(stage.next_stages.values_list("pk", flat=True)) if stage.pk else []
    data["next_stages"] = sorted(next_ids)
    return data


@transaction.atomic
def programme_save(*, programme: Programme, by: User | None) -> Programme:
    """Create or change a programme and its settings; validated, saved and audited together. Only a
    writing member of the coordination office (``core.authority``) or the system (``by=None``)."""
    require_coordination_writer(by, message=programme_refusal())
    before = _programme_snapshot(Programme.objects.get(pk=programme.pk)) if programme.pk else None
    errors: dict[str, str] = {}
    if Programme.objects.filter(code=programme.code).exclude(pk=programme.pk).exists():
        errors["code"] = _("Das Kürzel „%(code)s“ hat schon ein anderes Programm.") % {"code": programme.code}
    unknown_kinds = sorted(set(programme.in_work_kinds or ()) - set(EmploymentKind.values))
    if unknown_kinds:
        errors["in_work_kinds"] = _("Unbekannte Beschäftigungsart: %(codes)s.") % {
            "codes": ", ".join(unknown_kinds)
        }
    unknown_statuses = sorted(set(programme.in_work_statuses or ()) - set(ExitStatus.values))
    if unknown_statuses:
        errors["in_work_statuses"] = _("Unbekannter Status beim Austritt: %(codes)s.") % {
            "codes": ", ".join(unknown_statuses)
        }
    if errors:
        raise ValidationError(errors)
    programme.full_clean()
    programme.save()
    if before is None:  # a new programme starts with the default lists of reasons
        seed_defaults([programme.pk])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=programme,
        summary=f"Programm {programme.code}",
        before=before,
        after=_programme_snapshot(programme),
    )
    return programme


def _stage_errors(stage: Stage, next_stages: list[Stage]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if stage.min_age is not None and stage.max_age is not None and stage.min_age > stage.max_age:
        errors["max_age"] = _(
            "Das Höchstalter (%(max)s) liegt unter dem Mindestalter (%(min)s); bitte die Altersspanne prüfen."
        ) % {"max": stage.max_age, "min": stage.min_age}
    siblings = Stage.objects.filter(programme_id=stage.programme_id).exclude(pk=stage.pk)
    if stage.code and (other := siblings.filter(code=stage.code).first()):
        errors["code"] = _("Das Kürzel „%(code)s“ hat in diesem Programm schon die Stufe „%(name)s“.") % {
            "code": stage.code,
            "name": other.name,
        }
    if stage.position and (other := siblings.filter(position=stage.position).first()):
        errors["position"] = _(
            "Die Position %(position)s hat in diesem Programm schon die Stufe „%(name)s“; bitte eine freie "
            "Position wählen oder die Reihenfolge in der Stufenliste ändern."
        ) % {"position": stage.position, "name": other.name}
    foreign = [s for s in next_stages if s.programme_id != stage.programme_id]
    if foreign:
        errors["next_stages"] = _("Folgestufen müssen zum selben Programm gehören: %(names)s.") % {
            "names": ", ".join(s.name for s in foreign)
        }
    return errors


@transaction.atomic
def stage_save(*, stage: Stage, next_stages: list[Stage], by: User | None) -> Stage:
    """Create or change a stage with its rules and its allowed next stages (empty: every stage of
    the programme); validated, saved and audited together."""
    require_coordination_writer(by, message=programme_refusal())
    before = _stage_snapshot(Stage.objects.get(pk=stage.pk)) if stage.pk else None
    if errors := _stage_errors(stage, next_stages):
        raise ValidationError(errors)
    stage.full_clean()
    stage.save()
    stage.next_stages.set(next_stages)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=stage,
        summary=f"Stufe {stage.code} im Programm {stage.programme.code}",
        before=before,
        after=_stage_snapshot(stage, [s.pk for s in next_stages]),
    )
    return stage


@transaction.atomic
def stage_move(*, stage: Stage, step: int, by: User | None) -> list[Stage]:
    """Move a stage one place up (``step=-1``) or down (``step=1``) in its programme's order; the
    positions become 1, 2, 3, … in the new order. Audited once, with the order before and after."""
    require_coordination_writer(by, message=programme_refusal())
    if step not in (-1, 1):
        raise ValidationError(_("Eine Stufe kann nur um einen Platz nach oben oder unten rücken."))
    stages = list(
        Stage.objects.select_for_update().filter(programme_id=stage.programme_id).order_by("position")
    )
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    target = index + step
    if not 0 <= target < len(stages):
        raise ValidationError(
            _("Die Stufe „%(name)s“ steht schon an erster Stelle.")
            if step < 0
            else _("Die Stufe „%(name)s“ steht schon an letzter Stelle."),
            params={"name": stage.name},
        )
    before = {s.code: s.position for s in stages}
    stages[index], stages[target] = stages[target], stages[index]
    # two steps, so that the unique (programme, position) holds after every statement
    offset = max(s.position for s in stages) + len(stages)
    for i, s in enumerate(stages, start=1):
        Stage.objects.filter(pk=s.pk).update(position=offset + i)
    for i, s in enumerate(stages, start=1):
        Stage.objects.filter(pk=s.pk).update(position=i)
        s.position = i
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=stage.programme,
        summary=f"Reihenfolge der Stufen im Programm {stage.programme.code}",
        before={"positions": before},
        after={"positions": {s.code: s.position for s in stages}},
    )
    return stages


@transaction.atomic
def caseload_ratio_save(*, ratio: CaseloadRatio, by: User | None) -> CaseloadRatio:
    """Record a caseload ratio valid from a day on (or correct one); the ratio before that day
    stays as it was. Validated, saved and audited together."""
    require_coordination_writer(by, message=programme_refusal())
    before = snapshot(CaseloadRatio.objects.get(pk=ratio.pk)) if ratio.pk else None
    same_day = CaseloadRatio.objects.filter(programme_id=ratio.programme_id, valid_from=ratio.valid_from)
    if ratio.valid_from and same_day.exclude(pk=ratio.pk).exists():
        raise ValidationError(
            {
                "valid_from": _(
                    "Ab %(day)s gilt in diesem Programm schon ein Betreuungsschlüssel; bitte diesen ändern "
                    "oder ein anderes Datum wählen."
                )
                % {"day": format_date(ratio.valid_from)}
            }
        )
    ratio.full_clean()
    ratio.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=ratio,
        summary=f"Betreuungsschlüssel 1:{ratio.ratio} ab {ratio.valid_from} im Programm {ratio.programme.code}",
        before=before,
        after=snapshot(ratio),
    )
    return ratio


# --- coded reasons of extensions and exits (``programmes.reason_codes``) -------------------------


def reason_code_uses(reason_code: ReasonCode) -> int:
    """How many journey events of the programme name the code (on the kind its list is for)."""
    from stufenweg.journeys.models import JourneyEvent

    kinds = [k for k, p in PURPOSE_OF_KIND.items() if p == reason_code.purpose]
    return JourneyEvent.objects.filter(
        participation__programme_id=reason_code.programme_id, kind__in=kinds, reason_code=reason_code.code
    ).count()


@transaction.atomic
def reason_code_save(*, reason_code: ReasonCode, by: User | None) -> ReasonCode:
    """Add a code to a programme's list of reasons, or rename, reorder, deactivate or reactivate
    one. The code and its list stay as they were created (events name the code); a new meaning is a
    new code. Only a writing member of the coordination office (or the system) may."""
    require_coordination_writer(by, message=programme_refusal())
    old = ReasonCode.objects.get(pk=reason_code.pk) if reason_code.pk else None
    errors: dict[str, str] = {}
    if old is not None and (old.code, old.purpose) != (reason_code.code, reason_code.purpose):
        errors["code"] = _(
            "Code und Verwendung eines Grundes bleiben, wie sie angelegt wurden; bitte die Bezeichnung "
            "ändern oder einen neuen Code anlegen."
        )
    siblings = ReasonCode.objects.filter(
        programme_id=reason_code.programme_id, purpose=reason_code.purpose, code=reason_code.code
    ).exclude(pk=reason_code.pk)
    if reason_code.code and siblings.exists():
        errors["code"] = _("Den Code „%(code)s“ gibt es in dieser Liste schon.") % {"code": reason_code.code}
    if errors:
        raise ValidationError(errors)
    reason_code.full_clean(validate_constraints=False)
    reason_code.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if old else AuditEntry.Action.CREATE,
        obj=reason_code,
        summary=f"Grund {reason_code.code} ({reason_code.purpose}) im Programm {reason_code.programme.code}",
        before=snapshot(old) if old else None,
        after=snapshot(reason_code),
    )
    return reason_code


@transaction.atomic
def reason_code_delete(*, reason_code: ReasonCode, by: User | None) -> None:
    """Delete a code that no event names; a code in use can only be deactivated."""
    require_coordination_writer(by, message=programme_refusal())
    uses = reason_code_uses(reason_code)
    if uses:
        raise ValidationError(
            _(
                "Der Code „%(code)s“ wird in %(count)s Ereignissen verwendet und kann nicht gelöscht "
                "werden; bitte stattdessen deaktivieren."
            )
            % {"code": reason_code.code, "count": uses}
        )
    before = snapshot(reason_code)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=reason_code,
        summary=f"Grund {reason_code.code} ({reason_code.purpose}) im Programm {reason_code.programme.code} gelöscht",
        before=before,
        after={},
    )
    reason_code.delete()
