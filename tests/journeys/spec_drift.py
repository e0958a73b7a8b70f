"""The places that know about journey event kinds, compared with a declaration (``journeys.spec``).

Each ``*_drift`` function takes the declaration to compare with (the real one, or a changed copy in
the test that shows the check would notice) and returns the differences as readable lines.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Mapping

from django import forms
from django.db import models
from rest_framework import serializers

from stufenweg.api.serializers.journeys import EventCreateSerializer, EventSerializer
from stufenweg.casework.actions import ACTIONS
from stufenweg.indicators import build, build_enrolments, build_outcomes
from stufenweg.interchange import schemas, writer
from stufenweg.journeys import authority, bulk_events, recording, rules, spec
from stufenweg.journeys.models import JourneyEvent
from stufenweg.journeys.records import Ev
from stufenweg.journeys.spec import Field, KindSpec

# The columns of events.csv in the export's order (EXCHANGE_FORMAT.md: the common columns, then the
# further columns of the kinds; a round trip gives the same bytes, so this order is a contract).
EVENTS_CSV = (
    "event_id",
    "person_id",
    "programme",
    "event",
    "date",
    "recorded_at",
    "region",
    "measure",
    "stage",
    "supersedes",
    "referrer",
    "result",
    "planned_end",
    "employment_status",
    "unemployed_since",
    "benefit",
    "change",
    "reason",
    "exit_kind",
    "statuses",
    "qualification",
    "employer",
    "end_date",
    "first_labour_market",
    "employment_kind",
    "hours",
    "benefit_effect",
    "reached",
    "source",
    "reason_code",  # an extension of the format (docs/exchange.md): optional on import
)
HEAD = EVENTS_CSV[:6]  # the columns every row has, not fields of the spec
MODEL_HEAD = ("event_id", "kind", "occurred_on", "recorded_at", "recorded_by")
# The kinds no indicator reads (indicators/build.py: REPORTED_KINDS are the others). A new kind
# must be put on one side or the other.
NOT_READ_BY_INDICATORS = frozenset({"assessment_result", "interruption", "resumption", "void"})

MODEL_TYPES = {
    spec.TEXT: models.TextField,
    spec.CODE: models.CharField,
    spec.REF: models.ForeignKey,
    spec.DATE: models.DateField,
    spec.BOOL: models.BooleanField,
    spec.DECIMAL: models.DecimalField,
    spec.STATUSES: models.CharField,
    spec.LISTED: models.CharField,
}
COLUMN_KINDS = {
    spec.TEXT: schemas.STR,
    spec.CODE: schemas.CODE,
    spec.REF: schemas.REF,
    spec.DATE: schemas.DATE,
    spec.BOOL: schemas.BOOL,
    spec.DECIMAL: schemas.DECIMAL,
    spec.STATUSES: schemas.STATUSES,
    spec.LISTED: schemas.STR,
}


def _names(fields) -> list[str]:
    return [f.name for f in fields]


def model_drift(fields: tuple[Field, ...]) -> list[str]:
    """The model's columns and the declared fields: the same names, types, code lists, digits."""
    model = {
        f.name: f
        for f in JourneyEvent._meta.concrete_fields
        if f.name not in ("id", "participation", *MODEL_HEAD)
    }
    out = []
    if set(model) != set(_names(fields)):
        out.append(f"model fields {sorted(model)} != spec {sorted(_names(fields))}")
    for f in fields:
        column = model.get(f.name)
        if column is None:
            continue
        if not isinstance(column, MODEL_TYPES[f.type]) or isinstance(column, models.ForeignKey) != (
            f.type == spec.REF
        ):
            out.append(f"{f.name}: model {type(column).__name__} for {f.type}")
        if f.type == spec.CODE and tuple(v for v, _l in column.choices) != f.codes:
            out.append(f"{f.name}: model choices differ")
        if f.type == spec.LISTED and column.max_length != f.max_length:
            out.append(f"{f.name}: model max_length {column.max_length} != {f.max_length}")
        if f.type == spec.STATUSES and column.max_length < len("|".join(f.codes)):
            out.append(f"{f.name}: the model cannot hold every status")
        if f.type == spec.DECIMAL and (column.max_digits, column.decimal_places) != (f.digits, f.places):
            out.append(f"{f.name}: model digits differ")
    return out


