"""Programme costs in the exchange format: programme_costs.csv — an optional extension file
(docs/exchange.md, „Kosten der Programme“); a directory without it imports as before.

One row per cost entry: the programme, the bearer (an organisation code *or* a region code), the
category (``staff``, ``measures``, ``other``), the amount per month in EUR (two decimals), the
validity (``valid_from``, optional ``valid_to``) and a note. The key is programme × organisation ×
region × category × valid_from. The import runs after the master data and writes through
``costs.services.cost_entry_save`` as the importing user — the same checks as the web form and
the API (the coordination office's writing members; amount ≥ 0; validity ordered; no overlap
with another entry of the same programme, bearer and category, also among the file's rows).
Whatever they refuse is a problem of its row; with any problem nothing is written. An existing
entry with the same key and other values is changed (amount, end, note). No personal data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stufenweg.costs import services
from stufenweg.costs.models import CostEntry
from stufenweg.interchange import schemas as s
from stufenweg.interchange.extension_rows import ExtensionImport
from stufenweg.interchange.writer import fmt
from stufenweg.organisations.models import Organisation, Region
from stufenweg.programmes.models import Programme

SCHEMA = s.PROGRAMME_COSTS


class CostImport(ExtensionImport):
    schemas = (SCHEMA,)

    def _find(self, model, row, column: str, what: str):
        code = row.values.get(column)
        if not code:
            return None, True
        found = model.objects.filter(code=code).first()
        if found is None:
            self._problem(
                SCHEMA,
                row,
                column,
                _("%(what)s „%(code)s“ ist nicht bekannt.") % {"what": what, "code": code},
            )
            return None, False
        return found, True

    def run(self) -> None:
        for row in self.rows[SCHEMA.name]:
            v = row.values
            programme, ok_p = self._find(Programme, row, "programme", _("Das Programm"))
            organisation, ok_o = self._find(Organisation, row, "organisation", _("Die Organisation"))
            region, ok_r = self._find(Region, row, "region", _("Die Region"))
            if not (ok_p and ok_o and ok_r) or programme is None:
                continue
            values = {
                "programme": programme,
                "organisation": organisation,
                "region": region,
                "category": v["category"],
                "monthly_amount": v["monthly_amount"],
                "valid_from": v["valid_from"],
                "valid_to": v.get("valid_to"),
                "note": v.get("note") or "",
            }
            entry = CostEntry.objects.filter(
                programme=programme,
                organisation=organisation,
                region=region,
                category=v["category"],
                valid_from=v["valid_from"],
            ).first()
            if entry is not None and (entry.monthly_amount, entry.valid_to, entry.note) == (
                values["monthly_amount"],
                values["valid_to"],
                values["note"],
            ):
                self._count(SCHEMA, "unchanged")
                continue
            try:
                services.cost_entry_save(entry=entry, by=self.ctx.by, **values)
            except (ValidationError, PermissionDenied) as exc:
                self._refused(SCHEMA, row, exc)  # the file names each field as the service does
                continue
            self._count(SCHEMA, "created" if entry is None else "updated")


# --- export ---------------------------------------------------------------------------------------


def cost_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = CostEntry.objects.filter(programme=programme).select_related("organisation", "region")
    rows = [
        [
            programme.code,
            e.organisation.code if e.organisation_id else "",
            e.region.code if e.region_id else "",
            e.category,
            fmt(e.monthly_amount),
            fmt(e.valid_from),
            fmt(e.valid_to),
            e.note,
        ]
        for e in queryset
    ]
    yield from sorted(rows)


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [(SCHEMA, lambda: cost_rows(programme))]
