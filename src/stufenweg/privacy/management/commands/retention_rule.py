"""``stufenweg retention_rule [--programme CODE] --months N [--keep-until DATE] [--basis TEXT]``.

Sets the retention rule of a programme (or, without ``--programme``, the default rule); without
``--months`` it lists the rules. Changes are recorded in the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.privacy.models import RetentionRule


class Command(BaseCommand):
    help = "Legt die Aufbewahrungsfrist eines Programms (oder die Standardfrist) fest oder listet sie."

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="Programmkürzel (ohne: Standardregel)")
        parser.add_argument("--months", type=int, help="Monate nach dem letzten Ereignis")
        parser.add_argument("--keep-until", dest="keep_until", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--basis", default="", help="Rechtsgrundlage, z. B. ESF-Dokumentationspflicht")

    def handle(self, *args, programme=None, months=None, keep_until=None, basis="", **options):
        if months is None:
            for rule in RetentionRule.objects.select_related("programme").order_by("programme__code"):
                code = rule.programme.code if rule.programme else "(Standard)"
                self.stdout.write(
                    f"{code}: {rule.months_after_last_event} Monate, mindestens bis {rule.keep_until or '–'}"
                    f" {rule.basis}"
                )
            return
        if months < 0:
            raise CommandError("--months muss 0 oder größer sein.")
        target = None
        if programme:
            from stufenweg.programmes.models import Programme

            target = Programme.objects.filter(code=programme).first()
            if target is None:
                raise CommandError(f"Kein Programm mit dem Kürzel {programme!r}.")
        with transaction.atomic():
            rule = RetentionRule.objects.filter(programme=target).first() or RetentionRule(programme=target)
            before = snapshot(rule) if rule.pk else None
            rule.months_after_last_event, rule.keep_until, rule.basis = months, keep_until, basis
            rule.full_clean()
            rule.save()
            audit_write(
                actor=None,
                action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                obj=rule,
                summary="Aufbewahrungsregel festgelegt",
                before=before,
                after=snapshot(rule),
            )
        self.stdout.write("Aufbewahrungsregel gespeichert.")