def services_drift(fields: tuple[Field, ...]) -> list[str]:
    """The services' field list, the bulk path's columns (the model's order) and ``Ev``."""
    out = []
    recorded = [f.name for f in fields if f.refers_to != "event"]
    if recorded != recording.EVENT_FIELDS:
        out.append(f"recording.EVENT_FIELDS {recording.EVENT_FIELDS} != {recorded}")
    model_order = [
        f.attname
        for f in JourneyEvent._meta.concrete_fields
        if f.attname not in ("id", "participation_id", "supersedes_id")
    ]
    expected = {"event_id", "kind", "occurred_on", "recorded_at", "recorded_by_id"} | {
        f.attname for f in fields if f.refers_to != "event"
    }
    if list(bulk_events.EVENT_FIELDS) != model_order or set(bulk_events.EVENT_FIELDS) != expected:
        out.append(f"bulk_events.EVENT_FIELDS {bulk_events.EVENT_FIELDS} != {sorted(expected)}")
    rule_names = {f.rule_name for f in fields if f.rules}
    ev = {f.name for f in dataclasses.fields(Ev)} - {"key", "kind", "occurred_on", "recorded_at", "order"}
    if ev != rule_names:
        out.append(f"Ev fields {sorted(ev)} != spec fields the rules read {sorted(rule_names)}")
    values = {"supersedes" if n == "supersedes__event_id" else n for n in Ev.FIELDS} - {
        "event_id",
        "kind",
        "occurred_on",
        "recorded_at",
        "id",
    }
    if values != rule_names:
        out.append(f"Ev.FIELDS {sorted(values)} != {sorted(rule_names)}")
    return out


def rules_drift(kinds: Mapping[str, KindSpec]) -> list[str]:
    """The rules' tables, the opening kinds, the authority table."""
    out = []
    if spec.transitions(kinds) != rules.TRANSITIONS:
        out.append("rules.TRANSITIONS differs from the spec")
    if spec.required_fields(kinds) != rules.REQUIRED_FIELDS:
        out.append("rules.REQUIRED_FIELDS differs from the spec")
    ev = {f.name for f in dataclasses.fields(Ev)}
    for kind, names in spec.required_fields(kinds).items():
        out.extend(f"{kind}: required {n} is not a field of Ev" for n in names if n not in ev)
    opening = {k for k, s in kinds.items() if s.opens_participation}
    if set(recording.OPENING_KINDS) != opening:
        out.append(f"recording.OPENING_KINDS {sorted(recording.OPENING_KINDS)} != {sorted(opening)}")
    declared = {k: (s.recorded_by, s.amending) for k, s in kinds.items() if s.kind != "void"}
    actual = {k: (a.record, a.amending) for k, a in authority.AUTHORITY.items()}
    if declared != actual:
        out.append("authority.AUTHORITY differs from the spec")
    return out


def schema_drift(fields: tuple[Field, ...]) -> list[str]:
    """events.csv: the contract's column order, and each column's kind and limits."""
    out = []
    if schemas.EVENTS.names != EVENTS_CSV:
        out.append(f"events.csv columns {schemas.EVENTS.names} != the contract")
    columns = schemas.EVENTS.columns[len(HEAD) :]
    if [c.name for c in columns] != _names(fields):
        out.append(f"events.csv field columns {[c.name for c in columns]} != spec {_names(fields)}")
    for f, c in zip(fields, columns, strict=False):
        if (c.kind, c.choices, c.max_length, c.min_value, c.max_value, c.places, c.required) != (
            COLUMN_KINDS[f.type],
            f.codes,
            f.max_length,
            f.min_value,
            f.max_value,
            f.places,
            False,
        ):
            out.append(f"events.csv column {c.name} differs from the spec: {c}")
    return out


