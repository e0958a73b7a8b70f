"""How the import writes master-data rows: validate every row, then create and update in bulk.

``_upsert`` takes rows that the importer has parsed and resolved (``Row``: model field values,
codes turned into primary keys) and validates each with the model's ``full_clean`` (the validation
a ModelForm runs, at a fraction of the cost for many rows: ``_Builder``; uniqueness is settled by
the key lookup and the constraints are checked explicitly by the caller, so that no row costs a
query). An identical existing row is left alone; an existing key with different values is
updated. When any row fails nothing is written and the problems come back as ``RowError`` in the
``WriteResult``; else the rows are written in bulk with one audit row per created or changed object
(action ``import``, ``_write_audit``). The per-file functions that use it are in ``services.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core import validators as core_validators
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import signals
from django.db.models.base import ModelState
from django.utils import timezone

from stufenweg.core.audit import AUDIT_CHANGE_COLUMNS, AUDIT_ROW_COLUMNS, _jsonable
from stufenweg.core.models import AuditEntry
from stufenweg.core.tablewrite import fast_insert, insert_rows, reserve_ids
from stufenweg.organisations.models import User
from stufenweg.people.models import Person

BATCH = 2000


@dataclass(frozen=True, slots=True)
class RowError:
    ref: int  # the row's line number in its file
    field: str | None
    message: str


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    objects: dict[Any, models.Model] = field(default_factory=dict)  # key -> saved object
    unchanged_keys: set = field(default_factory=set)
    created_keys: set = field(default_factory=set)


@dataclass(slots=True)
class Row:
    """One resolved input row: its line, key and the model field values it gives."""

    ref: int
    key: Any
    values: dict[str, Any]


def _actor(by: User | None) -> tuple[User | None, str]:
    return (by if getattr(by, "pk", None) else None), (getattr(by, "username", "") or "system")


AUDIT_COLUMNS = (*AUDIT_ROW_COLUMNS, *AUDIT_CHANGE_COLUMNS)
_PLAIN = (str, int, bool, type(None))


def _json_ready(values: dict) -> dict:
    """``core.audit._jsonable`` of a dict of field values (plain values taken as they are)."""
    return {k: v if type(v) in _PLAIN else _jsonable(v) for k, v in values.items()}


def _write_audit(
    *, by, items: list[tuple[models.Model, dict | None, dict, Person | None]], summary: str
) -> None:
    """One audit row (action ``import``) per item: (object, before or None, after, person)."""
    actor, label = _actor(by)
    actor_id = actor.pk if actor is not None else None
    now = timezone.now()
    summary = summary[:255]
    action = AuditEntry.Action.IMPORT.value
    insert_rows(
        AuditEntry,
        AUDIT_COLUMNS,
        [
            (
                now,
                actor_id,
                label,
                action,
                obj._meta.label_lower,
                str(obj.pk),
                person.pk if person is not None else None,
                "",
                summary,
                _json_ready(before) if before is not None else None,
                _json_ready(after),
            )
            for obj, before, after, person in items
        ],
    )


# Field classes whose ``clean`` depends on the value alone (with validators from Django's own set).
_PURE_FIELDS = (
    models.CharField,
    models.TextField,
    models.DateField,
    models.BooleanField,
    models.IntegerField,
    models.SmallIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveIntegerField,
    models.BigIntegerField,
    models.DecimalField,
)
_MISSING = object()


class _Builder:
    """Unsaved instances of one model, validated as ``full_clean(exclude, validate_unique=False,
    validate_constraints=False)`` validates them, at a fraction of the cost for many rows.

    A new instance is a copy of a blank one's attributes with the given values (when the model
    has no callable defaults and no ``post_init`` receivers; else ``Model.__init__``). A field's
    cleaned value is remembered per value for fields whose cleaning depends on the value alone.
    Whenever anything fails, ``full_clean`` itself runs, so that the errors are exactly its own.
    """

    def __init__(self, model: type[models.Model], clean_exclude: list[str]):
        self.model = model
        self.exclude = clean_exclude
        opts = model._meta
        self.attnames = {f.attname for f in opts.concrete_fields}
        plain = not signals.post_init.has_listeners(model) and not any(
            f.has_default() and callable(f.default) for f in opts.concrete_fields
        )
        self.template = {k: v for k, v in model().__dict__.items() if k != "_state"} if plain else None
        self.fields = [
            (f, f.attname, self._pure(f))
            for f in opts.fields
            if f.name not in set(clean_exclude) and not f.generated
        ]
        self.memo: dict = {}

    @staticmethod
    def _pure(field: models.Field) -> bool:
        return type(field) in _PURE_FIELDS and all(
            type(v).__module__ == core_validators.__name__ for v in field.validators
        )

    def new(self, values: dict) -> models.Model:
        if self.template is None or not values.keys() <= self.attnames:
            return self.model(**values)
        obj = self.model.__new__(self.model)
        obj.__dict__.update(self.template)
        obj.__dict__.update(values)
        obj._state = ModelState()
        return obj

    def clean(self, obj: models.Model) -> None:
        """Raises ``ValidationError`` as ``full_clean`` would (it is ``full_clean`` that raises)."""
        try:
            d = obj.__dict__
            memo = self.memo
            for f, attname, pure in self.fields:
                raw = d[attname]
                if f.blank and raw in f.empty_values:
                    continue
                if not pure:
                    setattr(obj, attname, f.clean(raw, obj))
                    continue
                # Equal decimals may differ in places (1.0, 1.00), and validation counts them.
                key = (attname, raw.__class__, str(raw) if raw.__class__ is Decimal else raw)
                value = memo.get(key, _MISSING)
                if value is _MISSING:
                    value = f.clean(raw, obj)
                    if len(memo) >= 50_000:
                        memo.clear()
                    memo[key] = value
                d[attname] = value
            obj.clean()
        except ValidationError:
            obj.full_clean(exclude=self.exclude, validate_unique=False, validate_constraints=False)
            raise


def _messages(exc: ValidationError) -> list[tuple[str | None, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (None if name == "__all__" else name, message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [(None, message) for message in exc.messages]


def _upsert(
    *,
    model: type[models.Model],
    rows: list[Row],
    existing: dict[Any, models.Model],
    by: User | None,
    clean_exclude: list[str],
    summary: str,
    check=None,
    person_of=None,
) -> WriteResult:
    """Validate all rows; then create the new and update the changed ones in bulk."""
    result = WriteResult()
    to_create: list[tuple[Row, models.Model]] = []
    to_update: list[tuple[Row, models.Model, dict, dict]] = []
    builder = _Builder(model, clean_exclude)
    for row in rows:
        obj = existing.get(row.key)
        if obj is not None:
            before = {n: getattr(obj, n) for n, v in row.values.items() if getattr(obj, n) != v}
            if not before:
                result.unchanged += 1
                result.unchanged_keys.add(row.key)
                result.objects[row.key] = obj
                continue
            for name in before:
                setattr(obj, name, row.values[name])
        else:
            obj = builder.new(row.values)
            before = None
        try:
            builder.clean(obj)
            if check is not None:
                check(obj)
        except ValidationError as exc:
            result.errors.extend(RowError(row.ref, name, message) for name, message in _messages(exc))
            continue
        if before is None:
            to_create.append((row, obj))
        else:
            to_update.append((row, obj, before, {n: row.values[n] for n in before}))
        result.objects[row.key] = obj
    if result.errors:
        return result
    with transaction.atomic():
        if to_create:
            created = [obj for _row, obj in to_create]
            for obj, pk in zip(created, reserve_ids(model, len(created)), strict=True):
                obj.pk = pk
            fast_insert(model, created)
        if to_update:
            names = sorted({n for _r, _o, before, _a in to_update for n in before})
            model.objects.bulk_update([obj for _r, obj, _b, _a in to_update], names, batch_size=BATCH)
        audit = [(obj, None, row.values, person_of(obj) if person_of else None) for row, obj in to_create]
        audit += [(obj, b, a, person_of(obj) if person_of else None) for _r, obj, b, a in to_update]
        _write_audit(by=by, items=audit, summary=summary)
    result.created, result.updated = len(to_create), len(to_update)
    result.created_keys = {row.key for row, _obj in to_create}
    return result
