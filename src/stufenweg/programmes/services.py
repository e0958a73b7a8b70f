"""Writes of programme configuration, with an audit row each."""

from __future__ import annotations

from django.db import transaction

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User
from stufenweg.programmes.models import Target


@transaction.atomic
def target_save(*, target: Target, by: User | None) -> Target:
    """Create or change a target value (Soll); validated, saved and audited together."""
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