def writer_drift(fields: tuple[Field, ...]) -> list[str]:
    """The export's value lookups, in the contract's order and naming the declared fields."""
    head = {
        "kind": "event",
        "occurred_on": "date",
        "participation__person__person_id": "person_id",
        "participation__programme__code": "programme",
    }
    out = []
    names = [head.get(v, v.split("__")[0]) for v in writer.EVENT_VALUES]
    if tuple(names) != (*HEAD, *_names(fields)):
        out.append(f"writer.EVENT_VALUES {writer.EVENT_VALUES} != the columns")
    for f in fields:
        if f.type != spec.REF:
            continue
        lookup = f"{f.name}__{'event_id' if f.refers_to == 'event' else 'code'}"
        if lookup not in writer.EVENT_VALUES:
            out.append(f"writer: {f.name} is not exported by its code ({lookup})")
    return out


def api_drift(fields: tuple[Field, ...]) -> list[str]:
    """The API's fields of a new event (types, code lists, limits, all optional) and of a read one."""
    created = EventCreateSerializer().fields
    head = ["event_id", "person_id", "programme", "event", "date"]
    out = []
    if list(created) != [*head, *_names(fields), "confirm_overbooking", "confirm_entry_date"]:
        out.append(f"API fields {list(created)} != spec")
    for f in fields:
        field = created.get(f.name)
        if field is None:
            continue
        if field.required:
            out.append(f"API {f.name}: required (the rules decide per kind)")
        out.extend(f"API {f.name}: {p}" for p in _api_field_drift(f, field))
    read = set(EventSerializer.Meta.fields)
    out.extend(f"API read serializer lacks {f.name}" for f in fields if f.name not in read)
    return out


def _api_field_drift(f: Field, field: serializers.Field) -> list[str]:
    if f.type == spec.CODE:
        return [] if tuple(field.choices) == f.codes else ["choices differ"]
    if f.type == spec.STATUSES:
        ok = isinstance(field, serializers.ListField) and tuple(field.child.choices) == f.codes
        return [] if ok and field.max_length == len(f.codes) else ["status codes differ"]
    if f.type in (spec.TEXT, spec.LISTED) or (f.type == spec.REF and f.refers_to in ("stage", "event")):
        return [] if getattr(field, "max_length", None) == f.max_length else ["max_length differs"]
    if f.type == spec.DECIMAL:
        got = (field.max_digits, field.decimal_places, field.min_value, field.max_value)
        return [] if got == (f.digits, f.places, f.min_value, f.max_value) else ["limits differ"]
    expected = {
        spec.REF: serializers.SlugRelatedField,
        spec.DATE: serializers.DateField,
        spec.BOOL: serializers.BooleanField,
    }
    return [] if isinstance(field, expected[f.type]) else [f"{type(field).__name__} for {f.type}"]


def actions_drift(kinds: Mapping[str, KindSpec]) -> list[str]:
    """The participant page's actions: offered only in states the kind may follow, by its recorders."""
    out = []
    for slug, action in ACTIONS.items():
        s = kinds.get(action.event_kind)
        if s is None:
            out.append(f"{slug}: {action.event_kind} is not declared")
            continue
        if not action.states <= s.follows:
            out.append(
                f"{slug}: offered in {sorted(action.states - s.follows)}, which the kind may not follow"
            )
        expected = s.follows if action.only_in is None else s.follows & action.only_in
        if action.states != expected:
            out.append(f"{slug}: states {sorted(map(str, action.states))} not derived from the spec")
        if action.kinds != s.recorded_by:
            out.append(f"{slug}: organisation kinds differ from the spec")
    return out


def forms_drift(
    kinds: Mapping[str, KindSpec], fields: tuple[Field, ...], *, participation, user
) -> list[str]:
    """Each action's form: its event fields belong to the kind, are required exactly where the kind
    needs them (required or asked), with the declared code lists and limits; none it needs is missing."""
    declared = {f.name: f for f in fields}
    out = []
    for slug, action in ACTIONS.items():
        s = kinds.get(action.event_kind)
        if s is None:
            continue
        form = action.form_class(participation=participation, user=user)
        out.extend(f"{slug}: {p}" for p in _form_drift(form, s, declared))
    return out


