"""Every row that belongs to a person, found through the model graph (no hand-kept list).

From ``Person`` the walk follows reverse foreign keys and one-to-one links (``Participation`` →
events, enrolments, contacts, plans → goals → actions …) to a fixed depth. Models added later
by other apps are therefore included in the Art. 15 export and in the erasure automatically.
The audit trail is handled on its own (``core.AuditEntry``), and so are the person's household
and its benefit months (forward links).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models

SKIP = {"core.auditentry", "privacy.anonymisation"}
MAX_DEPTH = 4


@dataclass
class Rows:
    model: type[models.Model]
    queryset: models.QuerySet
    path: str  # "journeys.participation > casework.contact"


def _reverse_relations(model: type[models.Model]):
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            continue
        yield rel


def related_rows(person) -> Iterator[Rows]:
    """Querysets of the rows that hang off ``person`` (breadth first, each model once)."""
    from stufenweg.people.models import Person

    seen: set[str] = set()
    frontier: list[tuple[type[models.Model], models.QuerySet, str, int]] = [
        (Person, Person.objects.filter(pk=person.pk), "", 0)
    ]
    while frontier:
        model, queryset, path, depth = frontier.pop(0)
        if depth >= MAX_DEPTH:
            continue
        for rel in _reverse_relations(model):
            target = rel.related_model
            label = target._meta.label_lower
            if label in SKIP or label in seen:
                continue
            if not any(f is rel.field for f in target._meta.concrete_fields):
                continue
            seen.add(label)
            rows = target._base_manager.filter(**{f"{rel.field.name}__in": queryset.values("pk")})
            new_path = f"{path} > {label}" if path else label
            yield Rows(model=target, queryset=rows, path=new_path)
            frontier.append((target, rows, new_path, depth + 1))


def free_text_fields(model: type[models.Model]) -> list[models.Field]:
    """Char and text fields that are free text (no choices, not a key column)."""
    result = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or field.primary_key or field.unique:
            continue
        result.append(field)
    return result
