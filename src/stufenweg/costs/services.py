"""Writing cost entries: one path for the web, the API and the import (``programme_costs.csv``).

Authority: only the coordination office's writing members (``core.authority``). Validation, with
German messages per field: an amount ≥ 0, a validity that does not end before it begins, either an
organisation or a region, and no second entry of the same programme, bearer and category whose
validity overlaps. A refused entry writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.authority import require_coordination_writer
from stufenweg.core.models import AuditEntry
from stufenweg.costs.models import CostCategory, CostEntry

FIELDS = [
    "programme_id",
    "organisation_id",
    "region_id",
    "category",
    "monthly_amount",
    "valid_from",
    "valid_to",
    "note",
]
MAX_AMOUNT = Decimal("9999999999.99")  # the column's 12 digits


def _fmt_day(day: dt.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else _("offen")


def overlapping(entry: CostEntry):
    """Other entries of the same programme, bearer and category whose validity shares a day with
    ``entry``'s."""
    others = CostEntry.objects.filter(
        programme_id=entry.programme_id,
        organisation_id=entry.organisation_id,
        region_id=entry.region_id,
        category=entry.category,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=entry.valid_from))
    if entry.valid_to is not None:
        others = others.filter(valid_from__lte=entry.valid_to)
    if entry.pk:
        others = others.exclude(pk=entry.pk)
    return others.order_by("valid_from")


def validate(entry: CostEntry) -> None:
    """Raise ``ValidationError`` (field → German messages) for what ``entry`` may not be."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not entry.programme_id:
        add("programme", _("Bitte ein Programm angeben."))
    if entry.category not in CostCategory.values:
        add("category", _("Bitte eine Kategorie wählen: Personal, Maßnahmen oder Sonstiges."))
    amount = entry.monthly_amount
    if amount is None:
        add("monthly_amount", _("Bitte einen Betrag je Monat angeben."))
    elif amount < 0:
        add("monthly_amount", _("Der Betrag je Monat darf nicht negativ sein."))
    elif amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        add(
            "monthly_amount", _("Der Betrag je Monat hat höchstens zehn Stellen vor und zwei nach dem Komma.")
        )
    if entry.valid_from is None:
        add("valid_from", _("Bitte angeben, ab wann der Betrag gilt."))
    elif entry.valid_to is not None and entry.valid_to < entry.valid_from:
        add("valid_to", _("„gültig bis“ darf nicht vor „gültig ab“ liegen."))
    if entry.organisation_id and entry.region_id:
        add("region", _("Bitte entweder eine Organisation oder eine Region angeben, nicht beides."))
    elif not entry.organisation_id and not entry.region_id:
        add("organisation", _("Bitte die Regiestelle (Organisation) oder eine Region angeben."))
    if not errors:
        clash = overlapping(entry).first()
        if clash is not None:
            add(
                "valid_from",
                _(
                    "Für dieses Programm, %(bearer)s und die Kategorie „%(category)s“ gilt schon ein Betrag "
                    "vom %(start)s bis %(end)s; die Gültigkeiten dürfen sich nicht überschneiden."
                )
                % {
                    "bearer": clash.bearer,
                    "category": clash.get_category_display(),
                    "start": _fmt_day(clash.valid_from),
                    "end": _fmt_day(clash.valid_to),
                },
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cost_entry_save(
    *,
    entry: CostEntry | None = None,
    programme,
    organisation=None,
    region=None,
    category: str,
    monthly_amount: Decimal | None,
    valid_from: dt.date | None,
    valid_to: dt.date | None = None,
    note: str = "",
    by,
) -> CostEntry:
    """Create a cost entry (``entry=None``) or change ``entry``. ``by=None`` is the system (the
    demo, the command line). Raises ``PermissionDenied`` unless ``by`` writes for the
    coordination office, ``ValidationError`` (nothing written) on a bad value or an overlap."""
    require_coordination_writer(by, message=_("Nur die Regiestelle erfasst die Kosten eines Programms."))
    if entry is not None:
        entry = CostEntry.objects.select_for_update().get(pk=entry.pk)
        before = snapshot(entry, FIELDS)
    else:
        entry, before = CostEntry(), None
    if programme is not None:
        # one writer at a time per programme, so that two overlapping entries cannot both pass
        type(programme).objects.select_for_update().filter(pk=programme.pk).first()
    entry.programme = programme
    entry.organisation = organisation
    entry.region = region
    entry.category = category
    entry.monthly_amount = monthly_amount
    entry.valid_from = valid_from
    entry.valid_to = valid_to
    entry.note = (note or "").strip()
    validate(entry)
    entry.monthly_amount = Decimal(entry.monthly_amount).quantize(Decimal("0.01"))  # as stored
    entry.full_clean()
    entry.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=entry,
        summary=f"Kostenposten {entry.pk} des Programms {entry.programme_id}",
        before=before,
        after=snapshot(entry, FIELDS),
    )
    return entry