def void_form_drift(form: forms.Form, kinds: Mapping[str, KindSpec], fields: tuple[Field, ...]) -> list[str]:
    declared = {f.name: f for f in fields}
    return [f"void: {p}" for p in _form_drift(form, kinds["void"], declared, page_gives={"supersedes"})]


def _form_drift(
    form: forms.Form, s: KindSpec, declared: dict[str, Field], page_gives=frozenset()
) -> list[str]:
    out = []
    shown = set()
    for name, field in form.fields.items():
        if name in ("occurred_on", "confirm_overbooking", "confirm_entry_date"):
            continue
        if name == "new_employer":  # organisations.pick: a new employer that becomes ``employer``
            continue
        event_field = getattr(field, "event_field", name)
        f = declared.get(event_field)
        if f is None:
            out.append(f"form field {name} is no declared event field")
            continue
        shown.add(event_field)
        if event_field not in (*s.fields, *spec.COMMON):
            out.append(f"{name}: not a field of {s.kind}")
        if field.required != s.needs(event_field):
            out.append(f"{name}: required={field.required}, the spec says {s.needs(event_field)}")
        if f.max_length is not None and f.type == spec.TEXT and field.max_length != f.max_length:
            out.append(f"{name}: max_length {field.max_length} != {f.max_length}")
        if f.type in (spec.CODE, spec.STATUSES):
            codes = tuple(v for v, _l in field.choices if v != "")
            if codes != f.codes:
                out.append(f"{name}: choices {codes} != {f.codes}")
        if f.type == spec.DECIMAL:
            got = (field.max_digits, field.decimal_places, field.min_value, field.max_value)
            if got != (f.digits, f.places, f.min_value, f.max_value):
                out.append(f"{name}: limits differ")
    missing = {*s.required, *s.asked} - shown - set(page_gives)
    out.extend(f"the form lacks {name}, which {s.kind} needs" for name in sorted(missing))
    return out


_KIND_SQL = re.compile(r"\bkind\s+(?:=|IN)\s+(\([^)]*\)|'[a-z_]+')")


def indicator_drift(kinds: Mapping[str, KindSpec]) -> list[str]:
    """The kind lists of the indicator SQL: every kind named is a reported kind, every declared kind
    is reported or explicitly not, and the enrolment steps open and close on the declared kinds."""
    source = (
        inspect.getsource(build) + inspect.getsource(build_enrolments) + inspect.getsource(build_outcomes)
    )
    named = {code for group in _KIND_SQL.findall(source) for code in re.findall(r"'([a-z_]+)'", group)}
    reported = set(build.REPORTED_KINDS)
    out = []
    if not named <= reported:
        out.append(f"the SQL names kinds it never reads: {sorted(named - reported)}")
    if reported & NOT_READ_BY_INDICATORS or reported | NOT_READ_BY_INDICATORS != set(kinds):
        out.append(
            f"kinds neither reported nor left out: {sorted(set(kinds) - reported - NOT_READ_BY_INDICATORS)}"
        )
    opening = {k for k, s in kinds.items() if s.opens_enrolment}
    closing = {k for k, s in kinds.items() if s.closes_enrolment}
    for what, kinds_in_sql, declared in (
        ("opened by", _sql_set(source, r"WHERE e\.kind IN (\([^)]*\))\s*\n"), opening),
        ("closed by", _sql_set(source, r'ends = "n[._]kind IN (\([^)]*\))"'), closing),
        (
            "opened or closed by",
            _sql_set(source, r'numbered_table\(\s*"sw_ese".*?FROM sw_ev WHERE kind IN (\([^)]*\))'),
            opening | closing,
        ),
    ):
        if kinds_in_sql != declared:
            out.append(f"enrolments {what} {sorted(kinds_in_sql)} in the SQL, {sorted(declared)} declared")
    return out


def _sql_set(source: str, pattern: str) -> set[str]:
    match = re.search(pattern, source, re.DOTALL)
    return set(re.findall(r"'([a-z_]+)'", match.group(1))) if match else set()
