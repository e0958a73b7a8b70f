"""The Art. 15 export as a person reads it (the PDF): German field names instead of the column
names of the JSON, German dates and times, „ja“/„nein“, and kinds of records instead of model
codes. The JSON keeps its machine-readable keys; this module only presents them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from stufenweg.core.models import object_type_label

# Links whose field carries no German name of its own and for which the linked kind alone would
# be unclear or wrong ("created_by" is not „Benutzer“ but who created the record).
LINK_LABELS = {
    "created_by": N_("angelegt von"),
    "recorded_by": N_("erfasst von"),
    "decided_by": N_("entschieden von"),
    "staff": N_("Fachkraft"),
    "current_stage": N_("aktuelle Stufe"),
    "current_measure": N_("aktuelle Maßnahme"),
    "waiting_stage": N_("Stufe auf der Warteliste"),
    "entry_event": N_("Eintritt (Ereignis)"),
    "exit_event": N_("Austritt (Ereignis)"),
    "created_at": N_("angelegt am"),
    "recorded_at": N_("erfasst am"),
    "model": N_("Modell"),
}


def model_label(label_lower: str) -> str:
    """„Person“ for ``people.person``; the code itself for what is not a model."""
    return object_type_label(label_lower)


def field_label(model: type[models.Model] | None, name: str) -> str:
    if name in LINK_LABELS:
        return _(LINK_LABELS[name])
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a key of the export that is no field (none today)
        return name
    verbose = str(field.verbose_name)
    if verbose != name.replace("_", " "):
        return verbose
    if field.is_relation and field.related_model is not None:
        return str(field.related_model._meta.verbose_name)
    return name


def _date_or_time(text: str) -> str | None:
    if len(text) == 10:
        try:
            return formats.date_format(dt.date.fromisoformat(text), "d.m.Y")
        except ValueError:
            return None
    if len(text) > 10 and text[4] == "-" and "T" in text:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "d.m.Y H:i")
    return None


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, dict):
        return str(value.get("text", value.get("id", "–")))
    if value is True:
        return _("ja")
    if value is False:
        return _("nein")
    if isinstance(value, str):
        return _date_or_time(value) or value
    return str(value)


def _pairs(model: type[models.Model] | None, row: dict) -> list[tuple[str, str]]:
    return [(field_label(model, key), value_text(value)) for key, value in row.items() if key != "months"]


def _model(label_lower: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label_lower)
    except (LookupError, ValueError):
        return None


def readable(data: dict) -> dict:
    """The export ``data`` (``export.person_export_data``) as labelled rows for the PDF."""
    household = None
    if data.get("household"):
        household = {
            "id": data["household"].get("household_id", ""),
            "months": [
                {**month, "month": value_text(month.get("month"))} for month in data["household"]["months"]
            ],
        }
    return {
        "created_at": value_text(data["created_at"]),
        "person": _pairs(_model("people.person"), data["person"]),
        "household": household,
        "sections": [
            {
                "title": section["title"],
                "rows": [_pairs(_model(section["model"]), row) for row in section["rows"]],
            }
            for section in data["sections"]
        ],
        "documents": data.get("documents", []),
        "audit": [
            {
                "at": value_text(entry["at"]),
                "actor": entry["actor"],
                "action": entry["action"]["text"],
                "object": model_label(entry["object_type"]),
                "purpose": entry["purpose"],
            }
            for entry in data["audit"]
        ],
    }
