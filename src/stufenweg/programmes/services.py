"""Writes of programme configuration, with an audit row each."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.authority import require_coordination_writer
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User
from stufenweg.programmes.models import Target


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
